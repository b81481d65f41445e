import type {
  ChecklistState,
  HourLog,
  IsoDate,
  Logger,
  Participant,
  ReminderIntent,
  Traject,
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

/** A traject as stored: the core aggregate plus the bookkeeping the store adds. */
export type StoredTraject = Traject & {
  /** Starts at 1 on create, +1 on every change. */
  revision: number;
  /** ISO 8601 instants (UTC). */
  createdAt: string;
  updatedAt: string;
};

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

export interface TrajectRepository {
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
  setStatus(trajectId: string, status: TrajectStatus, options: UpdateOptions): Promise<StoredTraject>;
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
  /** NotFoundError when unknown. Revoking twice is a no-op. */
  revoke(id: string, actor: Actor): Promise<void>;
  /** Revokes every active token with this label; returns how many. */
  revokeByLabel(label: string, actor: Actor): Promise<number>;
  list(options?: { includeRevoked?: boolean }): Promise<ApiTokenRecord[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Reminder outbox (exactly-once delivery per idempotency key and channel)
// ---------------------------------------------------------------------------------------------------------

export type DeliveryState = 'claimed' | 'sent' | 'failed' | 'ambiguous' | 'no-channel';

/** The channel name recorded for a reminder that had no notifier to go to ("geen kanaal"). */
export const NO_CHANNEL = 'geen-kanaal';

export interface ReminderDelivery {
  key: string;
  channel: string;
  trajectId: string;
  state: DeliveryState;
  /** Delivery attempts started (claims), including the current one. */
  attempts: number;
  /** ISO instants; absent when not applicable. */
  leaseUntil?: string;
  nextAttemptAt?: string;
  lastError?: string;
  externalId?: string;
  /** The reminder itself, so a retry needs no recomputation. */
  intent: ReminderIntent;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
}

export interface ClaimOptions {
  /** How long this instance owns the row; after that another instance may re-claim it. */
  leaseMs: number;
  now: Date;
  /**
   * Attempts after which a row is no longer re-claimed (default 5): a failed row stays failed, and a claim
   * whose lease expired on the last attempt is turned into a visible failure.
   */
  maxAttempts?: number;
}

export interface DeliveryFilter {
  trajectId?: string;
  state?: DeliveryState;
  keys?: string[];
  channel?: string;
  /** Default and maximum 100,000 rows. */
  limit?: number;
}

export interface ReminderOutbox {
  /**
   * Claims (key, channel) for this instance: inserts a fresh row, or takes over a `claimed` row whose lease
   * expired or a `failed` row whose next attempt is due and attempts < maxAttempts. Atomic: of two
   * concurrent claims exactly one gets the row; the other gets undefined.
   */
  claim(
    intent: ReminderIntent,
    channel: string,
    options: ClaimOptions,
  ): Promise<ReminderDelivery | undefined>;
  markSent(key: string, channel: string, externalId?: string): Promise<void>;
  /** `nextAttemptAt` undefined = final failure (stays visible as `failed` without a next attempt). */
  markFailed(key: string, channel: string, error: string, nextAttemptAt: Date | undefined): Promise<void>;
  /** The request may have reached the platform: never retried automatically. */
  markAmbiguous(key: string, channel: string, error: string): Promise<void>;
  /** Records that no notifier was configured, so nothing is silently lost. Idempotent. */
  recordNoChannel(intent: ReminderIntent): Promise<void>;
  /**
   * Rows a claim would act on now: expired leases and failed rows due for a retry. (An expired lease on the
   * last allowed attempt is closed as `failed` by that claim instead of being taken over.)
   */
  listDue(now: Date, options?: { maxAttempts?: number; limit?: number }): Promise<ReminderDelivery[]>;
  list(filter?: DeliveryFilter): Promise<ReminderDelivery[]>;
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

export interface FormSubmissionRecord extends FormSubmissionInput {
  id: string;
  submittedAt: string;
}

export interface FormSubmissionRepository {
  save(record: FormSubmissionInput, actor: Actor): Promise<string>;
  list(trajectId: string): Promise<FormSubmissionRecord[]>;
  get(id: string): Promise<FormSubmissionRecord>;
}

// ---------------------------------------------------------------------------------------------------------
// Duo-interview rounds
// ---------------------------------------------------------------------------------------------------------

/** One planned interview, as core's scheduler returns it. */
export interface DuoInterviewInput {
  slot: string;
  participants: readonly string[];
  moderator: string;
}

/** The scheduler's output as stored; extra fields (unplaced, summary) are kept as they are. */
export interface DuoScheduleInput {
  interviews: readonly DuoInterviewInput[];
  [extra: string]: unknown;
}

export interface DuoRoundRecord {
  id: string;
  trajectId: string;
  /** 1, 2, … per traject. */
  roundNumber: number;
  /** The scheduler input (slots, participants with names, moderators, rules) as given. */
  input: unknown;
  schedule: DuoScheduleInput;
  createdAt: string;
}

export interface DuoRoundRepository {
  saveRound(
    trajectId: string,
    input: unknown,
    schedule: DuoScheduleInput,
    actor: Actor,
  ): Promise<DuoRoundRecord>;
  listRounds(trajectId: string): Promise<DuoRoundRecord[]>;
  /** Pairs of earlier rounds, for the scheduler's `previousPairs` rule. */
  previousPairs(trajectId: string): Promise<Array<[string, string]>>;
}

// ---------------------------------------------------------------------------------------------------------
// Platform links (Teams conversations, Slack channels/users, Notion pages…)
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

export interface PlatformLinkInput {
  kind: PlatformLinkKind;
  /** The platform's id (conversation id, channel id, page id). Unique per kind. */
  externalId: string;
  trajectId?: string;
  /** Whatever the plugin needs later (a Teams conversation reference, a Notion property map…). */
  payload?: Record<string, unknown>;
}

export interface PlatformLink extends PlatformLinkInput {
  id: string;
  payload: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface PlatformLinkRepository {
  /** Creates or updates the link for (kind, externalId). */
  link(input: PlatformLinkInput, actor: Actor): Promise<PlatformLink>;
  find(kind: PlatformLinkKind, externalId: string): Promise<PlatformLink | undefined>;
  listForTraject(trajectId: string): Promise<PlatformLink[]>;
  listByKind(kind: PlatformLinkKind): Promise<PlatformLink[]>;
  /** Returns whether a link was removed. */
  unlink(kind: PlatformLinkKind, externalId: string, actor: Actor): Promise<boolean>;
}

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
  /**
   * SHA-256 of the normalised e-mail, for the caller's own record of the request. NOT stored: the audit entry
   * holds counts only, since a hash of an address can be matched against a list of addresses.
   */
  personHash: string;
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
  readonly audit: AuditLog;
  /** Everything about one traject as JSON. NotFoundError (Dutch) when missing or outside the scope. */
  exportDossier(trajectId: string, scope?: Scope): Promise<Dossier>;
  /** AVG: removes or anonymises the person's data everywhere; one audit entry without the e-mail. */
  forgetPerson(email: string, actor: Actor): Promise<ForgetReport>;
  close(): Promise<void>;
}
