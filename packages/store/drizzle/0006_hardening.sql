-- 0006_hardening: written by hand (see the schema in src/db/schema.ts).
-- A declined aanmelding gets a status of its own, `afgewezen`, apart from a withdrawn one (`geannuleerd`):
-- trajects declined before this migration move over. The revision is left alone (nothing the client saw
-- changes meaning).
UPDATE "trajects" SET "status" = 'afgewezen'
WHERE "status" = 'geannuleerd'
  AND "id" IN (SELECT "traject_id" FROM "traject_intakes" WHERE "decision" = 'afgewezen');
--> statement-breakpoint
-- The VNG team's page sessions that were signed out (`/uitloggen`): a session cookie, and every traject link
-- handed out in that session, stops working although it has not expired yet. Rows older than a session's
-- lifetime (8 hours) mean nothing any more and may be removed.
CREATE TABLE "ended_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL
);
