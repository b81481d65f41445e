import { randomUUID } from 'node:crypto';
import {
  CLOSED_STATUSES,
  ConflictError,
  checklistChangeSchema,
  hourEntrySchema,
  NotFoundError,
  parseWith,
  participantSchema,
  phaseChangeSchema,
  sessionChangesSchema,
  type Traject,
  trajectSchema,
  trajectStatusSchema,
  ValidationError,
  vitSubmissionSchema,
} from '@visieleren/core';
import { and, asc, count, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../db/connection.js';
import { isUniqueViolation } from '../db/errors.js';
import {
  checklistItems,
  hourLogs,
  participants,
  phases,
  sessions,
  trajects,
  vitAnswers,
} from '../db/schema.js';
import { compact, optionalIso, toIso } from '../db/values.js';
import type {
  AuditEntryInput,
  Scope,
  StoredTraject,
  TrajectRepository,
  TrajectSummary,
  UpdateOptions,
} from '../types.js';
import { appendAudit } from './audit.js';

type TrajectRow = typeof trajects.$inferSelect;

/** The same message for "missing" and "not yours", so a gemeente cannot probe other gemeenten's ids. */
export function trajectNotFound(id: string): NotFoundError {
  return new NotFoundError(`Traject ${JSON.stringify(id)} bestaat niet.`);
}

export function inScope(scope: Scope, trajectId: string): boolean {
  return scope.kind === 'all' || scope.trajectId === trajectId;
}

/** Loads whole aggregates for the given traject rows, with one query per part (not per traject). */
type ColumnRef = Parameters<typeof inArray>[0];

/**
 * Which part rows to read for `rows`. The default is an id list; for a whole portfolio pass `all` (no filter)
 * or a condition on `trajects`: tens of thousands of bind parameters would hit PostgreSQL's limit of 65,535.
 */
type PartsOf = { kind: 'ids' } | { kind: 'all' } | { kind: 'where'; where: SQL };

export async function loadAggregates(
  executor: Executor,
  rows: TrajectRow[],
  partsOf: PartsOf = { kind: 'ids' },
): Promise<StoredTraject[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const forRows = (column: ColumnRef) => {
    if (partsOf.kind === 'all') return undefined;
    if (partsOf.kind === 'where') {
      return inArray(column, executor.select({ id: trajects.id }).from(trajects).where(partsOf.where));
    }
    return inArray(column, ids);
  };
  // One after the other: inside a transaction all queries share one connection, which runs them in turn anyway.
  const participantRows = await executor
    .select()
    .from(participants)
    .where(forRows(participants.trajectId))
    .orderBy(asc(participants.position));
  const phaseRows = await executor
    .select()
    .from(phases)
    .where(forRows(phases.trajectId))
    .orderBy(asc(phases.position));
  const sessionRows = await executor
    .select()
    .from(sessions)
    .where(forRows(sessions.trajectId))
    .orderBy(asc(sessions.position));
  const checklistRows = await executor
    .select()
    .from(checklistItems)
    .where(forRows(checklistItems.trajectId))
    .orderBy(asc(checklistItems.position));
  const hourRows = await executor
    .select()
    .from(hourLogs)
    .where(forRows(hourLogs.trajectId))
    .orderBy(asc(hourLogs.date), asc(hourLogs.seq));
  // The latest VIT submission per traject is the aggregate's `vit`; all of them are in the dossier.
  const vitRows = await executor
    .selectDistinctOn([vitAnswers.trajectId])
    .from(vitAnswers)
    .where(forRows(vitAnswers.trajectId))
    .orderBy(vitAnswers.trajectId, desc(vitAnswers.submittedAt), desc(vitAnswers.id));
  const group = <R extends { trajectId: string }>(items: R[]) => {
    const map = new Map<string, R[]>();
    for (const item of items) {
      const list = map.get(item.trajectId);
      if (list) list.push(item);
      else map.set(item.trajectId, [item]);
    }
    return map;
  };
  const byParticipants = group(participantRows);
  const byPhases = group(phaseRows);
  const bySessions = group(sessionRows);
  const byChecklist = group(checklistRows);
  const byHours = group(hourRows);
  const byVit = new Map(vitRows.map((row) => [row.trajectId, row]));

  return rows.map((row) => {
    const vit = byVit.get(row.id);
    return {
      ...summaryOf(row),
      // Validated by core's schema when the traject was created; stored as that JSON.
      ...(row.template === null ? {} : { template: row.template as Traject['template'] }),
      ...(row.asOf === null ? {} : { asOf: row.asOf }),
      ...(row.statusReason === null ? {} : { statusReason: row.statusReason }),
      ...(row.illustrative === null ? {} : { illustrative: row.illustrative as Traject['illustrative'] }),
      participants: (byParticipants.get(row.id) ?? []).map((p) =>
        compact({
          id: p.id,
          name: p.name,
          email: p.email,
          role: p.role as Traject['participants'][number]['role'],
          perspective: p.perspective as Traject['participants'][number]['perspective'] | null,
          organisation: p.organisation,
        }),
      ),
      phases: (byPhases.get(row.id) ?? []).map((p) =>
        compact({
          key: p.key,
          plannedStart: p.plannedStart,
          plannedEnd: p.plannedEnd,
          actualStart: p.actualStart,
          actualEnd: p.actualEnd,
        }),
      ),
      sessions: (bySessions.get(row.id) ?? []).map((s) =>
        compact({ key: s.key, phaseKey: s.phaseKey, plannedDate: s.plannedDate, actualDate: s.actualDate }),
      ),
      checklist: (byChecklist.get(row.id) ?? []).map((c) =>
        compact({ itemId: c.itemId, done: c.done, doneAt: optionalIso(c.doneAt), doneBy: c.doneBy }),
      ),
      hours: (byHours.get(row.id) ?? []).map((h) =>
        compact({
          id: h.id,
          role: h.role as Traject['hours'][number]['role'],
          participantId: h.participantId,
          date: h.date,
          hours: h.hours,
          note: h.note,
        }),
      ),
      ...(vit
        ? {
            vit: compact({
              bankId: vit.bankId,
              bankVersion: vit.bankVersion,
              answers: vit.answers,
              submittedAt: toIso(vit.submittedAt),
              submittedBy: vit.submittedBy,
            }),
          }
        : {}),
    };
  });
}

/** The traject's own columns as the domain sees them. */
function summaryOf(row: TrajectRow): TrajectSummary {
  return {
    id: row.id,
    gemeenten: row.gemeenten as Traject['gemeenten'],
    kernvraag: row.kernvraag,
    themes: row.themes as Traject['themes'],
    templateKey: row.templateKey,
    startDate: row.startDate,
    status: row.status as Traject['status'],
    ...(row.region === null ? {} : { region: row.region as NonNullable<Traject['region']> }),
    revision: row.revision,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

export async function loadTraject(executor: Executor, id: string): Promise<StoredTraject | undefined> {
  const rows = await executor.select().from(trajects).where(eq(trajects.id, id));
  const [aggregate] = await loadAggregates(executor, rows);
  return aggregate;
}

/** The dated plan of a traject: its phases and sessions, in order. */
export async function insertPlanDates(tx: Transaction, traject: Traject): Promise<void> {
  const id = traject.id;
  if (traject.phases.length > 0) {
    await tx.insert(phases).values(
      traject.phases.map((p, position) => ({
        trajectId: id,
        key: p.key,
        position,
        plannedStart: p.plannedStart,
        plannedEnd: p.plannedEnd,
        actualStart: p.actualStart ?? null,
        actualEnd: p.actualEnd ?? null,
      })),
    );
  }
  if (traject.sessions.length > 0) {
    await tx.insert(sessions).values(
      traject.sessions.map((s, position) => ({
        trajectId: id,
        key: s.key,
        phaseKey: s.phaseKey,
        position,
        plannedDate: s.plannedDate,
        actualDate: s.actualDate ?? null,
      })),
    );
  }
}

async function insertParts(tx: Transaction, traject: Traject): Promise<void> {
  const id = traject.id;
  if (traject.participants.length > 0) {
    await tx.insert(participants).values(
      traject.participants.map((p, position) => ({
        trajectId: id,
        id: p.id,
        position,
        name: p.name,
        email: p.email ?? null,
        role: p.role,
        perspective: p.perspective ?? null,
        organisation: p.organisation ?? null,
      })),
    );
  }
  await insertPlanDates(tx, traject);
  if (traject.checklist.length > 0) {
    await tx.insert(checklistItems).values(
      traject.checklist.map((c, position) => ({
        trajectId: id,
        itemId: c.itemId,
        position,
        done: c.done,
        doneAt: c.doneAt ? new Date(c.doneAt) : null,
        doneBy: c.doneBy ?? null,
      })),
    );
  }
  if (traject.hours.length > 0) {
    await tx.insert(hourLogs).values(
      traject.hours.map((h) => ({
        trajectId: id,
        id: h.id,
        role: h.role,
        participantId: h.participantId ?? null,
        date: h.date,
        hours: h.hours,
        note: h.note ?? null,
      })),
    );
  }
  if (traject.vit) {
    await tx.insert(vitAnswers).values({
      trajectId: id,
      bankId: traject.vit.bankId,
      bankVersion: traject.vit.bankVersion,
      answers: traject.vit.answers,
      submittedAt: new Date(traject.vit.submittedAt),
      submittedBy: traject.vit.submittedBy ?? null,
    });
  }
}

/** Keys must be unique within a traject: a duplicate would otherwise surface as a database error. */
function assertUniqueKeys(traject: Traject): void {
  const issues: Array<{ path: string; message: string }> = [];
  const check = <T>(items: T[], key: (item: T) => string, field: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        issues.push({
          path: `${field}.${index}`,
          message: `${what} ${JSON.stringify(value)} komt twee keer voor`,
        });
      }
      seen.add(value);
    });
  };
  check(traject.participants, (p) => p.id, 'participants', 'deelnemer-id');
  check(traject.phases, (p) => p.key, 'phases', 'fase');
  check(traject.sessions, (s) => s.key, 'sessions', 'sessie');
  check(traject.checklist, (c) => c.itemId, 'checklist', 'checklist-item');
  check(traject.hours, (h) => h.id, 'hours', 'urenregel');
  // References inside the aggregate must point at something that exists in it.
  const phaseKeys = new Set(traject.phases.map((phase) => phase.key));
  traject.sessions.forEach((session, index) => {
    if (!phaseKeys.has(session.phaseKey)) {
      issues.push({
        path: `sessions.${index}.phaseKey`,
        message: `fase ${JSON.stringify(session.phaseKey)} bestaat niet`,
      });
    }
  });
  const participantIds = new Set(traject.participants.map((participant) => participant.id));
  traject.hours.forEach((hour, index) => {
    if (hour.participantId !== undefined && !participantIds.has(hour.participantId)) {
      issues.push({
        path: `hours.${index}.participantId`,
        message: `deelnemer ${JSON.stringify(hour.participantId)} hoort niet bij dit traject`,
      });
    }
  });
  if (issues.length > 0) {
    throw new ValidationError(
      ['Het traject is ongeldig:', ...issues.map((issue) => `  - ${issue.path}: ${issue.message}`)].join(
        '\n',
      ),
      issues,
    );
  }
}

function dateOrder(start: string | null, end: string | null, path: string, what: string): void {
  if (start !== null && end !== null && end < start) {
    const message = `${what}: de einddatum ${end} ligt vóór de begindatum ${start}`;
    throw new ValidationError(`De datums zijn ongeldig:\n  - ${path}: ${message}`, [{ path, message }]);
  }
}

const SNAPSHOT = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * Every update: lock the traject row, check scope and revision, apply, bump the revision, write the audit
 * entry — all in one transaction — and return the new aggregate.
 */
export type TrajectUpdate = (
  tx: Transaction,
  row: TrajectRow,
) => Promise<Omit<AuditEntryInput, 'actor' | 'trajectId'>>;

export async function mutateTraject(
  db: Database,
  trajectId: string,
  options: UpdateOptions,
  apply: TrajectUpdate,
): Promise<StoredTraject> {
  const scope = options.scope ?? { kind: 'all' };
  if (!inScope(scope, trajectId)) throw trajectNotFound(trajectId);
  if (options.expectedRevision !== undefined && !Number.isInteger(options.expectedRevision)) {
    throw new ValidationError('De revisie is ongeldig:\n  - revision: verwacht een geheel getal', [
      { path: 'revision', message: 'verwacht een geheel getal' },
    ]);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(trajects).where(eq(trajects.id, trajectId)).for('update');
    if (!row) throw trajectNotFound(trajectId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== row.revision) {
      throw new ConflictError(
        `Traject ${trajectId} is intussen gewijzigd (nu revisie ${row.revision}, u had revisie ${options.expectedRevision}). Laad het traject opnieuw en probeer het nog eens.`,
      );
    }
    const audit = await apply(tx, row);
    await tx
      .update(trajects)
      .set({ revision: row.revision + 1, updatedAt: sql`now()` })
      .where(eq(trajects.id, trajectId));
    await appendAudit(tx, {
      ...audit,
      actor: options.actor,
      trajectId,
      detail: { ...audit.detail, revision: row.revision + 1 },
    });
    const updated = await loadTraject(tx, trajectId);
    if (!updated) throw trajectNotFound(trajectId);
    return updated;
  });
}

export function createTrajectRepository(db: Database): TrajectRepository {
  const mutate = (trajectId: string, options: UpdateOptions, apply: TrajectUpdate) =>
    mutateTraject(db, trajectId, options, apply);

  return {
    async summaries(scope) {
      const rows = await db
        .select()
        .from(trajects)
        .where(scope.kind === 'all' ? undefined : eq(trajects.id, scope.trajectId))
        .orderBy(asc(trajects.startDate), asc(trajects.id));
      return rows.map(summaryOf);
    },

    async list(scope, filter = {}) {
      const open = filter.openOnly ? notInArray(trajects.status, [...CLOSED_STATUSES]) : undefined;
      const where = and(scope.kind === 'all' ? undefined : eq(trajects.id, scope.trajectId), open);
      const partsOf: PartsOf =
        scope.kind !== 'all' ? { kind: 'ids' } : open ? { kind: 'where', where: open } : { kind: 'all' };
      // One snapshot for the traject rows and their parts, even while other instances write.
      return db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(trajects)
          .where(where)
          .orderBy(asc(trajects.startDate), asc(trajects.id));
        return loadAggregates(tx, rows, partsOf);
      }, SNAPSHOT);
    },

    async get(id, scope) {
      if (!inScope(scope, id)) throw trajectNotFound(id);
      const traject = await db.transaction((tx) => loadTraject(tx, id), SNAPSHOT);
      if (!traject) throw trajectNotFound(id);
      return traject;
    },

    async create(input, actor) {
      const traject = parseWith(trajectSchema, input, 'Het traject');
      assertUniqueKeys(traject);
      try {
        return await db.transaction(async (tx) => {
          await tx.insert(trajects).values({
            id: traject.id,
            gemeenten: traject.gemeenten,
            kernvraag: traject.kernvraag,
            themes: traject.themes,
            templateKey: traject.templateKey,
            startDate: traject.startDate,
            status: traject.status,
            region: traject.region ?? null,
            template: traject.template ?? null,
            asOf: traject.asOf ?? null,
            statusReason: traject.statusReason ?? null,
            illustrative: traject.illustrative ?? null,
          });
          await insertParts(tx, traject);
          await appendAudit(tx, {
            actor,
            action: 'traject.create',
            trajectId: traject.id,
            detail: {
              templateKey: traject.templateKey,
              gemeenten: traject.gemeenten.map((gemeente) => gemeente.name),
              status: traject.status,
            },
          });
          const stored = await loadTraject(tx, traject.id);
          if (!stored) throw trajectNotFound(traject.id);
          return stored;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(`Er bestaat al een traject met id ${JSON.stringify(traject.id)}.`);
        }
        throw error;
      }
    },

    async updatePhaseDates(trajectId, phaseKey, input, options) {
      const change = parseWith(phaseChangeSchema, input, 'De fasedatums');
      return mutate(trajectId, options, async (tx) => {
        const [phase] = await tx
          .select()
          .from(phases)
          .where(and(eq(phases.trajectId, trajectId), eq(phases.key, phaseKey)));
        if (!phase) throw new NotFoundError(`Fase ${JSON.stringify(phaseKey)} bestaat niet in dit traject.`);
        const next = {
          plannedStart: change.plannedStart ?? phase.plannedStart,
          plannedEnd: change.plannedEnd ?? phase.plannedEnd,
          actualStart: change.actualStart === undefined ? phase.actualStart : change.actualStart,
          actualEnd: change.actualEnd === undefined ? phase.actualEnd : change.actualEnd,
        };
        dateOrder(next.plannedStart, next.plannedEnd, 'plannedEnd', 'Planning');
        dateOrder(next.actualStart, next.actualEnd, 'actualEnd', 'Werkelijk');
        await tx
          .update(phases)
          .set(next)
          .where(and(eq(phases.trajectId, trajectId), eq(phases.key, phaseKey)));
        return { action: 'phase.dates', detail: { phaseKey, ...change } };
      });
    },

    async updateSessionDates(trajectId, input, options) {
      const changes = parseWith(sessionChangesSchema, input, 'De sessiedatums');
      return mutate(trajectId, options, async (tx) => {
        for (const [index, change] of changes.entries()) {
          const set = {
            ...(change.plannedDate === undefined ? {} : { plannedDate: change.plannedDate }),
            ...(change.actualDate === undefined ? {} : { actualDate: change.actualDate }),
          };
          const updated = Object.keys(set).length
            ? await tx
                .update(sessions)
                .set(set)
                .where(and(eq(sessions.trajectId, trajectId), eq(sessions.key, change.sessionKey)))
                .returning({ key: sessions.key })
            : await tx
                .select({ key: sessions.key })
                .from(sessions)
                .where(and(eq(sessions.trajectId, trajectId), eq(sessions.key, change.sessionKey)));
          if (updated.length === 0) {
            const message = `sessie ${JSON.stringify(change.sessionKey)} bestaat niet in dit traject`;
            throw new ValidationError(`De sessiedatums zijn ongeldig:\n  - ${index}.sessionKey: ${message}`, [
              { path: `${index}.sessionKey`, message },
            ]);
          }
        }
        return { action: 'session.dates', detail: { changes } };
      });
    },

    async setStatus(trajectId, input, options) {
      const status = parseWith(trajectStatusSchema, input, 'De status');
      return mutate(trajectId, options, async (tx, row) => {
        await tx.update(trajects).set({ status }).where(eq(trajects.id, trajectId));
        return { action: 'traject.status', detail: { from: row.status, to: status } };
      });
    },

    async setChecklistItem(trajectId, input, options) {
      const change = parseWith(checklistChangeSchema, input, 'Het checklist-item');
      return mutate(trajectId, options, async (tx) => {
        const updated = await tx
          .update(checklistItems)
          .set({
            done: change.done,
            doneAt: change.done ? new Date(change.at ?? Date.now()) : null,
            doneBy: change.done ? (change.by ?? null) : null,
          })
          .where(and(eq(checklistItems.trajectId, trajectId), eq(checklistItems.itemId, change.itemId)))
          .returning({ itemId: checklistItems.itemId });
        if (updated.length === 0) {
          const message = `checklist-item ${JSON.stringify(change.itemId)} bestaat niet in dit traject`;
          throw new ValidationError(`Het checklist-item is ongeldig:\n  - itemId: ${message}`, [
            { path: 'itemId', message },
          ]);
        }
        return {
          action: 'checklist.set',
          detail: { itemId: change.itemId, done: change.done, ...(change.by ? { by: change.by } : {}) },
        };
      });
    },

    async logHours(trajectId, input, options) {
      const entry = parseWith(hourEntrySchema, input, 'De urenregel');
      const id = entry.id ?? randomUUID();
      return mutate(trajectId, options, async (tx) => {
        if (entry.participantId !== undefined) {
          const [participant] = await tx
            .select({ id: participants.id })
            .from(participants)
            .where(and(eq(participants.trajectId, trajectId), eq(participants.id, entry.participantId)));
          if (!participant) {
            const message = `deelnemer ${JSON.stringify(entry.participantId)} hoort niet bij dit traject`;
            throw new ValidationError(`De urenregel is ongeldig:\n  - participantId: ${message}`, [
              { path: 'participantId', message },
            ]);
          }
        }
        const inserted = await tx
          .insert(hourLogs)
          .values({
            trajectId,
            id,
            role: entry.role,
            participantId: entry.participantId ?? null,
            date: entry.date,
            hours: entry.hours,
            note: entry.note ?? null,
          })
          .onConflictDoNothing()
          .returning({ id: hourLogs.id });
        if (inserted.length === 0) throw new ConflictError(`Urenregel ${JSON.stringify(id)} bestaat al.`);
        return {
          action: 'hours.log',
          detail: { hourLogId: id, role: entry.role, date: entry.date, hours: entry.hours },
        };
      });
    },

    async submitVit(trajectId, input, options) {
      const submission = parseWith(vitSubmissionSchema, input, 'De VIT-antwoorden');
      return mutate(trajectId, options, async (tx) => {
        const [row] = await tx
          .insert(vitAnswers)
          .values({
            trajectId,
            bankId: submission.bankId,
            bankVersion: submission.bankVersion,
            answers: submission.answers,
            submittedAt: new Date(submission.submittedAt),
            submittedBy: submission.submittedBy ?? null,
          })
          .returning({ id: vitAnswers.id });
        return {
          action: 'vit.submit',
          detail: {
            vitSubmissionId: row?.id,
            bankId: submission.bankId,
            bankVersion: submission.bankVersion,
            answered: Object.keys(submission.answers).length,
          },
        };
      });
    },

    async upsertParticipant(trajectId, input, options) {
      const participant = parseWith(participantSchema, input, 'De deelnemer');
      return mutate(trajectId, options, async (tx) => {
        const [last] = await tx
          .select({ position: sql<number>`coalesce(max(${participants.position}), -1)` })
          .from(participants)
          .where(eq(participants.trajectId, trajectId));
        const values = {
          name: participant.name,
          email: participant.email ?? null,
          role: participant.role,
          perspective: participant.perspective ?? null,
          organisation: participant.organisation ?? null,
        };
        await tx
          .insert(participants)
          .values({ trajectId, id: participant.id, position: Number(last?.position ?? -1) + 1, ...values })
          .onConflictDoUpdate({ target: [participants.trajectId, participants.id], set: values });
        // The audit detail names the participant by id only: names and e-mail stay in one erasable place.
        return {
          action: 'participant.upsert',
          detail: { participantId: participant.id, role: participant.role },
        };
      });
    },

    async count() {
      const [row] = await db.select({ value: count() }).from(trajects);
      return Number(row?.value ?? 0);
    },
  };
}
