-- 0006_hardening: written by hand (see the schema in src/db/schema.ts).
-- The VNG team's page sessions that were signed out (`/uitloggen`): a session cookie, and every traject link
-- handed out in that session, stops working although it has not expired yet. Rows older than a session's
-- lifetime (8 hours) mean nothing any more and may be removed.
CREATE TABLE "ended_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL
);
