import { randomBytes } from 'node:crypto';
import {
  type AanmeldingIntake,
  ConflictError,
  type DeliverableVersion,
  deliverableInputSchema,
  type ExtraSession,
  extraSessionSchema,
  type Lesson,
  type LessonApproval,
  lessonInputSchema,
  NotFoundError,
  parseWith,
  programmeSchema,
  respondentOf,
  type TeamMember,
  type Traject,
  teamMemberSchema,
  trajectSchema,
  ValidationError,
} from '@visieleren/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/connection.js';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors.js';
import {
  checklistItems,
  deliverables,
  extraSessions,
  kernvraagChanges,
  lessons,
  participants,
  phases,
  programmeMeasurements,
  programmes,
  programmeTrajects,
  sessions,
  teamMembers,
  trajectFormAnswers,
  trajectIntakes,
  trajects,
} from '../db/schema.js';
import { compact, toIso } from '../db/values.js';
import type {
  FormAnswersRecord,
  KernvraagEntry,
  LifecycleRepository,
  StoredIntake,
} from '../lifecycle-types.js';
import type { UpdateOptions } from '../types.js';
import { appendAudit } from './audit.js';
import { randomPseudonym } from './forget.js';
import {
  insertPlanDates,
  loadTraject,
  mutateTraject,
  type TrajectUpdate,
  trajectNotFound,
} from './trajects.js';

const notFoundAsTraject = (trajectId: string) => (error: unknown) => {
  if (isForeignKeyViolation(error)) throw trajectNotFound(trajectId);
  throw error;
};

function toIntake(row: typeof trajectIntakes.$inferSelect): StoredIntake {
  return {
    trajectId: row.trajectId,
    vraagstuk: row.vraagstuk,
    contact: row.contact as unknown as AanmeldingIntake['contact'],
    answers: row.answers,
    ...(row.submissionId ? { submissionId: row.submissionId } : {}),
    submittedAt: toIso(row.submittedAt),
    ...(row.decision && row.decidedAt
      ? {
          decision: {
            kind: row.decision,
            at: toIso(row.decidedAt),
            by: row.decidedBy ?? '',
            ...(row.declineReason ? { reason: row.declineReason } : {}),
          },
        }
      : {}),
  };
}

function toDeliverable(row: typeof deliverables.$inferSelect): DeliverableVersion {
  return compact({
    trajectId: row.trajectId,
    kind: row.kind as DeliverableVersion['kind'],
    version: row.version,
    state: row.state as DeliverableVersion['state'],
    body: row.body,
    url: row.url,
    createdAt: toIso(row.createdAt),
    createdBy: row.createdBy,
  }) as DeliverableVersion;
}

function toTeamMember(row: typeof teamMembers.$inferSelect): TeamMember {
  return compact({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as TeamMember['role'],
    expertise: row.expertise as TeamMember['expertise'],
  }) as TeamMember;
}

function toExtraSession(row: typeof extraSessions.$inferSelect): ExtraSession {
  return compact({
    key: row.key,
    kind: row.kind as ExtraSession['kind'],
    plannedDate: row.plannedDate,
    actualDate: row.actualDate,
    note: row.note,
  }) as ExtraSession;
}

function toLesson(row: typeof lessons.$inferSelect): Lesson {
  return compact({
    id: row.id,
    theme: row.theme as Lesson['theme'],
    kind: row.kind as Lesson['kind'],
    uitgangspunten: row.uitgangspunten,
    trajectId: row.trajectId,
    title: row.title,
    body: row.body,
    shared: row.shared,
    source: row.source,
    createdAt: toIso(row.createdAt),
    createdBy: row.createdBy,
    approval: row.approval as LessonApproval,
  }) as Lesson;
}

function toFormAnswers(row: typeof trajectFormAnswers.$inferSelect): FormAnswersRecord {
  return {
    trajectId: row.trajectId,
    formId: row.formId,
    respondent: row.respondent,
    answers: row.answers,
    ...(row.submissionId ? { submissionId: row.submissionId } : {}),
    submittedAt: toIso(row.submittedAt),
  };
}

/** `Les over wachttijden` → `les-over-wachttijden-3f9a`: readable, unique enough, and never reused. */
function lessonId(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'les'}-${randomBytes(3).toString('hex')}`;
}

export function createLifecycleRepository(db: Database): LifecycleRepository {
  /** The traject repository's update: lock, check scope and revision, apply, bump, audit. */
  const mutate = (trajectId: string, options: UpdateOptions, apply: TrajectUpdate) =>
    mutateTraject(db, trajectId, options, apply);

  async function decide(
    tx: Transaction,
    trajectId: string,
    kind: 'geaccepteerd' | 'afgewezen',
    by: string,
    reason?: string,
  ) {
    await tx
      .update(trajectIntakes)
      .set({ decision: kind, decidedAt: new Date(), decidedBy: by, declineReason: reason ?? null })
      .where(eq(trajectIntakes.trajectId, trajectId));
  }

  const repository: LifecycleRepository = {
    async createFromAanmelding(input, intake, meta, actor) {
      const traject = parseWith(trajectSchema, input, 'Het traject');
      try {
        await db.transaction(async (tx) => {
          await tx.insert(trajects).values({
            id: traject.id,
            gemeenten: traject.gemeenten,
            kernvraag: traject.kernvraag,
            themes: traject.themes,
            templateKey: traject.templateKey,
            startDate: traject.startDate,
            status: traject.status,
            region: traject.region ?? null,
          });
          await insertPlan(tx, traject, new Map());
          if (traject.participants.length > 0) {
            await tx.insert(participants).values(
              traject.participants.map((participant, position) => ({
                trajectId: traject.id,
                id: participant.id,
                position,
                name: participant.name,
                email: participant.email ?? null,
                role: participant.role,
                perspective: participant.perspective ?? null,
                organisation: participant.organisation ?? null,
              })),
            );
          }
          await tx.insert(trajectIntakes).values({
            trajectId: traject.id,
            vraagstuk: intake.vraagstuk,
            contact: { ...intake.contact },
            answers: intake.answers,
            submissionId: meta.submissionId ?? null,
            submittedAt: new Date(meta.submittedAt),
          });
          await appendAudit(tx, {
            actor,
            action: 'aanmelding.create',
            trajectId: traject.id,
            detail: {
              gemeenten: traject.gemeenten.map((gemeente) => gemeente.name),
              status: traject.status,
              ...(meta.submissionId ? { submissionId: meta.submissionId } : {}),
            },
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`Traject ${traject.id} bestaat al.`);
        throw error;
      }
      const stored = await loadTraject(db, traject.id);
      if (!stored) throw trajectNotFound(traject.id);
      return stored;
    },

    async getIntake(trajectId) {
      const [row] = await db.select().from(trajectIntakes).where(eq(trajectIntakes.trajectId, trajectId));
      return row ? toIntake(row) : undefined;
    },

    accept(accepted, options) {
      const traject = parseWith(trajectSchema, accepted, 'Het traject');
      return mutate(traject.id, options, async (tx, row) => {
        if (row.status !== 'aangemeld') {
          throw new ConflictError(
            `Alleen een aangemeld traject kunt u accepteren; traject ${row.id} heeft status "${row.status}".`,
          );
        }
        const ticked = await tx.select().from(checklistItems).where(eq(checklistItems.trajectId, row.id));
        await tx.delete(phases).where(eq(phases.trajectId, row.id));
        await tx.delete(sessions).where(eq(sessions.trajectId, row.id));
        await tx.delete(checklistItems).where(eq(checklistItems.trajectId, row.id));
        await insertPlan(tx, traject, new Map(ticked.map((item) => [item.itemId, item])));
        const added = await addNewParticipants(tx, traject);
        await tx
          .update(trajects)
          .set({
            templateKey: traject.templateKey,
            startDate: traject.startDate,
            status: 'lopend',
            region: traject.region ?? null,
          })
          .where(eq(trajects.id, row.id));
        await decide(tx, row.id, 'geaccepteerd', options.actor);
        return {
          action: 'aanmelding.accept',
          // How many people the aanmelding named who became participants; their names stay out of the audit.
          detail: {
            templateKey: traject.templateKey,
            startDate: traject.startDate,
            from: row.status,
            participantsAdded: added,
          },
        };
      });
    },

    decline(trajectId, reason, options) {
      return mutate(trajectId, options, async (tx, row) => {
        if (row.status !== 'aangemeld') {
          throw new ConflictError(
            `Alleen een aangemeld traject kunt u afwijzen; traject ${row.id} heeft status "${row.status}".`,
          );
        }
        await tx.update(trajects).set({ status: 'afgewezen' }).where(eq(trajects.id, trajectId));
        await decide(tx, trajectId, 'afgewezen', options.actor, reason);
        // The reason is the VNG team's own text, no personal data: it goes in the audit entry.
        return { action: 'aanmelding.decline', detail: { reason } };
      });
    },

    changeKernvraag(trajectId, kernvraag, options) {
      const text = kernvraag.trim();
      if (text.length < 3 || text.length > 2000) {
        throw new ValidationError('De kernvraag is ongeldig:\n  - kernvraag: 3 tot 2000 tekens', [
          { path: 'kernvraag', message: '3 tot 2000 tekens' },
        ]);
      }
      return mutate(trajectId, options, async (tx, row) => {
        await tx.update(trajects).set({ kernvraag: text }).where(eq(trajects.id, trajectId));
        await tx.insert(kernvraagChanges).values({
          trajectId,
          kernvraag: text,
          changedAt: options.at ? new Date(options.at) : new Date(),
          changedBy: options.actor,
          note: options.note?.trim() || null,
        });
        return { action: 'kernvraag.change', detail: { previousLength: row.kernvraag.length } };
      });
    },

    async kernvraagHistory(trajectId) {
      const intake = await repository.getIntake(trajectId);
      const rows = await db
        .select()
        .from(kernvraagChanges)
        .where(eq(kernvraagChanges.trajectId, trajectId))
        .orderBy(asc(kernvraagChanges.id));
      const entries: KernvraagEntry[] = intake
        ? [{ kind: 'vraagstuk', text: intake.vraagstuk, at: intake.submittedAt, by: 'aanmelding' }]
        : [];
      for (const row of rows) {
        entries.push({
          kind: 'kernvraag',
          text: row.kernvraag,
          at: toIso(row.changedAt),
          by: row.changedBy,
          ...(row.note ? { note: row.note } : {}),
        });
      }
      return entries;
    },

    async recordFormAnswers(record, actor) {
      const respondent = respondentOf(record.respondent);
      const submittedAt = record.submittedAt ? new Date(record.submittedAt) : new Date();
      return db
        .transaction(async (tx) => {
          const [previous] = await tx
            .select()
            .from(trajectFormAnswers)
            .where(
              and(
                eq(trajectFormAnswers.trajectId, record.trajectId),
                eq(trajectFormAnswers.formId, record.formId),
                eq(trajectFormAnswers.respondent, respondent),
              ),
            )
            .for('update');
          const values = {
            answers: record.answers,
            submissionId: record.submissionId ?? null,
            submittedAt,
          };
          if (previous) {
            await tx
              .update(trajectFormAnswers)
              .set(values)
              .where(
                and(
                  eq(trajectFormAnswers.trajectId, record.trajectId),
                  eq(trajectFormAnswers.formId, record.formId),
                  eq(trajectFormAnswers.respondent, respondent),
                ),
              );
          } else {
            await tx
              .insert(trajectFormAnswers)
              .values({ trajectId: record.trajectId, formId: record.formId, respondent, ...values });
          }
          // Who answered stays out of the audit detail (personal data); the submission ids say which.
          await appendAudit(tx, {
            actor,
            action: previous ? 'form.answers.replace' : 'form.answers.record',
            trajectId: record.trajectId,
            detail: {
              formId: record.formId,
              ...(record.submissionId ? { submissionId: record.submissionId } : {}),
              ...(previous?.submissionId ? { replacedSubmissionId: previous.submissionId } : {}),
            },
          });
          return { replaced: previous !== undefined };
        })
        .catch(notFoundAsTraject(record.trajectId));
    },

    async listFormAnswers(trajectId, formId) {
      const rows = await db
        .select()
        .from(trajectFormAnswers)
        .where(
          and(
            eq(trajectFormAnswers.trajectId, trajectId),
            formId === undefined ? undefined : eq(trajectFormAnswers.formId, formId),
          ),
        )
        .orderBy(asc(trajectFormAnswers.formId), asc(trajectFormAnswers.submittedAt));
      return rows.map(toFormAnswers);
    },

    async addDeliverable(trajectId, input, actor) {
      const parsed = parseWith(deliverableInputSchema, input, 'Het product');
      return db
        .transaction(async (tx) => {
          await tx.select({ id: trajects.id }).from(trajects).where(eq(trajects.id, trajectId)).for('update');
          const [{ next } = { next: 1 }] = await tx
            .select({ next: sql<number>`coalesce(max(${deliverables.version}), 0) + 1` })
            .from(deliverables)
            .where(and(eq(deliverables.trajectId, trajectId), eq(deliverables.kind, parsed.kind)));
          const [row] = await tx
            .insert(deliverables)
            .values({
              trajectId,
              kind: parsed.kind,
              version: Number(next),
              state: parsed.state,
              body: parsed.body ?? null,
              url: parsed.url ?? null,
              createdBy: actor,
            })
            .returning();
          await appendAudit(tx, {
            actor,
            action: 'deliverable.add',
            trajectId,
            detail: { kind: parsed.kind, version: Number(next), state: parsed.state },
          });
          return toDeliverable(row!);
        })
        .catch(notFoundAsTraject(trajectId));
    },

    async listDeliverables(trajectId) {
      const rows = await db
        .select()
        .from(deliverables)
        .where(eq(deliverables.trajectId, trajectId))
        .orderBy(asc(deliverables.kind), asc(deliverables.version));
      return rows.map(toDeliverable);
    },

    async upsertTeamMember(trajectId, input, actor) {
      const member = parseWith(teamMemberSchema, input, 'Het teamlid');
      await db
        .transaction(async (tx) => {
          const [{ position } = { position: 0 }] = await tx
            .select({ position: sql<number>`coalesce(max(${teamMembers.position}), -1) + 1` })
            .from(teamMembers)
            .where(eq(teamMembers.trajectId, trajectId));
          const values = {
            name: member.name,
            email: member.email ?? null,
            role: member.role,
            expertise: member.expertise,
          };
          await tx
            .insert(teamMembers)
            .values({ trajectId, id: member.id, position: Number(position), ...values })
            .onConflictDoUpdate({ target: [teamMembers.trajectId, teamMembers.id], set: values });
          await appendAudit(tx, {
            actor,
            action: 'team.upsert',
            trajectId,
            detail: { memberId: member.id, role: member.role, expertise: member.expertise },
          });
        })
        .catch(notFoundAsTraject(trajectId));
      return repository.listTeam(trajectId);
    },

    async removeTeamMember(trajectId, memberId, actor) {
      return db.transaction(async (tx) => {
        const removed = await tx
          .delete(teamMembers)
          .where(and(eq(teamMembers.trajectId, trajectId), eq(teamMembers.id, memberId)))
          .returning({ id: teamMembers.id });
        if (removed.length > 0) {
          await appendAudit(tx, { actor, action: 'team.remove', trajectId, detail: { memberId } });
        }
        return removed.length > 0;
      });
    },

    async listTeam(trajectId) {
      const rows = await db
        .select()
        .from(teamMembers)
        .where(eq(teamMembers.trajectId, trajectId))
        .orderBy(asc(teamMembers.position));
      return rows.map(toTeamMember);
    },

    async upsertExtraSession(trajectId, input, actor) {
      const session = parseWith(extraSessionSchema, input, 'De sessie');
      await db
        .transaction(async (tx) => {
          const values = {
            kind: session.kind,
            plannedDate: session.plannedDate,
            actualDate: session.actualDate ?? null,
            note: session.note ?? null,
          };
          await tx
            .insert(extraSessions)
            .values({ trajectId, key: session.key, ...values })
            .onConflictDoUpdate({ target: [extraSessions.trajectId, extraSessions.key], set: values });
          await appendAudit(tx, {
            actor,
            action: 'session.extra',
            trajectId,
            detail: { key: session.key, kind: session.kind, plannedDate: session.plannedDate },
          });
        })
        .catch(notFoundAsTraject(trajectId));
      return repository.listExtraSessions(trajectId);
    },

    async listExtraSessions(trajectId) {
      const rows = await db
        .select()
        .from(extraSessions)
        .where(eq(extraSessions.trajectId, trajectId))
        .orderBy(asc(extraSessions.plannedDate), asc(extraSessions.key));
      return rows.map(toExtraSession);
    },

    async addLesson(input, actor) {
      const lesson = parseWith(lessonInputSchema, input, 'De les');
      const id = lessonId(lesson.title);
      const [row] = await db
        .transaction(async (tx) => {
          const inserted = await tx
            .insert(lessons)
            .values({
              id,
              theme: lesson.theme,
              kind: lesson.kind,
              uitgangspunten: lesson.uitgangspunten,
              trajectId: lesson.trajectId ?? null,
              title: lesson.title,
              body: lesson.body,
              shared: lesson.trajectId === undefined ? true : lesson.shared,
              source: lesson.source ?? null,
              createdBy: actor,
              approval: lesson.approval,
            })
            .returning();
          await appendAudit(tx, {
            actor,
            action: 'lesson.add',
            ...(lesson.trajectId ? { trajectId: lesson.trajectId } : {}),
            detail: { lessonId: id, theme: lesson.theme, shared: lesson.shared, approval: lesson.approval },
          });
          return inserted;
        })
        .catch(notFoundAsTraject(lesson.trajectId ?? ''));
      return toLesson(row!);
    },

    async decideLesson(lessonId, approval, actor) {
      const [row] = await db.transaction(async (tx) => {
        const updated = await tx
          .update(lessons)
          .set({ approval, decidedAt: new Date(), decidedBy: actor })
          .where(eq(lessons.id, lessonId))
          .returning();
        if (updated.length === 0) throw new NotFoundError(`Les ${JSON.stringify(lessonId)} bestaat niet.`);
        await appendAudit(tx, {
          actor,
          action: 'lesson.decide',
          ...(updated[0]?.trajectId ? { trajectId: updated[0].trajectId } : {}),
          detail: { lessonId, approval },
        });
        return updated;
      });
      return toLesson(row!);
    },

    async listLessons() {
      const rows = await db.select().from(lessons).orderBy(asc(lessons.createdAt), asc(lessons.id));
      return rows.map(toLesson);
    },

    async upsertProgramme(input, actor) {
      const programme = parseWith(programmeSchema, input, 'Het programma');
      const { trajectIds, ...definition } = programme;
      await db
        .transaction(async (tx) => {
          await tx
            .insert(programmes)
            .values({ key: programme.key, definition })
            .onConflictDoUpdate({
              target: programmes.key,
              set: { definition, updatedAt: sql`now()` },
            });
          await tx.delete(programmeTrajects).where(eq(programmeTrajects.programmeKey, programme.key));
          for (const trajectId of new Set(trajectIds)) {
            await tx.insert(programmeTrajects).values({ programmeKey: programme.key, trajectId });
          }
          await appendAudit(tx, {
            actor,
            action: 'programme.upsert',
            detail: { programmeKey: programme.key, trajects: trajectIds.length },
          });
        })
        .catch((error: unknown) => {
          if (isForeignKeyViolation(error)) {
            throw new NotFoundError(
              `Een traject van programma ${programme.key} bestaat niet; controleer trajectIds.`,
            );
          }
          throw error;
        });
      return repository.getProgramme(programme.key);
    },

    async listProgrammes() {
      const rows = await db.select({ key: programmes.key }).from(programmes).orderBy(asc(programmes.key));
      return Promise.all(rows.map((row) => repository.getProgramme(row.key)));
    },

    async getProgramme(key) {
      const [row] = await db.select().from(programmes).where(eq(programmes.key, key));
      if (!row) throw new NotFoundError(`Programma ${JSON.stringify(key)} bestaat niet.`);
      const members = await db
        .select({ trajectId: programmeTrajects.trajectId })
        .from(programmeTrajects)
        .where(eq(programmeTrajects.programmeKey, key))
        .orderBy(asc(programmeTrajects.trajectId));
      const programme = programmeSchema.parse({
        ...row.definition,
        trajectIds: members.map((member) => member.trajectId),
      });
      return { ...programme, updatedAt: toIso(row.updatedAt) };
    },

    async addMeasurement(programmeKey, measurement, actor) {
      const programme = await repository.getProgramme(programmeKey);
      const indicator = programme.indicators.find((candidate) => candidate.id === measurement.indicatorId);
      if (indicator?.measuredBy !== 'meting') {
        throw new ValidationError(
          `Programma ${programmeKey} heeft geen indicator ${JSON.stringify(measurement.indicatorId)} om te meten.`,
          [{ path: 'indicatorId', message: 'onbekende of afgeleide indicator' }],
        );
      }
      if (!Number.isFinite(measurement.value)) {
        throw new ValidationError('De meting is ongeldig:\n  - value: verwacht een getal', [
          { path: 'value', message: 'verwacht een getal' },
        ]);
      }
      await db.transaction(async (tx) => {
        await tx.insert(programmeMeasurements).values({
          programmeKey,
          indicatorId: measurement.indicatorId,
          measuredOn: measurement.measuredOn,
          value: measurement.value,
          note: measurement.note ?? null,
          createdBy: actor,
        });
        await appendAudit(tx, {
          actor,
          action: 'programme.measure',
          detail: { programmeKey, indicatorId: measurement.indicatorId, measuredOn: measurement.measuredOn },
        });
      });
      return repository.measurements(programmeKey);
    },

    async measurements(programmeKey) {
      const rows = await db
        .select()
        .from(programmeMeasurements)
        .where(eq(programmeMeasurements.programmeKey, programmeKey))
        .orderBy(asc(programmeMeasurements.measuredOn), asc(programmeMeasurements.id));
      return rows.map((row) =>
        compact({
          indicatorId: row.indicatorId,
          measuredOn: row.measuredOn,
          value: row.value,
          note: row.note,
        }),
      );
    },

    async dossier(trajectId) {
      const intake = await repository.getIntake(trajectId);
      const lessonRows = await db.select().from(lessons).where(eq(lessons.trajectId, trajectId));
      const programmeRows = await db
        .select({ key: programmeTrajects.programmeKey })
        .from(programmeTrajects)
        .where(eq(programmeTrajects.trajectId, trajectId));
      return {
        ...(intake ? { intake } : {}),
        kernvraag: await repository.kernvraagHistory(trajectId),
        formAnswers: await repository.listFormAnswers(trajectId),
        deliverables: await repository.listDeliverables(trajectId),
        team: await repository.listTeam(trajectId),
        extraSessions: await repository.listExtraSessions(trajectId),
        lessons: lessonRows.map(toLesson),
        programmes: programmeRows.map((row) => row.key),
      };
    },

    async forgetPerson(email, actor) {
      const address = email.trim().toLowerCase();
      return db.transaction(async (tx) => {
        const intakes = await tx
          .update(trajectIntakes)
          .set({ contact: { name: 'verwijderd', email: 'verwijderd' } })
          .where(sql`lower(${trajectIntakes.contact}->>'email') = ${address}`)
          .returning({ id: trajectIntakes.trajectId });
        const team = await tx
          .update(teamMembers)
          .set({ name: 'verwijderd', email: null })
          .where(sql`lower(${teamMembers.email}) = ${address}`)
          .returning({ id: teamMembers.id });
        const formAnswers = await tx
          .update(trajectFormAnswers)
          // A random pseudonym: nobody with the address can recompute it.
          .set({ respondent: randomPseudonym() })
          .where(eq(trajectFormAnswers.respondent, address))
          .returning({ id: trajectFormAnswers.trajectId });
        const counts = { intakes: intakes.length, team: team.length, formAnswers: formAnswers.length };
        await appendAudit(tx, { actor, action: 'lifecycle.forget', detail: counts });
        return counts;
      });
    },
  };
  return repository;
}

/** Phases, sessions and a checklist row per template item (ticked state kept from `ticked` by item id). */
/** The accepted traject's participants that are not stored yet (the people the aanmelding named). */
async function addNewParticipants(tx: Transaction, traject: Traject): Promise<number> {
  const stored = await tx.select().from(participants).where(eq(participants.trajectId, traject.id));
  const known = new Set(stored.map((row) => row.id));
  const fresh = traject.participants.filter((participant) => !known.has(participant.id));
  if (fresh.length === 0) return 0;
  await tx.insert(participants).values(
    fresh.map((participant, index) => ({
      trajectId: traject.id,
      id: participant.id,
      position: stored.length + index,
      name: participant.name,
      email: participant.email ?? null,
      role: participant.role,
      perspective: participant.perspective ?? null,
      organisation: participant.organisation ?? null,
    })),
  );
  return fresh.length;
}

async function insertPlan(
  tx: Transaction,
  traject: Traject,
  ticked: ReadonlyMap<string, typeof checklistItems.$inferSelect>,
): Promise<void> {
  await insertPlanDates(tx, traject);
  if (traject.checklist.length > 0) {
    await tx.insert(checklistItems).values(
      traject.checklist.map((item, position) => {
        // What was ticked before stays as it was; an item the new plan ticks (the aanmelding answered it) is done now.
        const before = ticked.get(item.itemId);
        if (before?.done || !item.done) {
          return {
            trajectId: traject.id,
            itemId: item.itemId,
            position,
            done: before?.done ?? item.done,
            doneAt: before?.doneAt ?? null,
            doneBy: before?.doneBy ?? null,
          };
        }
        return {
          trajectId: traject.id,
          itemId: item.itemId,
          position,
          done: true,
          doneAt: item.doneAt ? new Date(item.doneAt) : new Date(),
          doneBy: item.doneBy ?? null,
        };
      }),
    );
  }
}
