-- 0004_plugin_ports: written by hand (see the schema in src/db/schema.ts).
-- What the plugins need from the store (core's ports): links per person with a revision for compare-and-set,
-- one-time link codes, duo rounds from availability to schedule, and custom templates kept with their traject.
ALTER TABLE "platform_links" ADD COLUMN "participant_key" text;
--> statement-breakpoint
ALTER TABLE "platform_links" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE INDEX "platform_links_participant_idx" ON "platform_links" USING btree ("participant_key");
--> statement-breakpoint
CREATE TABLE "link_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"purpose" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "link_codes_traject_idx" ON "link_codes" USING btree ("traject_id");
--> statement-breakpoint
-- Rounds saved before this migration were saved with their schedule: they are `gepland`.
ALTER TABLE "duo_rounds" ADD COLUMN "state" text DEFAULT 'gepland' NOT NULL;
--> statement-breakpoint
ALTER TABLE "duo_rounds" ALTER COLUMN "state" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD CONSTRAINT "duo_rounds_state_check" CHECK ("state" in ('beschikbaarheid', 'gepland', 'geannuleerd'));
--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD COLUMN "deadline" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD COLUMN "availability" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
UPDATE "duo_rounds" SET "updated_at" = "created_at";
--> statement-breakpoint
ALTER TABLE "duo_rounds" ALTER COLUMN "schedule" DROP NOT NULL;
--> statement-breakpoint
-- The interviews live in duo_rounds.schedule (with their cancellations); this copy of them goes.
DROP TABLE "duo_interviews";
--> statement-breakpoint
ALTER TABLE "trajects" ADD COLUMN "template" jsonb;
