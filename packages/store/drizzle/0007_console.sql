-- 0007_console: written by hand (see the schema in src/db/schema.ts).
-- The VNG team approves lessons before they are public, and a declined aanmelding is `afgewezen`, no longer
-- `geannuleerd` (the status of a traject that was cancelled).
ALTER TABLE "lessons" ADD COLUMN "approval" text DEFAULT 'goedgekeurd' NOT NULL;
--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "decided_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "decided_by" text;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_approval_check" CHECK ("approval" IN ('wacht', 'goedgekeurd', 'afgewezen'));
--> statement-breakpoint
CREATE INDEX "lessons_approval_idx" ON "lessons" USING btree ("approval");
--> statement-breakpoint
UPDATE "trajects" SET "status" = 'afgewezen'
FROM "traject_intakes"
WHERE "traject_intakes"."traject_id" = "trajects"."id"
  AND "traject_intakes"."decision" = 'afgewezen'
  AND "trajects"."status" = 'geannuleerd';
