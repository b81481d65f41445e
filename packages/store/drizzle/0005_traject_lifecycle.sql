-- 0005_traject_lifecycle: written by hand (see the schema in src/db/schema.ts).
-- The traject as the VNG runs it: aanmelding and decision, kernvraag history, form answers on the dossier,
-- deliverables, the expert team, extra sessions, lessons and programmes.
ALTER TABLE "trajects" ADD COLUMN "as_of" date;
--> statement-breakpoint
CREATE TABLE "traject_intakes" (
	"traject_id" text PRIMARY KEY NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"vraagstuk" text NOT NULL,
	"contact" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"submission_id" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"decline_reason" text,
	CONSTRAINT "traject_intakes_decision_check" CHECK ("decision" IS NULL OR "decision" IN ('geaccepteerd', 'afgewezen'))
);
--> statement-breakpoint
CREATE TABLE "kernvraag_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kernvraag_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"kernvraag" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE INDEX "kernvraag_changes_traject_idx" ON "kernvraag_changes" USING btree ("traject_id","id");
--> statement-breakpoint
CREATE TABLE "traject_form_answers" (
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"form_id" text NOT NULL,
	"respondent" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submission_id" text,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "traject_form_answers_pk" PRIMARY KEY("traject_id","form_id","respondent")
);
--> statement-breakpoint
CREATE TABLE "deliverables" (
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"body" text,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "deliverables_pk" PRIMARY KEY("traject_id","kind","version"),
	CONSTRAINT "deliverables_state_check" CHECK ("state" IN ('concept', 'gepresenteerd', 'vastgesteld'))
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"role" text NOT NULL,
	"expertise" jsonb NOT NULL,
	CONSTRAINT "team_members_pk" PRIMARY KEY("traject_id","id")
);
--> statement-breakpoint
CREATE TABLE "extra_sessions" (
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"planned_date" date NOT NULL,
	"actual_date" date,
	"note" text,
	CONSTRAINT "extra_sessions_pk" PRIMARY KEY("traject_id","key")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" text PRIMARY KEY NOT NULL,
	"theme" text NOT NULL,
	"kind" text NOT NULL,
	"uitgangspunten" jsonb NOT NULL,
	"traject_id" text REFERENCES "trajects"("id") ON DELETE cascade,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"shared" boolean NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "lessons_traject_idx" ON "lessons" USING btree ("traject_id");
--> statement-breakpoint
CREATE TABLE "programmes" (
	"key" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_trajects" (
	"programme_key" text NOT NULL REFERENCES "programmes"("key") ON DELETE cascade,
	"traject_id" text NOT NULL REFERENCES "trajects"("id") ON DELETE cascade,
	CONSTRAINT "programme_trajects_pk" PRIMARY KEY("programme_key","traject_id")
);
--> statement-breakpoint
CREATE TABLE "programme_measurements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "programme_measurements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme_key" text NOT NULL REFERENCES "programmes"("key") ON DELETE cascade,
	"indicator_id" text NOT NULL,
	"measured_on" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "programme_measurements_idx" ON "programme_measurements" USING btree ("programme_key","indicator_id","measured_on");
