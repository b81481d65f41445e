import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { participantSchema, type Traject, trajectSchema, vitSubmissionSchema } from '../model/traject.js';
import {
  checklistChangeSchema,
  hourEntrySchema,
  phaseChangeSchema,
  sessionChangesSchema,
} from '../model/traject-changes.js';
import { trajectStatusSchema } from '../model/vocabulary-schemas.js';
import type {
  Clock,
  TrajectChangeOptions,
  TrajectRecord,
  TrajectRepositoryPort,
  TrajectScope,
} from '../ports.js';
import { parseWith } from '../validation.js';
import type { MemoryAudit } from './memory-audit.js';

/** The traject port in memory, plus what a test needs to set the scene. */
export interface MemoryTrajects extends TrajectRepositoryPort {
  /** Stores a traject (validated with core's schema), audited as `traject.create`. ConflictError on a taken id. */
  create(traject: Traject, actor?: string): Promise<TrajectRecord>;
  /** Whether a traject with this id exists (for the other in-memory ports' references). */
  has(id: string): boolean;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Traject ${JSON.stringify(id)} bestaat niet.`);
}

function invalid(what: string, path: string, message: string): ValidationError {
  return new ValidationError(`${what} is ongeldig:\n  - ${path}: ${message}`, [{ path, message }]);
}

/** Sets or clears (null) an optional field. */
function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | null | undefined,
): void {
  if (value === undefined) return;
  if (value === null) delete target[key];
  else target[key] = value;
}

function inScope(scope: TrajectScope | undefined, id: string): boolean {
  return !scope || scope.kind === 'all' || scope.trajectId === id;
}

export function createMemoryTrajects(
  clock: Clock,
  audit: MemoryAudit,
  seed: readonly Traject[] = [],
): MemoryTrajects {
  const records = new Map<string, TrajectRecord>();
  let hourIds = 0;

  const now = () => clock.now().toISOString();
  const stored = (traject: Traject): TrajectRecord => {
    const at = now();
    return { ...structuredClone(traject), revision: 1, createdAt: at, updatedAt: at };
  };
  // Seeds are the scene a test starts from: stored without audit entries, so the change feed starts empty.
  for (const traject of seed)
    records.set(traject.id, stored(parseWith(trajectSchema, traject, 'Het traject')));

  /** Scope, revision, apply on a copy, bump, audit: all or nothing, like the store's transaction. */
  async function mutate(
    trajectId: string,
    options: TrajectChangeOptions,
    apply: (draft: TrajectRecord) => { action: string; detail: Record<string, unknown> },
  ): Promise<TrajectRecord> {
    if (!inScope(options.scope, trajectId)) throw notFound(trajectId);
    if (options.expectedRevision !== undefined && !Number.isInteger(options.expectedRevision)) {
      throw invalid('De revisie', 'revision', 'verwacht een geheel getal');
    }
    const current = records.get(trajectId);
    if (!current) throw notFound(trajectId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== current.revision) {
      throw new ConflictError(
        `Traject ${trajectId} is intussen gewijzigd (nu revisie ${current.revision}, u had revisie ${options.expectedRevision}). Laad het traject opnieuw en probeer het nog eens.`,
      );
    }
    const draft = structuredClone(current);
    const change = apply(draft);
    draft.revision = current.revision + 1;
    draft.updatedAt = now();
    records.set(trajectId, draft);
    audit.record({
      actor: options.actor,
      action: change.action,
      trajectId,
      detail: { ...change.detail, revision: draft.revision },
    });
    return structuredClone(draft);
  }

  const sorted = () =>
    [...records.values()].sort((a, b) =>
      a.startDate === b.startDate ? a.id.localeCompare(b.id) : a.startDate.localeCompare(b.startDate),
    );

  return {
    has: (id) => records.has(id),

    async list(scope) {
      return sorted()
        .filter((record) => inScope(scope, record.id))
        .map((record) => structuredClone(record));
    },

    async get(id, scope) {
      const record = records.get(id);
      if (!record || !inScope(scope, id)) throw notFound(id);
      return structuredClone(record);
    },

    async create(input, actor = 'test') {
      const traject = parseWith(trajectSchema, input, 'Het traject');
      if (records.has(traject.id)) {
        throw new ConflictError(`Er bestaat al een traject met id ${JSON.stringify(traject.id)}.`);
      }
      const record = stored(traject);
      records.set(traject.id, record);
      audit.record({
        actor,
        action: 'traject.create',
        trajectId: traject.id,
        detail: {
          templateKey: traject.templateKey,
          gemeenten: traject.gemeenten.map((gemeente) => gemeente.name),
          status: traject.status,
        },
      });
      return structuredClone(record);
    },

    async updatePhaseDates(trajectId, phaseKey, input, options) {
      const change = parseWith(phaseChangeSchema, input, 'De fasedatums');
      return mutate(trajectId, options, (draft) => {
        const phase = draft.phases.find((candidate) => candidate.key === phaseKey);
        if (!phase) throw new NotFoundError(`Fase ${JSON.stringify(phaseKey)} bestaat niet in dit traject.`);
        const next = { ...phase };
        if (change.plannedStart) next.plannedStart = change.plannedStart;
        if (change.plannedEnd) next.plannedEnd = change.plannedEnd;
        assign(next, 'actualStart', change.actualStart);
        assign(next, 'actualEnd', change.actualEnd);
        if (next.plannedEnd < next.plannedStart) {
          throw invalid(
            'De datums',
            'plannedEnd',
            `Planning: de einddatum ${next.plannedEnd} ligt vóór de begindatum ${next.plannedStart}`,
          );
        }
        if (next.actualStart && next.actualEnd && next.actualEnd < next.actualStart) {
          throw invalid(
            'De datums',
            'actualEnd',
            `Werkelijk: de einddatum ${next.actualEnd} ligt vóór de begindatum ${next.actualStart}`,
          );
        }
        Object.assign(phase, next);
        if (next.actualStart === undefined) delete phase.actualStart;
        if (next.actualEnd === undefined) delete phase.actualEnd;
        return { action: 'phase.dates', detail: { phaseKey, ...change } };
      });
    },

    async updateSessionDates(trajectId, input, options) {
      const changes = parseWith(sessionChangesSchema, input, 'De sessiedatums');
      return mutate(trajectId, options, (draft) => {
        for (const [index, change] of changes.entries()) {
          const session = draft.sessions.find((candidate) => candidate.key === change.sessionKey);
          if (!session) {
            throw invalid(
              'De sessiedatums',
              `${index}.sessionKey`,
              `sessie ${JSON.stringify(change.sessionKey)} bestaat niet in dit traject`,
            );
          }
          if (change.plannedDate) session.plannedDate = change.plannedDate;
          assign(session, 'actualDate', change.actualDate);
        }
        return { action: 'session.dates', detail: { changes } };
      });
    },

    async upsertParticipant(trajectId, input, options) {
      const participant = parseWith(participantSchema, input, 'De deelnemer');
      return mutate(trajectId, options, (draft) => {
        const index = draft.participants.findIndex((candidate) => candidate.id === participant.id);
        if (index === -1) draft.participants.push(participant);
        else draft.participants[index] = participant;
        return {
          action: 'participant.upsert',
          detail: { participantId: participant.id, role: participant.role },
        };
      });
    },

    async setStatus(trajectId, input, options) {
      const status = parseWith(trajectStatusSchema, input, 'De status');
      return mutate(trajectId, options, (draft) => {
        const from = draft.status;
        draft.status = status;
        return { action: 'traject.status', detail: { from, to: status } };
      });
    },

    async setChecklistItem(trajectId, input, options) {
      const change = parseWith(checklistChangeSchema, input, 'Het checklist-item');
      return mutate(trajectId, options, (draft) => {
        const item = draft.checklist.find((candidate) => candidate.itemId === change.itemId);
        if (!item) {
          throw invalid(
            'Het checklist-item',
            'itemId',
            `checklist-item ${JSON.stringify(change.itemId)} bestaat niet in dit traject`,
          );
        }
        item.done = change.done;
        delete item.doneAt;
        delete item.doneBy;
        if (change.done) {
          item.doneAt = new Date(change.at ?? clock.now()).toISOString();
          if (change.by) item.doneBy = change.by;
        }
        return {
          action: 'checklist.set',
          detail: { itemId: change.itemId, done: change.done, ...(change.by ? { by: change.by } : {}) },
        };
      });
    },

    async logHours(trajectId, input, options) {
      const entry = parseWith(hourEntrySchema, input, 'De urenregel');
      const id = entry.id ?? `uren-${++hourIds}`;
      return mutate(trajectId, options, (draft) => {
        if (
          entry.participantId !== undefined &&
          !draft.participants.some((participant) => participant.id === entry.participantId)
        ) {
          throw invalid(
            'De urenregel',
            'participantId',
            `deelnemer ${JSON.stringify(entry.participantId)} hoort niet bij dit traject`,
          );
        }
        if (draft.hours.some((hour) => hour.id === id)) {
          throw new ConflictError(`Urenregel ${JSON.stringify(id)} bestaat al.`);
        }
        draft.hours.push({ ...entry, id });
        // The store returns hours by date, then in the order they were logged.
        draft.hours.sort((a, b) => a.date.localeCompare(b.date));
        return {
          action: 'hours.log',
          detail: { hourLogId: id, role: entry.role, date: entry.date, hours: entry.hours },
        };
      });
    },

    async submitVit(trajectId, input, options) {
      const submission = parseWith(vitSubmissionSchema, input, 'De VIT-antwoorden');
      return mutate(trajectId, options, (draft) => {
        // The aggregate's `vit` is the latest submission, as in the store.
        if (!draft.vit || draft.vit.submittedAt <= submission.submittedAt) draft.vit = submission;
        return {
          action: 'vit.submit',
          detail: {
            bankId: submission.bankId,
            bankVersion: submission.bankVersion,
            answered: Object.keys(submission.answers).length,
          },
        };
      });
    },
  };
}
