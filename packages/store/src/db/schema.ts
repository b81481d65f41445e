import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/**
 * The database schema. The traject aggregate is spread over one table per part (phases, sessions, checklist…)
 * so that a change touches one row and AVG erasure can find personal data by column.
 * Migrations in ../../drizzle are generated from this file with `npm run db:generate`.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const trajectRef = () =>
  text('traject_id')
    .notNull()
    .references(() => trajects.id, { onDelete: 'cascade' });

export const trajects = pgTable('trajects', {
  id: text('id').primaryKey(),
  gemeenten: jsonb('gemeenten').notNull(),
  kernvraag: text('kernvraag').notNull(),
  themes: jsonb('themes').$type<string[]>().notNull(),
  templateKey: text('template_key').notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  status: text('status').notNull(),
  region: text('region'),
  /** A template loaded from a file travels with its traject (core's `Traject.template`); null for built-ins. */
  template: jsonb('template').$type<Record<string, unknown>>(),
  /** A traject known only as of a report (seed 002 Tabel 1, April 2024): shown as of then, never reminded. */
  asOf: date('as_of', { mode: 'string' }),
  /** Why the traject has its status (core's `Traject.statusReason`), e.g. why it stopped. */
  statusReason: text('status_reason'),
  /** Parts of a demo traject no source gives (core's `Traject.illustrative`); null when all is real. */
  illustrative: jsonb('illustrative').$type<string[]>(),
  /** Optimistic concurrency: +1 on every change; an update names the revision it saw. */
  revision: integer('revision').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const participants = pgTable(
  'participants',
  {
    trajectId: trajectRef(),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role').notNull(),
    perspective: text('perspective'),
    organisation: text('organisation'),
  },
  (table) => [
    primaryKey({ columns: [table.trajectId, table.id] }),
    index('participants_email_idx').on(sql`lower(${table.email})`),
  ],
);

export const phases = pgTable(
  'phases',
  {
    trajectId: trajectRef(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    plannedStart: date('planned_start', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }).notNull(),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.key] })],
);

export const sessions = pgTable(
  'sessions',
  {
    trajectId: trajectRef(),
    key: text('key').notNull(),
    phaseKey: text('phase_key').notNull(),
    position: integer('position').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    actualDate: date('actual_date', { mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.key] })],
);

export const checklistItems = pgTable(
  'checklist_items',
  {
    trajectId: trajectRef(),
    itemId: text('item_id').notNull(),
    position: integer('position').notNull(),
    done: boolean('done').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    doneBy: text('done_by'),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.itemId] })],
);

export const hourLogs = pgTable(
  'hour_logs',
  {
    trajectId: trajectRef(),
    id: text('id').notNull(),
    role: text('role').notNull(),
    participantId: text('participant_id'),
    date: date('date', { mode: 'string' }).notNull(),
    hours: doublePrecision('hours').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    /** Insertion order, so entries of one day come back in the order they were logged. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.id] })],
);

export const vitAnswers = pgTable(
  'vit_answers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    trajectId: trajectRef(),
    bankId: text('bank_id').notNull(),
    bankVersion: text('bank_version').notNull(),
    answers: jsonb('answers').$type<Record<string, number | string | null>>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedBy: text('submitted_by'),
  },
  (table) => [index('vit_answers_traject_idx').on(table.trajectId, table.submittedAt)],
);

export const DUO_ROUND_STATES = ['beschikbaarheid', 'gepland', 'geannuleerd'] as const;

/** A duo-interview round from availability to schedule (core's DuoRoundPort); interviews in `schedule`. */
export const duoRounds = pgTable(
  'duo_rounds',
  {
    id: text('id').primaryKey(),
    trajectId: trajectRef(),
    roundNumber: integer('round_number').notNull(),
    state: text('state').$type<(typeof DUO_ROUND_STATES)[number]>().notNull(),
    input: jsonb('input').notNull(),
    deadline: timestamp('deadline', { withTimezone: true, mode: 'date' }),
    /** Slot ids per person id, as answered. */
    availability: jsonb('availability').$type<Record<string, string[]>>().notNull().default({}),
    schedule: jsonb('schedule'),
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('duo_rounds_traject_round_unique').on(table.trajectId, table.roundNumber),
    check('duo_rounds_state_check', sql`${table.state} in ('beschikbaarheid', 'gepland', 'geannuleerd')`),
  ],
);

export const platformLinks = pgTable(
  'platform_links',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    trajectId: text('traject_id').references(() => trajects.id, { onDelete: 'cascade' }),
    /** The person the link stands for: a normalised e-mail address. Personal data. */
    participantKey: text('participant_key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** +1 on every write: compare-and-set for bookkeeping writes. */
    revision: integer('revision').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('platform_links_kind_external_unique').on(table.kind, table.externalId),
    index('platform_links_traject_idx').on(table.trajectId),
    index('platform_links_participant_idx').on(table.participantKey),
  ],
);

/** One-time link codes: only the SHA-256 of the code is kept. */
export const linkCodes = pgTable(
  'link_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    trajectId: trajectRef(),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('link_codes_traject_idx').on(table.trajectId)],
);

export const DELIVERY_STATES = [
  'pending',
  'claimed',
  'sent',
  'failed',
  'ambiguous',
  'no-channel',
  'niet-van-toepassing',
  'verlopen',
  'vervallen',
] as const;

/** One row per (reminder key, channel, recipient address): see `repositories/reminder-outbox.ts`. */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    idempotencyKey: text('idempotency_key').notNull(),
    channel: text('channel').notNull(),
    /** The recipient's address on the channel (core's `Recipient.address`); '' when there is none. */
    recipient: text('recipient').notNull().default(''),
    recipientKind: text('recipient_kind'),
    participantId: text('participant_id'),
    // No foreign key: a delivery record outlives nothing and must never block a reminder from being recorded.
    trajectId: text('traject_id').notNull(),
    state: text('state').$type<(typeof DELIVERY_STATES)[number]>().notNull(),
    /** Claims so far; the current claim's number fences every transition that answers it. */
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    /** After this instant a row that was never tried is recorded `verlopen` instead of sent. */
    timelyUntil: timestamp('timely_until', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    externalId: text('external_id'),
    intent: jsonb('intent').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    primaryKey({ columns: [table.idempotencyKey, table.channel, table.recipient] }),
    index('reminder_deliveries_traject_idx').on(table.trajectId),
    index('reminder_deliveries_due_idx').on(table.state, table.nextAttemptAt),
    check(
      'reminder_deliveries_state_check',
      sql`${table.state} in ('pending', 'claimed', 'sent', 'failed', 'ambiguous', 'no-channel', 'niet-van-toepassing', 'verlopen', 'vervallen')`,
    ),
  ],
);

export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: text('id').primaryKey(),
    formId: text('form_id').notNull(),
    trajectId: text('traject_id').references(() => trajects.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    surface: text('surface').notNull(),
    subject: text('subject'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('form_submissions_traject_idx').on(table.trajectId, table.submittedAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the plaintext, hex. The plaintext is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique('api_tokens_hash_unique'),
    role: text('role').$type<'vng' | 'gemeente'>().notNull(),
    trajectId: text('traject_id').references(() => trajects.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    check(
      'api_tokens_role_scope_check',
      sql`(${table.role} = 'vng' and ${table.trajectId} is null) or (${table.role} = 'gemeente' and ${table.trajectId} is not null)`,
    ),
  ],
);

/** Append-only: a trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE; see README "Audit log". */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    // No foreign key: the log must keep entries about a traject whatever happens to the traject row.
    trajectId: text('traject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    index('audit_log_traject_idx').on(table.trajectId, table.id),
    index('audit_log_action_idx').on(table.action),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// The traject lifecycle (migration 0005): aanmelding and decision, kernvraag history, form answers on the
// dossier, deliverables, the expert team, extra sessions, lessons and programmes.
// ---------------------------------------------------------------------------------------------------------

/** What a gemeente submitted with its aanmelding, kept whatever the VNG team decides. */
export const trajectIntakes = pgTable('traject_intakes', {
  trajectId: text('traject_id')
    .primaryKey()
    .references(() => trajects.id, { onDelete: 'cascade' }),
  vraagstuk: text('vraagstuk').notNull(),
  /** Personal data (name, e-mail, phone): anonymised by forgetPerson. */
  contact: jsonb('contact').$type<Record<string, string>>().notNull(),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  submissionId: text('submission_id'),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  decision: text('decision').$type<'geaccepteerd' | 'afgewezen'>(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  decidedBy: text('decided_by'),
  declineReason: text('decline_reason'),
});

export const kernvraagChanges = pgTable(
  'kernvraag_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    trajectId: trajectRef(),
    kernvraag: text('kernvraag').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    changedBy: text('changed_by').notNull(),
    note: text('note'),
  },
  (table) => [index('kernvraag_changes_traject_idx').on(table.trajectId, table.id)],
);

/** The current answers per person and form (evaluatie, nazorg): a resubmission replaces the row. */
export const trajectFormAnswers = pgTable(
  'traject_form_answers',
  {
    trajectId: trajectRef(),
    formId: text('form_id').notNull(),
    /** Who answered (the link's subject, or "anoniem"). Personal data. */
    respondent: text('respondent').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    submissionId: text('submission_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.formId, table.respondent] })],
);

export const deliverables = pgTable(
  'deliverables',
  {
    trajectId: trajectRef(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    state: text('state').notNull(),
    body: text('body'),
    url: text('url'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.trajectId, table.kind, table.version] }),
    check('deliverables_state_check', sql`${table.state} in ('concept', 'gepresenteerd', 'vastgesteld')`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    trajectId: trajectRef(),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role').notNull(),
    expertise: jsonb('expertise').$type<string[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.id] })],
);

export const extraSessions = pgTable(
  'extra_sessions',
  {
    trajectId: trajectRef(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    plannedDate: date('planned_date', { mode: 'string' }).notNull(),
    actualDate: date('actual_date', { mode: 'string' }),
    note: text('note'),
  },
  (table) => [primaryKey({ columns: [table.trajectId, table.key] })],
);

export const lessons = pgTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    theme: text('theme').notNull(),
    kind: text('kind').notNull(),
    uitgangspunten: jsonb('uitgangspunten').$type<string[]>().notNull(),
    trajectId: text('traject_id').references(() => trajects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    shared: boolean('shared').notNull(),
    source: text('source'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
    /** wacht | goedgekeurd | afgewezen: only approved lessons are public (0007). */
    approval: text('approval').notNull().default('goedgekeurd'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
  },
  (table) => [
    index('lessons_traject_idx').on(table.trajectId),
    index('lessons_approval_idx').on(table.approval),
  ],
);

export const programmes = pgTable('programmes', {
  key: text('key').primaryKey(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const programmeTrajects = pgTable(
  'programme_trajects',
  {
    programmeKey: text('programme_key')
      .notNull()
      .references(() => programmes.key, { onDelete: 'cascade' }),
    trajectId: trajectRef(),
  },
  (table) => [primaryKey({ columns: [table.programmeKey, table.trajectId] })],
);

export const programmeMeasurements = pgTable(
  'programme_measurements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    programmeKey: text('programme_key')
      .notNull()
      .references(() => programmes.key, { onDelete: 'cascade' }),
    indicatorId: text('indicator_id').notNull(),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
  },
  (table) => [
    index('programme_measurements_idx').on(table.programmeKey, table.indicatorId, table.measuredOn),
  ],
);
