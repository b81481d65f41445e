import type { HourLog, Participant, Traject, VitSubmission } from './model/traject.js';
import type { IsoDate, TrajectStatus } from './model/vocabulary.js';

/**
 * Ports: the interfaces the store and the plugins implement. Core depends on nothing but these.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

export type {
  Channel,
  DeliveryReceipt,
  Notifier,
  OutgoingReminder,
  PacingPolicy,
  Recipient,
} from './delivery/types.js';
export { DeliveryOutcomeUnknownError, RecipientGoneError } from './delivery/types.js';

// ---------------------------------------------------------------------------------------------------------
// Repository ports. `@visieleren/store` implements them; apps/server hands them to the plugins, which never
// import the store. Only what a plugin needs is here; the store's own interface is a superset.
// ---------------------------------------------------------------------------------------------------------

/** What a caller may see: every traject (VNG team) or one traject (a gemeente, a linked channel). */
export type TrajectScope = { kind: 'all' } | { kind: 'traject'; trajectId: string };

/** A traject as stored: the aggregate plus its revision for optimistic concurrency. */
export type TrajectRecord = Traject & { revision: number; createdAt: string; updatedAt: string };

/** Every change names who made it (for the audit log) and may name the revision the caller saw. */
export interface TrajectChangeOptions {
  actor: string;
  /** Stale → ConflictError. Omitted → applies to the current revision. */
  expectedRevision?: number;
  scope?: TrajectScope;
}

export interface TrajectRepositoryPort {
  list(scope: TrajectScope): Promise<TrajectRecord[]>;
  /** NotFoundError when missing or outside the scope, indistinguishably. */
  get(id: string, scope: TrajectScope): Promise<TrajectRecord>;
  updatePhaseDates(
    trajectId: string,
    phaseKey: string,
    change: {
      plannedStart?: IsoDate;
      plannedEnd?: IsoDate;
      actualStart?: IsoDate | null;
      actualEnd?: IsoDate | null;
    },
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
  /** Moves sessions (a planned duo round fills in the duo-interview sessions). */
  updateSessionDates(
    trajectId: string,
    changes: Array<{ sessionKey: string; plannedDate?: IsoDate; actualDate?: IsoDate | null }>,
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
  /** Adds a participant, or replaces the one with the same id. */
  upsertParticipant(
    trajectId: string,
    participant: Participant,
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
  setStatus(trajectId: string, status: TrajectStatus, options: TrajectChangeOptions): Promise<TrajectRecord>;
  setChecklistItem(
    trajectId: string,
    change: { itemId: string; done: boolean; by?: string; at?: string },
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
  logHours(
    trajectId: string,
    entry: Omit<HourLog, 'id'> & { id?: string },
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
  submitVit(
    trajectId: string,
    submission: VitSubmission,
    options: TrajectChangeOptions,
  ): Promise<TrajectRecord>;
}

/** A platform object (Teams conversation, Slack channel or user, Notion page) tied to a traject or a person. */
export interface PlatformLinkRecord {
  id: string;
  kind: string;
  externalId: string;
  trajectId?: string;
  /** The person this link stands for: a normalised e-mail address (`normaliseEmail`). Personal data. */
  participantKey?: string;
  /** Validated against `linkPayloadSchemas[kind]` when core knows the kind. */
  payload: Record<string, unknown>;
  /** Starts at 1, +1 on every write: compare-and-set for bookkeeping writes. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface PlatformLinkInput {
  kind: string;
  externalId: string;
  trajectId?: string;
  participantKey?: string;
  payload?: Record<string, unknown>;
}

export interface PlatformLinkPort {
  /** Creates or updates the link for (kind, externalId), with an audit entry (`platform.link`). */
  link(input: PlatformLinkInput, actor: string): Promise<PlatformLinkRecord>;
  find(kind: string, externalId: string): Promise<PlatformLinkRecord | undefined>;
  listForTraject(trajectId: string): Promise<PlatformLinkRecord[]>;
  listByKind(kind: string): Promise<PlatformLinkRecord[]>;
  /** Links that stand for this person (normalised e-mail), optionally of one kind. */
  listForParticipant(participantKey: string, kind?: string): Promise<PlatformLinkRecord[]>;
  /**
   * Bookkeeping write (sync hashes, cursors, an inactive flag): replaces the payload when the stored revision
   * is `expectedRevision` and returns the new record; returns undefined when someone wrote in between.
   * Adds no audit row (a sync writes thousands). NotFoundError when the link does not exist.
   */
  updatePayload(
    kind: string,
    externalId: string,
    payload: Record<string, unknown>,
    expectedRevision: number,
  ): Promise<PlatformLinkRecord | undefined>;
  /** Returns whether a link was removed; audited (`platform.unlink`). */
  unlink(kind: string, externalId: string, actor: string): Promise<boolean>;
}

export interface FormSubmissionRecord {
  id: string;
  formId: string;
  trajectId?: string;
  answers: Record<string, unknown>;
  surface: string;
  subject?: string;
  submittedAt: string;
}

/** Where answers to a form end up, whichever surface they came from. */
export interface FormSubmissionPort {
  /** Returns the submission id. */
  save(
    record: Omit<FormSubmissionRecord, 'id' | 'submittedAt'> & { submittedAt?: string },
    actor: string,
  ): Promise<string>;
  /** Oldest first; `formId` narrows to one form. */
  list(trajectId: string, filter?: { formId?: string }): Promise<FormSubmissionRecord[]>;
}

/**
 * Aanmeldingen from any surface (the public form, a Teams card): a traject in status `aangemeld` with its
 * intake, and the answers on its dossier. The VNG team accepts or declines it later.
 */
export interface AanmeldingPort {
  /**
   * `answers` as the forms package parsed the `aanmelding` form. ValidationError (naming the field) when core
   * refuses them; nothing is stored then.
   */
  submit(
    answers: Record<string, unknown>,
    source: { surface: string; actor: string },
  ): Promise<{ trajectId: string; name: string }>;
}

// ---------------------------------------------------------------------------------------------------------
// One-time link codes (a Teams channel is linked to a traject with a code the VNG team makes)
// ---------------------------------------------------------------------------------------------------------

export interface LinkCodeRecord {
  /** Shown once: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). Only its hash is stored. */
  code: string;
  trajectId: string;
  purpose: string;
  expiresAt: string;
}

export interface LinkCodePort {
  create(
    input: { trajectId: string; purpose: string; ttlMs: number },
    actor: string,
  ): Promise<LinkCodeRecord>;
  /**
   * The traject the code was made for, once: a second redeem, an expired code, another purpose or an unknown
   * code all answer undefined (indistinguishably). Case and spaces in the code do not matter. Audited.
   */
  redeem(code: string, purpose: string, actor: string): Promise<{ trajectId: string } | undefined>;
}

// ---------------------------------------------------------------------------------------------------------
// Duo-interview rounds, from availability to a schedule that can still move
// ---------------------------------------------------------------------------------------------------------

export type DuoRoundState = 'beschikbaarheid' | 'gepland' | 'geannuleerd';

export interface DuoScheduledInterview {
  slot: string;
  participants: readonly string[];
  moderator: string;
  /** Set when this one interview was called off. */
  cancelled?: boolean;
}

export interface DuoRoundSchedule {
  interviews: readonly DuoScheduledInterview[];
  [extra: string]: unknown;
}

export interface DuoRoundRecord {
  id: string;
  trajectId: string;
  /** 1, 2, … per traject. */
  roundNumber: number;
  state: DuoRoundState;
  /**
   * Core's `DuoRoundInput` (slots, participants with perspectives, moderators, rules). Participants' and
   * moderators' `available` lists are what was known at creation; answers arrive in `availability`.
   */
  input: unknown;
  /** When availability closes and the round is scheduled (ISO instant). */
  deadline?: string;
  /** Slot ids per person id, as answered (Slack buttons, the beschikbaarheid form). */
  availability: Record<string, string[]>;
  schedule?: DuoRoundSchedule;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface DuoRoundPort {
  /** A round waiting for availability (state `beschikbaarheid`). */
  create(
    trajectId: string,
    input: { round: unknown; deadline?: string },
    actor: string,
  ): Promise<DuoRoundRecord>;
  /** NotFoundError when missing. */
  get(roundId: string): Promise<DuoRoundRecord>;
  listRounds(trajectId: string): Promise<DuoRoundRecord[]>;
  /** Replaces this person's answer. ValidationError for an unknown slot or person, or a round past availability. */
  setAvailability(
    roundId: string,
    personId: string,
    slotIds: string[],
    actor: string,
  ): Promise<DuoRoundRecord>;
  /** Stores the scheduler's result: state `gepland`. */
  schedule(roundId: string, schedule: DuoRoundSchedule, actor: string): Promise<DuoRoundRecord>;
  /** Moves one interview to another slot of the round. */
  reschedule(roundId: string, interviewIndex: number, slotId: string, actor: string): Promise<DuoRoundRecord>;
  /** Cancels one interview, or the whole round when `interviewIndex` is omitted. */
  cancel(roundId: string, actor: string, interviewIndex?: number): Promise<DuoRoundRecord>;
  /** Pairs of earlier scheduled rounds, for the scheduler's `previousPairs` rule. */
  previousPairs(trajectId: string): Promise<Array<[string, string]>>;
}

// ---------------------------------------------------------------------------------------------------------
// Audit and change feed
// ---------------------------------------------------------------------------------------------------------

export interface AuditPort {
  append(entry: {
    actor: string;
    action: string;
    trajectId?: string;
    detail?: Record<string, unknown>;
  }): Promise<void>;
}

/** One change to a traject, in commit order as far as the database can tell. */
export interface TrajectChange {
  /** Monotonic position in the feed; pass the last one seen back as the cursor. */
  position: number;
  trajectId: string;
  /** The audit action (`checklist.set`, `hours.log`, `traject.status`…). */
  action: string;
  actor: string;
  at: string;
}

export interface ChangeFeedPort {
  /**
   * Changes after `cursor` (0 = from the beginning), oldest first, at most `limit` (default 1,000).
   * On PostgreSQL a transaction can commit after a later one: readers keep an overlap (re-read the last few
   * positions) and de-duplicate by content, as the Notion sync does by hash.
   */
  changesSince(cursor: number, limit?: number): Promise<{ changes: TrajectChange[]; cursor: number }>;
}

// ---------------------------------------------------------------------------------------------------------
// Background jobs (pg-boss in the server; in memory in the test kit)
// ---------------------------------------------------------------------------------------------------------

export interface JobOptions {
  /**
   * pg-boss's singleton key. It only holds on a queue whose definition is `exclusive` (pg-boss's `stately`
   * policy: at most one job per key waiting and one running). On every other queue (`standard`) two sends
   * with one key are two jobs: use `dedupeKey` for "create this work once".
   */
  singletonKey?: string;
  /**
   * A job with this key is created once: enqueuing it again (a Slack request retried with
   * X-Slack-Retry-Num) returns undefined, also after the first one finished, for as long as jobs are kept
   * (7 days).
   */
  dedupeKey?: string;
  /** Run no earlier than this (ISO instant) or after this many seconds. */
  startAfter?: string | number;
  /** Retries after the first failure (default 3), with backoff. */
  retryLimit?: number;
}

export interface JobQueuePort {
  /** Queues a job of a registered name; returns its id, or undefined when a singleton is already queued. */
  enqueue(name: string, data: Record<string, unknown>, options?: JobOptions): Promise<string | undefined>;
}

/** Work a plugin registers; the server runs it on pg-boss. Handlers must be idempotent (retries happen). */
export interface JobDefinition {
  name: string;
  /**
   * Throw to fail the attempt: a permanent error (`isPermanentError`: validation, not found, no permission)
   * fails the job at once, anything else is retried. `finalAttempt` says no retry follows this one.
   */
  handler(
    data: Record<string, unknown>,
    context: { jobId: string; signal: AbortSignal; finalAttempt?: boolean },
  ): Promise<void>;
  /** At most one running across every instance (Notion sync). */
  exclusive?: boolean;
  retryLimit?: number;
  /** A job still running after this long is failed and retried (default 15 min). */
  expireInSeconds?: number;
}

// ---------------------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------------------

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Attached files. A meeting request goes in `calendar`, not here: an attached .ics is only a file. */
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
  /**
   * A meeting request or cancellation (iMIP, RFC 6047): sent as the `text/calendar; method=…` part that
   * Outlook and Gmail act on (Accept/Decline, updates and cancellations applied).
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** Stable id (`<…@visieleren>`) so a retried send is recognisable as the same message. */
  messageId?: string;
}

export interface MailerPort {
  /** The mailbox mail comes from (SMTP_FROM): the ORGANIZER of the meetings it sends. */
  readonly sender?: { name?: string; email: string };
  /** Throws on failure; resolves when the SMTP server accepted the message. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}
