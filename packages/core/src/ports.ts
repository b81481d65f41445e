import { VisielerenError } from './errors.js';
import type { HourLog, Traject, VitSubmission } from './model/traject.js';
import type { IsoDate, TrajectStatus } from './model/vocabulary.js';
import type { ReminderIntent } from './reminders/types.js';

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

export interface DeliveryReceipt {
  /** The platform's id for what was sent (Teams activity id, Slack ts), kept for the audit trail. */
  externalId?: string;
}

/**
 * Delivers reminders on one channel (Teams, Slack, e-mail…). Throw `RateLimitError` to be retried after its
 * delay, `DeliveryOutcomeUnknownError` when the request may have gone through (a timeout after sending),
 * anything else to be retried with backoff.
 */
export interface Notifier {
  readonly channel: string;
  deliver(reminder: ReminderIntent): Promise<DeliveryReceipt>;
}

/** The message may or may not have reached the platform; retrying could send it twice. */
export class DeliveryOutcomeUnknownError extends VisielerenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
  }
}

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

/** A platform object (Teams conversation, Slack channel or user, Notion page) tied to a traject. */
export interface PlatformLinkRecord {
  id: string;
  kind: string;
  externalId: string;
  trajectId?: string;
  payload: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface PlatformLinkPort {
  /** Creates or updates the link for (kind, externalId). */
  link(
    input: { kind: string; externalId: string; trajectId?: string; payload?: Record<string, unknown> },
    actor: string,
  ): Promise<PlatformLinkRecord>;
  find(kind: string, externalId: string): Promise<PlatformLinkRecord | undefined>;
  listForTraject(trajectId: string): Promise<PlatformLinkRecord[]>;
  listByKind(kind: string): Promise<PlatformLinkRecord[]>;
  unlink(kind: string, externalId: string, actor: string): Promise<boolean>;
}

/** Where answers to a form end up, whichever surface they came from. Returns the submission id. */
export interface FormSubmissionPort {
  save(
    record: {
      formId: string;
      trajectId?: string;
      answers: Record<string, unknown>;
      surface: string;
      subject?: string;
      submittedAt?: string;
    },
    actor: string,
  ): Promise<string>;
}
