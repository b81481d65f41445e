-- 0003_outbox_recipients: written by hand (see the schema in src/db/schema.ts).
-- One outbox row per (key, channel, recipient): a reminder to five people is five deliveries, so a retry
-- reaches only those not yet reached. Rows of 0000-0002 become the webhook's single recipient, so nothing
-- already sent is sent again after the upgrade.
ALTER TABLE "reminder_deliveries" ADD COLUMN "recipient" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD COLUMN "recipient_kind" text;--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD COLUMN "participant_id" text;--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD COLUMN "timely_until" timestamp with time zone;--> statement-breakpoint
UPDATE "reminder_deliveries" SET "recipient" = 'webhook', "recipient_kind" = 'endpoint' WHERE "channel" = 'webhook';--> statement-breakpoint
ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_idempotency_key_channel_pk";--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_idempotency_key_channel_recipient_pk" PRIMARY KEY("idempotency_key","channel","recipient");--> statement-breakpoint
ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_state_check";--> statement-breakpoint
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_state_check" CHECK ("reminder_deliveries"."state" in ('pending', 'claimed', 'sent', 'failed', 'ambiguous', 'no-channel', 'niet-van-toepassing', 'verlopen', 'vervallen'));
