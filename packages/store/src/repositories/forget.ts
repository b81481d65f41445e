import { randomBytes } from 'node:crypto';
import { parseWith } from '@visieleren/core';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database, Transaction } from '../db/connection.js';
import {
  apiTokens,
  auditLog,
  checklistItems,
  duoRounds,
  formSubmissions,
  hourLogs,
  participants,
  platformLinks,
  reminderDeliveries,
  vitAnswers,
} from '../db/schema.js';
import { likeEscape } from '../db/values.js';
import type { Actor, ForgetReport } from '../types.js';
import { appendAudit } from './audit.js';
import { createScrubber, FORGOTTEN, FORGOTTEN_NAME } from './scrub.js';

const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(320));

/**
 * The other places a person can appear, as free text or JSON: each table's traject column (rows of the
 * person's trajects are read) and the columns to scrub. Generic on purpose: a column added here is forgotten
 * like every other, and a person in a lesson, a kernvraag or a form answer is found even outside their traject.
 */
const FREE_TEXT: ReadonlyArray<{ table: string; traject: string; text: string[]; json: string[] }> = [
  { table: 'trajects', traject: 'id', text: ['kernvraag'], json: ['gemeenten'] },
  { table: 'kernvraag_changes', traject: 'traject_id', text: ['kernvraag', 'note', 'changed_by'], json: [] },
  { table: 'traject_form_answers', traject: 'traject_id', text: [], json: ['answers'] },
  {
    table: 'traject_intakes',
    traject: 'traject_id',
    text: ['vraagstuk', 'decided_by', 'decline_reason'],
    json: ['contact', 'answers'],
  },
  { table: 'team_members', traject: 'traject_id', text: ['name', 'email'], json: [] },
  { table: 'deliverables', traject: 'traject_id', text: ['body', 'url', 'created_by'], json: [] },
  { table: 'extra_sessions', traject: 'traject_id', text: ['note'], json: [] },
  { table: 'lessons', traject: 'traject_id', text: ['title', 'body', 'source', 'created_by'], json: [] },
  { table: 'programme_measurements', traject: 'NULL', text: ['note', 'created_by'], json: [] },
];

/** A pseudonym nobody can recompute from the address (no hash of it): random, once per erasure. */
export function randomPseudonym(): string {
  return `verwijderd-${randomBytes(6).toString('hex')}`;
}

/** Keys in JSON next to an e-mail address that hold the person's name (to find names outside trajects). */
const NAME_FIELDS = ['name', 'naam', 'fullName', 'volledigeNaam', 'displayName'];

function namesNextToEmail(value: unknown, email: string, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) namesNextToEmail(item, email, into);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const hasEmail = Object.values(record).some(
      (field) => typeof field === 'string' && field.trim().toLowerCase() === email,
    );
    for (const [key, field] of Object.entries(record)) {
      if (hasEmail && NAME_FIELDS.includes(key) && typeof field === 'string' && field.trim())
        into.add(field.trim());
      else namesNextToEmail(field, email, into);
    }
  }
}

/**
 * AVG erasure. Anonymises rather than deletes, so counts (participants per role, hours per week, answers)
 * stay correct: names and e-mail addresses become "verwijderd persoon" or empty, links to the person go.
 * The one audit entry that records the erasure holds counts only — neither the address nor a hash of it,
 * since a hash of an e-mail address can be matched against a list of addresses.
 */
/** The rows of a raw query on either driver (node-postgres answers `{ rows }`, PGlite too). */
function rowsOf(result: unknown): Array<Record<string, unknown>> {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [];
}

export async function forgetPerson(db: Database, input: string, actor: Actor): Promise<ForgetReport> {
  const email = parseWith(emailSchema, input, 'Het e-mailadres');
  const pattern = `%${likeEscape(email)}%`;
  const mentions = (column: AnyPgColumn | SQL): SQL => sql`${column}::text ilike ${pattern}`;

  return db.transaction(async (tx: Transaction) => {
    // The explicit, transaction-local permission the audit trigger asks for (migration 0001).
    await tx.execute(sql`select set_config('visieleren.audit_anonymise', 'on', true)`);

    const people = await tx
      .select({ trajectId: participants.trajectId, id: participants.id, name: participants.name })
      .from(participants)
      .where(sql`lower(${participants.email}) = ${email}`);
    const submissionsWithEmail = await tx
      .select({ trajectId: formSubmissions.trajectId, answers: formSubmissions.answers })
      .from(formSubmissions)
      .where(or(mentions(formSubmissions.subject), mentions(formSubmissions.answers)));

    const names = new Set(people.map((person) => person.name));
    for (const submission of submissionsWithEmail) namesNextToEmail(submission.answers, email, names);
    // The lifecycle's copies name the person too: the aanmelding's contact and the expert team.
    const lifecycleMentions = rowsOf(
      await tx.execute(
        sql`select traject_id as "trajectId", contact->>'name' as name from traject_intakes where lower(contact->>'email') = ${email}
            union all select traject_id, name from team_members where lower(email) = ${email}`,
      ),
    );
    for (const row of lifecycleMentions)
      if (typeof row.name === 'string' && row.name.trim()) names.add(row.name.trim());
    const forgottenIn = new Set(people.map((person) => `${person.trajectId}\u0000${person.id}`));
    const trajectIds = [
      ...new Set([
        ...people.map((person) => person.trajectId),
        ...submissionsWithEmail.flatMap((submission) => (submission.trajectId ? [submission.trajectId] : [])),
        ...lifecycleMentions.map((row) => String(row.trajectId)),
      ]),
    ];
    // Participant ids are only unique within a traject: an object with the id "p1" is this person only in a
    // traject where "p1" is this person.
    const scrubbers = new Map<string, ReturnType<typeof createScrubber>>();
    const scrubberFor = (trajectId: string | null) => {
      const key = trajectId ?? '';
      let scrubber = scrubbers.get(key);
      if (!scrubber) {
        const ids = new Set(
          people.filter((person) => person.trajectId === trajectId).map((person) => person.id),
        );
        scrubber = createScrubber({ email, names, ids });
        scrubbers.set(key, scrubber);
      }
      return scrubber;
    };
    const inTrajects = (column: AnyPgColumn) => (trajectIds.length ? inArray(column, trajectIds) : undefined);

    const participantsChanged = await tx
      .update(participants)
      .set({ name: FORGOTTEN_NAME, email: null, organisation: null })
      .where(sql`lower(${participants.email}) = ${email}`)
      .returning({ id: participants.id });

    let hourLogsChanged = 0;
    for (const row of await tx
      .select()
      .from(hourLogs)
      .where(or(inTrajects(hourLogs.trajectId), mentions(hourLogs.note)))) {
      const note = scrubberFor(row.trajectId).text(row.note);
      const dropParticipant =
        row.participantId !== null && forgottenIn.has(`${row.trajectId}\u0000${row.participantId}`);
      if (!note.changed && !dropParticipant) continue;
      await tx
        .update(hourLogs)
        .set({ note: note.value, participantId: dropParticipant ? null : row.participantId })
        .where(and(eq(hourLogs.trajectId, row.trajectId), eq(hourLogs.id, row.id)));
      hourLogsChanged++;
    }

    let checklistChanged = 0;
    for (const row of await tx
      .select()
      .from(checklistItems)
      .where(or(inTrajects(checklistItems.trajectId), mentions(checklistItems.doneBy)))) {
      const doneBy = scrubberFor(row.trajectId).text(row.doneBy);
      if (!doneBy.changed) continue;
      await tx
        .update(checklistItems)
        .set({ doneBy: doneBy.value })
        .where(and(eq(checklistItems.trajectId, row.trajectId), eq(checklistItems.itemId, row.itemId)));
      checklistChanged++;
    }

    let vitChanged = 0;
    for (const row of await tx
      .select()
      .from(vitAnswers)
      .where(
        or(inTrajects(vitAnswers.trajectId), mentions(vitAnswers.submittedBy), mentions(vitAnswers.answers)),
      )) {
      const submittedBy = scrubberFor(row.trajectId).text(row.submittedBy);
      const answers = scrubberFor(row.trajectId).value(row.answers);
      if (!submittedBy.changed && !answers.changed) continue;
      await tx
        .update(vitAnswers)
        .set({ submittedBy: submittedBy.changed ? null : row.submittedBy, answers: answers.value })
        .where(eq(vitAnswers.id, row.id));
      vitChanged++;
    }

    let formsChanged = 0;
    for (const row of await tx
      .select()
      .from(formSubmissions)
      .where(
        or(
          inTrajects(formSubmissions.trajectId),
          mentions(formSubmissions.subject),
          mentions(formSubmissions.answers),
        ),
      )) {
      const subject = scrubberFor(row.trajectId).text(row.subject);
      const answers = scrubberFor(row.trajectId).value(row.answers);
      if (!subject.changed && !answers.changed) continue;
      await tx
        .update(formSubmissions)
        .set({ subject: subject.changed ? null : row.subject, answers: answers.value })
        .where(eq(formSubmissions.id, row.id));
      formsChanged++;
    }

    let duoChanged = 0;
    for (const row of await tx
      .select()
      .from(duoRounds)
      .where(or(inTrajects(duoRounds.trajectId), mentions(duoRounds.input), mentions(duoRounds.schedule)))) {
      const input = scrubberFor(row.trajectId).value(row.input);
      const schedule = scrubberFor(row.trajectId).value(row.schedule);
      if (!input.changed && !schedule.changed) continue;
      await tx
        .update(duoRounds)
        .set({ input: input.value, schedule: schedule.value })
        .where(eq(duoRounds.id, row.id));
      duoChanged++;
    }

    // Links that stand for the person (a Slack user id for their address…) go altogether: the link itself is
    // the personal data. The plugins' own copies are reached by their forget hooks, which the server calls.
    const personLinks = await tx
      .delete(platformLinks)
      .where(eq(platformLinks.participantKey, email))
      .returning({ id: platformLinks.id });
    let linksChanged = personLinks.length;
    for (const row of await tx
      .select()
      .from(platformLinks)
      .where(or(mentions(platformLinks.externalId), mentions(platformLinks.payload)))) {
      const payload = scrubberFor(row.trajectId).value(row.payload);
      const externalId = scrubberFor(row.trajectId).text(row.externalId);
      await tx
        .update(platformLinks)
        .set({
          payload: payload.value,
          // The id must stay unique per kind: an address used as id becomes an opaque, unique placeholder.
          externalId: externalId.changed ? `${FORGOTTEN}:${row.id}` : row.externalId,
          updatedAt: new Date(),
        })
        .where(eq(platformLinks.id, row.id));
      linksChanged++;
    }

    let auditChanged = 0;
    for (const row of await tx
      .select()
      .from(auditLog)
      .where(or(inTrajects(auditLog.trajectId), mentions(auditLog.actor), mentions(auditLog.detail)))) {
      const actorText = scrubberFor(row.trajectId).text(row.actor);
      const detail = scrubberFor(row.trajectId).value(row.detail);
      if (!actorText.changed && !detail.changed) continue;
      await tx
        .update(auditLog)
        .set({ actor: actorText.changed ? FORGOTTEN : row.actor, detail: detail.value })
        .where(eq(auditLog.id, row.id));
      auditChanged++;
    }

    let deliveriesChanged = 0;
    for (const row of await tx
      .select()
      .from(reminderDeliveries)
      .where(or(mentions(reminderDeliveries.intent), mentions(reminderDeliveries.lastError)))) {
      const intent = scrubberFor(row.trajectId).value(row.intent);
      const lastError = scrubberFor(row.trajectId).text(row.lastError);
      await tx
        .update(reminderDeliveries)
        .set({ intent: intent.value, lastError: lastError.value })
        .where(
          and(
            eq(reminderDeliveries.idempotencyKey, row.idempotencyKey),
            eq(reminderDeliveries.channel, row.channel),
          ),
        );
      deliveriesChanged++;
    }

    // Form answers on the dossier are kept per respondent: the person's own rows get a random pseudonym.
    let formAnswersChanged = 0;
    const respondentRows = await tx.execute(
      sql`select ctid::text as row from traject_form_answers where lower(respondent) = ${email} or lower(respondent) in ${
        names.size
          ? sql`(${sql.join(
              [...names].map((name) => sql`${name.toLowerCase()}`),
              sql`, `,
            )})`
          : sql`(null)`
      }`,
    );
    for (const row of rowsOf(respondentRows)) {
      await tx.execute(
        sql`update traject_form_answers set respondent = ${randomPseudonym()} where ctid = ${row.row}::tid`,
      );
      formAnswersChanged++;
    }

    let freeTextChanged = 0;
    for (const place of FREE_TEXT) {
      const columns = [...place.text, ...place.json];
      const inTheirTrajects =
        trajectIds.length && place.traject !== 'NULL'
          ? sql`${sql.identifier(place.traject)} in (${sql.join(
              trajectIds.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql`false`;
      const mentioned = sql.join(
        columns.map((column) => sql`${sql.identifier(column)}::text ilike ${pattern}`),
        sql` or `,
      );
      const found = await tx.execute(
        sql`select ctid::text as row, ${place.traject === 'NULL' ? sql`null` : sql.identifier(place.traject)}::text as traject, ${sql.join(
          columns.map((column) => sql`${sql.identifier(column)}`),
          sql`, `,
        )} from ${sql.identifier(place.table)} where ${inTheirTrajects} or ${mentioned}`,
      );
      for (const row of rowsOf(found)) {
        const scrubber = scrubberFor((row.traject as string | null) ?? null);
        const changes: SQL[] = [];
        for (const column of place.text) {
          const scrubbed = scrubber.text((row[column] as string | null) ?? null);
          if (scrubbed.changed) changes.push(sql`${sql.identifier(column)} = ${scrubbed.value}`);
        }
        for (const column of place.json) {
          const scrubbed = scrubber.value(row[column]);
          if (scrubbed.changed) {
            changes.push(sql`${sql.identifier(column)} = ${JSON.stringify(scrubbed.value)}::jsonb`);
          }
        }
        if (changes.length === 0) continue;
        await tx.execute(
          sql`update ${sql.identifier(place.table)} set ${sql.join(changes, sql`, `)} where ctid = ${row.row}::tid`,
        );
        freeTextChanged++;
      }
    }

    let tokensChanged = 0;
    for (const row of await tx.select().from(apiTokens).where(mentions(apiTokens.label))) {
      await tx
        .update(apiTokens)
        .set({ label: scrubberFor(null).text(row.label).value ?? FORGOTTEN })
        .where(eq(apiTokens.id, row.id));
      tokensChanged++;
    }

    const counts = {
      participants: participantsChanged.length,
      hourLogs: hourLogsChanged,
      checklistItems: checklistChanged,
      vitSubmissions: vitChanged,
      formSubmissions: formsChanged,
      duoRounds: duoChanged,
      platformLinks: linksChanged,
      auditEntries: auditChanged,
      reminderDeliveries: deliveriesChanged,
      apiTokens: tokensChanged,
      formAnswers: formAnswersChanged,
      freeText: freeTextChanged,
    };
    // The reference is random: it finds this audit entry again, and nothing about the person.
    const reference = randomPseudonym();
    await appendAudit(tx, {
      actor,
      action: 'person.forget',
      detail: { person: FORGOTTEN, reference, counts },
    });
    return { ...counts, reference };
  });
}
