-- 0009_sources_facts: written by hand (see the schema in src/db/schema.ts).
-- Why a traject has its status (Tabel 1: why Oldenzaal stopped), which of its parts are illustrative (demo data
-- no source gives), and a lesson's way to the library: offered lessons wait for the VNG team's approval.
ALTER TABLE "trajects" ADD COLUMN "status_reason" text;
--> statement-breakpoint
ALTER TABLE "trajects" ADD COLUMN "illustrative" jsonb;
--> statement-breakpoint
ALTER TABLE "lessons" ADD COLUMN "status" text DEFAULT 'gepubliceerd' NOT NULL;
--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_status_check" CHECK ("status" IN ('ter-goedkeuring', 'gepubliceerd', 'afgewezen'));
--> statement-breakpoint
CREATE INDEX "lessons_status_idx" ON "lessons" USING btree ("status");
