CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"role" text NOT NULL,
	"traject_id" text,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_role_scope_check" CHECK (("api_tokens"."role" = 'vng' and "api_tokens"."traject_id" is null) or ("api_tokens"."role" = 'gemeente' and "api_tokens"."traject_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"traject_id" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"traject_id" text NOT NULL,
	"item_id" text NOT NULL,
	"position" integer NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	CONSTRAINT "checklist_items_traject_id_item_id_pk" PRIMARY KEY("traject_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "duo_interviews" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duo_interviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"round_id" text NOT NULL,
	"slot" text NOT NULL,
	"participant_a" text NOT NULL,
	"participant_b" text NOT NULL,
	"moderator" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duo_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"traject_id" text NOT NULL,
	"round_number" integer NOT NULL,
	"input" jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duo_rounds_traject_round_unique" UNIQUE("traject_id","round_number")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"id" text PRIMARY KEY NOT NULL,
	"form_id" text NOT NULL,
	"traject_id" text,
	"answers" jsonb NOT NULL,
	"surface" text NOT NULL,
	"subject" text,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_logs" (
	"traject_id" text NOT NULL,
	"id" text NOT NULL,
	"role" text NOT NULL,
	"participant_id" text,
	"date" date NOT NULL,
	"hours" double precision NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hour_logs_traject_id_id_pk" PRIMARY KEY("traject_id","id")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"traject_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"role" text NOT NULL,
	"perspective" text,
	"organisation" text,
	CONSTRAINT "participants_traject_id_id_pk" PRIMARY KEY("traject_id","id")
);
--> statement-breakpoint
CREATE TABLE "phases" (
	"traject_id" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	CONSTRAINT "phases_traject_id_key_pk" PRIMARY KEY("traject_id","key")
);
--> statement-breakpoint
CREATE TABLE "platform_links" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"traject_id" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_links_kind_external_unique" UNIQUE("kind","external_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"idempotency_key" text NOT NULL,
	"channel" text NOT NULL,
	"traject_id" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"external_id" text,
	"intent" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "reminder_deliveries_idempotency_key_channel_pk" PRIMARY KEY("idempotency_key","channel"),
	CONSTRAINT "reminder_deliveries_state_check" CHECK ("reminder_deliveries"."state" in ('claimed', 'sent', 'failed', 'ambiguous', 'no-channel'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"traject_id" text NOT NULL,
	"key" text NOT NULL,
	"phase_key" text NOT NULL,
	"position" integer NOT NULL,
	"planned_date" date NOT NULL,
	"actual_date" date,
	CONSTRAINT "sessions_traject_id_key_pk" PRIMARY KEY("traject_id","key")
);
--> statement-breakpoint
CREATE TABLE "trajects" (
	"id" text PRIMARY KEY NOT NULL,
	"gemeenten" jsonb NOT NULL,
	"kernvraag" text NOT NULL,
	"themes" jsonb NOT NULL,
	"template_key" text NOT NULL,
	"start_date" date NOT NULL,
	"status" text NOT NULL,
	"region" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vit_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vit_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"traject_id" text NOT NULL,
	"bank_id" text NOT NULL,
	"bank_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" text
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duo_interviews" ADD CONSTRAINT "duo_interviews_round_id_duo_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."duo_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duo_rounds" ADD CONSTRAINT "duo_rounds_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_logs" ADD CONSTRAINT "hour_logs_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phases" ADD CONSTRAINT "phases_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_links" ADD CONSTRAINT "platform_links_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vit_answers" ADD CONSTRAINT "vit_answers_traject_id_trajects_id_fk" FOREIGN KEY ("traject_id") REFERENCES "public"."trajects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_traject_idx" ON "audit_log" USING btree ("traject_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "duo_interviews_round_idx" ON "duo_interviews" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "form_submissions_traject_idx" ON "form_submissions" USING btree ("traject_id","submitted_at");--> statement-breakpoint
CREATE INDEX "participants_email_idx" ON "participants" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "platform_links_traject_idx" ON "platform_links" USING btree ("traject_id");--> statement-breakpoint
CREATE INDEX "reminder_deliveries_traject_idx" ON "reminder_deliveries" USING btree ("traject_id");--> statement-breakpoint
CREATE INDEX "reminder_deliveries_due_idx" ON "reminder_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "vit_answers_traject_idx" ON "vit_answers" USING btree ("traject_id","submitted_at");