import type {
  ChangeFeedPort,
  ChecklistState,
  DuoRoundRecord as CoreDuoRoundRecord,
  FormSubmissionRecord as CoreFormSubmissionRecord,
  PlatformLinkInput as CorePlatformLinkInput,
  DuoRoundPort,
  DuoRoundSchedule,
  DuoScheduledInterview,
  FormSubmissionPort,
  HourLog,
  IsoDate,
  LinkCodePort,
  Logger,
  Participant,
  PlatformLinkPort,
  PlatformLinkRecord,
  Recipient,
  ReminderIntent,
  Traject,
  TrajectRecord,
  TrajectRepositoryPort,
  TrajectScope,
  TrajectStatus,
  VitSubmission,
} from '@visieleren/core';

/**
 * The public interface of `@visieleren/store`. The server and the CLI code against these types only;
 * the drizzle schema and the drivers stay inside the package.
 */

// ---------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------

export interface StoreConfig {
  /** PostgreSQL connection string. When set, the store uses a `pg` Pool; otherwise embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder (created when missing). Ignored with `databaseUrl` or `inMemory`. */
  dataDir?: string;
  /** PGlite in memory: nothing on disk. For tests and throw-away runs. */
  inMemory?: boolean;
  /** Pool size for PostgreSQL (default 10). */
  maxConnections?: number;
  /** Folder with the SQL migrations; default: the `drizzle/` folder shipped with this package. */
  migrationsDir?: string;
  logger?: Logger;
}

export type StoreDriver = 'pglite' | 'postgres';

// ---------------------------------------------------------------------------------------------------------
// Access scope and actors
// ---------------------------------------------------------------------------------------------------------

/** What a caller may see: the VNG team sees every traject, a gemeente token only its own (core's port type). */
export type Scope = TrajectScope;

/**
 * Who made a change, as written in the audit log: `token:<label>`, `cli`, `slack:U123`, an e-mail address…
 * An e-mail address here is personal data and is anonymised by `forgetPerson`.
 */
export type Actor = string;

/** Options shared by every traject update. */
export interface UpdateOptions {
  actor: Actor;
  /**
   * The revision the caller last saw. When given and the stored revision differs, the update is refused with
   * a ConflictError (HTTP 409). When omitted the update applies to the current revision.
   */
  expectedRevision?: number;
  /** Refuse (NotFoundError) when the traject lies outside this scope. Default: all. */
  scope?: Scope;
}

// ---------------------------------------------------------------------------------------------------------
// Trajects
// ---------------------------------------------------------------------------------------------------------

/**
 * A traject as stored: the core aggregate plus the bookkeeping the store adds (core's TrajectRecord): a
 * revision that starts at 1 and goes up by one on every change, and ISO instants (UTC).
 */
export type StoredTraject = TrajectRecord;

/** A traject's own columns, without its parts: what a portfolio listing needs, at a fraction of the cost. */
export type TrajectSummary = Pick<
  StoredTraject,
  | 'id'
  | 'gemeenten'
  | 'kernvraag'
  | 'themes'
  | 'templateKey'
  | 'startDate'
  | 'status'
  | 'region'
  | 'revision'
  | 'createdAt'
  | 'updatedAt'
>;

export interface PhaseDatesChange {
  plannedStart?: IsoDate;
  plannedEnd?: IsoDate;
  /** `null` clears the date. */
  actualStart?: IsoDate | null;
  actualEnd?: IsoDate | null;
}

export interface SessionDateChange {
  sessionKey: string;
  plannedDate?: IsoDate;
  /** `null` clears the date. */
  actualDate?: IsoDate | null;
}

export interface ChecklistChange {
  itemId: string;
  done: boolean;
  /** Who ticked it (a name or e-mail, shown in the dossier). */
  by?: string;
  /** When it was ticked; default now. ISO 8601. */
  at?: string;
}

/** An hour entry; the store assigns an id when none is given. */
export type HourLogInput = Omit<HourLog, 'id'> & { id?: string };

/** Core's TrajectRepositoryPort, plus what the server and the CLI need beyond the plugins. */
export interface TrajectRepository extends TrajectRepositoryPort {
  /**
   * Ordered by start date. `openOnly` leaves out closed trajects (core's CLOSED_STATUSES: afgerond,
   * geannuleerd…), which have no reminders: the dispatcher's per-minute read.
   */
  list(scope: Scope, filter?: { openOnly?: boolean }): Promise<StoredTraject[]>;
  /** Like `list`, without participants, phases, sessions, checklist, hours and VIT. */
  summaries(scope: Scope): Promise<TrajectSummary[]>;
  /** NotFoundError (Dutch) when missing OR outside the scope: the two cannot be told apart. */
  get(id: string, scope: Scope): Promise<StoredTraject>;
  /** Stores a core Traject (validated with core's schema). ConflictError when the id already exists. */
  create(traject: Traject, actor: Actor): Promise<StoredTraject>;
  updatePhaseDates(
    trajectId: string,
    phaseKey: string,
    change: PhaseDatesChange,
    options: UpdateOptions,
  ): Promise<StoredTraject>;
  updateSessionDates(
    trajectId: string,
    changes: SessionDateChange[],
    options: UpdateOptions,
  ): Promise<StoredTraject>;
  /** `reason` (why a traject was closed or stopped) is kept in the audit entry of the change. */
  setStatus(
    trajectId: string,
    status: TrajectStatus,
    options: UpdateOptions,
    reason?: string,
  ): Promise<StoredTraject>;
  setChecklistItem(
    trajectId: string,
    change: ChecklistChange,
    options: UpdateOptions,
  ): Promise<StoredTraject>;
  logHours(trajectId: string, entry: HourLogInput, options: UpdateOptions): Promise<StoredTraject>;
  /** Keeps every submission (versioned bank id); the aggregate's `vit` is the latest one. */
  submitVit(trajectId: string, submission: VitSubmission, options: UpdateOptions): Promise<StoredTraject>;
  /** Adds a participant, or replaces the one with the same id. */
  upsertParticipant(
    trajectId: string,
    participant: Participant,
    options: UpdateOptions,
  ): Promise<StoredTraject>;
  /** Number of trajects stored (cheap; used to decide whether to seed the demo portfolio). */
  count(): Promise<number>;
}

export type { ChecklistState };

// ---------------------------------------------------------------------------------------------------------
// API tokens
// ---------------------------------------------------------------------------------------------------------

export type TokenRole = 'vng' | 'gemeente';

export interface CreateTokenInput {
  role: TokenRole;
  /** Required for role `gemeente`, forbidden for `vng`. */
  trajectId?: string;
  label: string;
}

/** A token as listed: never the plaintext, never the hash. */
export interface ApiTokenRecord {
  id: string;
  role: TokenRole;
  trajectId?: string;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

/** Who a verified token belongs to, and what it may see. */
export interface Principal {
  tokenId: string;
  role: TokenRole;
  trajectId?: string;
  label: string;
  scope: Scope;
}

export interface TokenRepository {
  /** Returns the plaintext exactly once (`vl_` + 32 random bytes, base64url); only its SHA-256 is stored. */
  create(input: CreateTokenInput, actor: Actor): Promise<{ token: string; record: ApiTokenRecord }>;
  /** The principal for a valid, unrevoked token; undefined otherwise (never throws on bad input). */
  verify(plaintext: string): Promise<Principal | undefined>;
  /**
   * The principal for a token id while that token is active; undefined when unknown or revoked (never throws on
   * bad input). For a session that holds the id, not the token: each request checks it was not revoked since.
   */
  findActive(tokenId: string): Promise<Principal | undefined>;
  /** Records that a page session was signed out: its cookie and the links handed out in it stop working. */
  endSession(sessionId: string): Promise<void>;
  /** Whether a page session was signed out. */
  sessionEnded(sessionId: string): Promise<boolean>;
  /** NotFoundError when unknown. Revoking twice is a no-op. */
  revoke(id: string, actor: Actor): Promise<void>;
  /** Revokes every active token with this label; returns how many. */
  revokeByLabel(label: string, actor: Actor): Promise<number>;
  list(options?: { includeRevoked?: boolean }): Promise<ApiTokenRecord[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Reminder outbox (exactly-once delivery per reminder key, channel and recipient)
// ---------------------------------------------------------------------------------------------------------

/**
 * - `pending`: recorded, not tried yet. `claimed`: an instance holds it (until its lease, by the database clock).
 * - `sent`, `failed` (with a next attempt, or final without one), `ambiguous` (may have reached the platform).
 * - `no-channel`: no notifier at all ("geen kanaal"). `niet-van-toepassing`: the traject has no link on this
 *   channel. `verlopen`: it first reached this channel after it stopped being timely (a channel switched on
 *   does not replay the past). `vervallen`: its reason went away before a retry (session moved, item ticked,
 *   traject closed). None of these five is ever sent.
 */
export type DeliveryState =
  | 'pending'
  | 'claimed'
  | 'sent'
  | 'failed'
  | 'ambiguous'
  | 'no-channel'
  | 'niet-van-toepassing'
  | 'verlopen'
  | 'vervallen';

/** The channel name recorded for a reminder that had no notifier to go to ("geen kanaal"). */
export const NO_CHANNEL = 'geen-kanaal';

/** Which row: a reminder key on a channel to one recipient address ('' for rows without a recipient). */
export interface DeliveryRef {
  key: string;
  channel: string;
  recipient: string;
}

/** A claim: the row and the attempt number that fences every transition answering it. */
export interface DeliveryClaim extends DeliveryRef {
  attempt: number;
}

export interface ReminderDelivery extends DeliveryRef {
  /** `${key}|${channel}|${recipient}` (core's `deliveryKeyOf`): what the notifier hands the platform. */
  deliveryKey: string;
  recipientKind?: string;
  participantId?: string;
  trajectId: string;
  state: DeliveryState;
  /** Claims so far, including the current one. */
  attempts: number;
  /** ISO instants (the database's clock); absent when not applicable. */
  leaseUntil?: string;
  nextAttemptAt?: string;
  timelyUntil?: string;
  lastError?: string;
  externalId?: string;
  /** The reminder itself, so a retry needs no recomputation. */
  intent: ReminderIntent;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
}

/** What `claim` returns: the row now held by the caller, and what it was before (which decides the next step). */
export interface ClaimedDelivery extends ReminderDelivery {
  state: 'claimed';
  /**
   * `pending` or `failed`: send. `claimed`: another instance's lease expired without a recording, and
   * `ambiguous`: an earlier call may have landed; either way ask the notifier's `confirm` before sending again.
   */
  previousState: 'pending' | 'failed' | 'claimed' | 'ambiguous';
  /** The fence to pass to every transition. */
  claim: DeliveryClaim;
}

/** One reminder for one recipient on one channel; without a recipient it is "niet van toepassing". */
export interface OutboxEntry {
  intent: ReminderIntent;
  channel: string;
  recipient?: Recipient;
  /** A row first recorded after this instant is `verlopen` (core's `reminderTimelyUntil`). */
  timelyUntil: Date;
}

export interface EnqueueReport {
  /** Rows recorded by this call, per state; rows that existed already are left alone. */
  pending: number;
  verlopen: number;
  nietVanToepassing: number;
}

export interface ClaimOptions {
  /** How long the caller owns the row, from the database's `now()`; then another instance may take it over. */
  leaseMs: number;
  /**
   * Attempts after which a row is no longer claimed (default 5): a failed row stays failed, and a claim whose
   * lease expired on the last attempt is closed as a visible failure.
   */
  maxAttempts?: number;
}

export interface ListDueOptions {
  maxAttempts?: number;
  /** Default 500, at most 10,000. */
  limit?: number;
  /** Channels to look at (default: all). */
  channels?: readonly string[];
  /** Channels whose notifier can `confirm`: only their ambiguous rows are due for another look. */
  confirmChannels?: readonly string[];
}

export interface DeliveryFilter {
  trajectId?: string;
  state?: DeliveryState;
  keys?: string[];
  channel?: string;
  /** Default and maximum 100,000 rows. */
  limit?: number;
}

/**
 * The reminder outbox. Every time in it is the database's (`now()`), so instances whose clocks differ never
 * take each other's live leases; callers pass durations, never instants. Every transition names the claim it
 * answers and changes nothing when that claim is no longer current (a late answer after a takeover): it then
 * returns false.
 */
export interface ReminderOutbox {
  /**
   * Records the rows that do not exist yet: `pending`, or `verlopen` when `now` is past `timelyUntil`, or
   * `niet-van-toepassing` for an entry without a recipient. Idempotent; one read and at most
   * one insert per 2,000 entries.
   */
  enqueue(
    entries: readonly OutboxEntry[],
    options?: {
      /**
       * The instant the reminders were found due at (the caller's clock, which decided that they are due);
       * `timelyUntil` is compared with it. Default: the database's now().
       */
      now?: Date;
    },
  ): Promise<EnqueueReport>;
  /** Rows with work now: pending, failed and due, expired leases, ambiguous and due on a confirm channel. */
  listDue(options?: ListDueOptions): Promise<ReminderDelivery[]>;
  /**
   * Claims one row for the caller. Atomic: of concurrent claims exactly one gets it. An expired lease on the
   * last allowed attempt is closed as `failed` instead (undefined is returned).
   */
  claim(
    ref: DeliveryRef,
    options: ClaimOptions & { confirmable?: boolean },
  ): Promise<ClaimedDelivery | undefined>;
  markSent(claim: DeliveryClaim, externalId?: string): Promise<boolean>;
  /** `retryInMs` undefined = final failure (stays visible as `failed` without a next attempt). */
  markFailed(claim: DeliveryClaim, error: string, retryInMs: number | undefined): Promise<boolean>;
  /** May have reached the platform. `retryInMs` set: look again then (with `confirm`); undefined: stays so. */
  markAmbiguous(claim: DeliveryClaim, error: string, retryInMs: number | undefined): Promise<boolean>;
  /** The reason is gone (session moved, item ticked, traject closed): closed without sending. */
  markVervallen(claim: DeliveryClaim, reason: string): Promise<boolean>;
  /** Records that no notifier was configured, so nothing is silently lost. Idempotent. */
  recordNoChannel(intent: ReminderIntent): Promise<void>;
  /** The same for many reminders: one read and at most one insert per 2,000. */
  recordNoChannelMany(intents: readonly ReminderIntent[]): Promise<number>;
  list(filter?: DeliveryFilter): Promise<ReminderDelivery[]>;
  /**
   * The VNG team asks for another try of a failed or ambiguous row: pending again (an ambiguous one may then
   * arrive twice; the console says so), timely for at least `retryWindowMs`. False when the row is in no such state.
   */
  retry(ref: DeliveryRef, retryWindowMs: number): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------------------
// Form submissions
// ---------------------------------------------------------------------------------------------------------

export interface FormSubmissionInput {
  formId: string;
  trajectId?: string;
  /** The parsed answers (the forms package's typed value). */
  answers: Record<string, unknown>;
  /** Where it was filled in: html, teams, slack, notion, google-forms, api… */
  surface: string;
  /** Who it is about / who filled it in (e-mail or name). Personal data: anonymised by forgetPerson. */
  subject?: string;
  /** ISO instant; default now. */
  submittedAt?: string;
}

export type FormSubmissionRecord = CoreFormSubmissionRecord;

export interface FormSubmissionRepository extends FormSubmissionPort {
  save(record: FormSubmissionInput, actor: Actor): Promise<string>;
  /** NotFoundError when missing. */
  get(id: string): Promise<FormSubmissionRecord>;
}

// ---------------------------------------------------------------------------------------------------------
// Duo-interview rounds
// ---------------------------------------------------------------------------------------------------------

/** One planned interview, as core's scheduler returns it (core's DuoScheduledInterview). */
export type DuoInterviewInput = DuoScheduledInterview;

/** The scheduler's output as stored; extra fields (unplaced, summary) are kept as they are. */
export type DuoScheduleInput = DuoRoundSchedule;

export type DuoRoundRecord = CoreDuoRoundRecord;

/** Core's DuoRoundPort, plus the CLI's one-step save of a round planned at once. */
export interface DuoRoundRepository extends DuoRoundPort {
  /** A round planned at once (state `gepland`), with whatever input the caller had. */
  saveRound(
    trajectId: string,
    input: unknown,
    schedule: DuoScheduleInput,
    actor: Actor,
  ): Promise<DuoRoundRecord>;
}

// ---------------------------------------------------------------------------------------------------------
// Platform links (Teams conversations, Slack channels/users, Notion pages…) and link codes
// ---------------------------------------------------------------------------------------------------------

export type PlatformLinkKind =
  | 'teams-conversation'
  | 'teams-user'
  | 'slack-channel'
  | 'slack-user'
  | 'notion-page'
  | 'notion-data-source'
  | 'notion-workspace'
  | (string & {});

export type PlatformLinkInput = CorePlatformLinkInput;

export type PlatformLink = PlatformLinkRecord;

export type PlatformLinkRepository = PlatformLinkPort;

export type LinkCodeRepository = LinkCodePort;

// ---------------------------------------------------------------------------------------------------------
// Audit log (append-only)
// ---------------------------------------------------------------------------------------------------------

export interface AuditEntryInput {
  actor: Actor;
  /** Dotted verb: `traject.create`, `checklist.set`, `token.revoke`, `reminder.no-channel`… */
  action: string;
  trajectId?: string;
  detail?: Record<string, unknown>;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'trajectId'>> {
  id: number;
  /** ISO instant. */
  at: string;
  trajectId?: string;
}

export interface AuditLog {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first. Default limit 100, at most 1000. */
  list(filter?: { trajectId?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Dossier export and AVG erasure
// ---------------------------------------------------------------------------------------------------------

export interface Dossier {
  exportedAt: string;
  traject: StoredTraject;
  vitSubmissions: VitSubmission[];
  formSubmissions: FormSubmissionRecord[];
  duoRounds: DuoRoundRecord[];
  platformLinks: PlatformLink[];
  reminderDeliveries: ReminderDelivery[];
  audit: AuditEntry[];
}

/** What `forgetPerson` changed, per kind of record. Counts only: no personal data. */
export interface ForgetReport {
  participants: number;
  hourLogs: number;
  checklistItems: number;
  vitSubmissions: number;
  formSubmissions: number;
  duoRounds: number;
  platformLinks: number;
  auditEntries: number;
  reminderDeliveries: number;
  /** Tokens whose label held the address. */
  apiTokens: number;
  /** Form answers on the dossier whose respondent was the person: now a random pseudonym. */
  formAnswers: number;
  /** Rows whose free text or JSON named the person: kernvragen, lessons, intakes, team, producten, notes. */
  freeText: number;
  /**
   * A random reference (`verwijderd-…`) that is also in the audit entry, for the caller's record of the request.
   * Random, not a hash: a hash of an address can be recomputed by anyone who has the address.
   */
  reference: string;
}

// ---------------------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------------------

export interface MigrationResult {
  /** Migration tags applied by this call (empty when the database was up to date). */
  applied: string[];
}

export interface Store {
  readonly driver: StoreDriver;
  /** Applies pending migrations. Safe when several instances call it at once (advisory lock on PostgreSQL). */
  migrate(): Promise<MigrationResult>;
  /** Throws when the database is unreachable or not migrated; for /readyz. */
  ping(): Promise<void>;
  readonly trajects: TrajectRepository;
  readonly tokens: TokenRepository;
  readonly reminderOutbox: ReminderOutbox;
  readonly formSubmissions: FormSubmissionRepository;
  readonly duoRounds: DuoRoundRepository;
  readonly platformLinks: PlatformLinkRepository;
  readonly linkCodes: LinkCodeRepository;
  readonly audit: AuditLog;
  /** Traject changes from the audit log, for the Notion sync (see repositories/changes.ts for the caveat). */
  readonly changes: ChangeFeedPort;
  /** Everything about one traject as JSON. NotFoundError (Dutch) when missing or outside the scope. */
  exportDossier(trajectId: string, scope?: Scope): Promise<Dossier>;
  /** AVG: removes or anonymises the person's data everywhere; one audit entry without the e-mail. */
  forgetPerson(email: string, actor: Actor): Promise<ForgetReport>;
  close(): Promise<void>;
}
