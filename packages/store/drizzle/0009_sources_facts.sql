-- 0009_sources_facts: written by hand (see the schema in src/db/schema.ts).
-- Why a traject has its status (Tabel 1: why Oldenzaal stopped) and which of its parts are illustrative (demo
-- data no source gives). The lessons' approval queue is 0007's `lessons.approval`.
ALTER TABLE "trajects" ADD COLUMN "status_reason" text;
--> statement-breakpoint
ALTER TABLE "trajects" ADD COLUMN "illustrative" jsonb;
