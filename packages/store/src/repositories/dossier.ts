import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import {
  auditLog,
  duoRounds,
  formSubmissions,
  platformLinks,
  reminderDeliveries,
  vitAnswers,
} from '../db/schema.js';
import { compact, toIso } from '../db/values.js';
import type { Dossier, Scope } from '../types.js';
import { toAuditEntry } from './audit.js';
import { toDuoRound } from './duo-rounds.js';
import { toFormSubmission } from './form-submissions.js';
import { toPlatformLink } from './platform-links.js';
import { toDelivery } from './reminder-outbox.js';
import { inScope, loadTraject, trajectNotFound } from './trajects.js';

/** Everything stored about one traject, read in one transaction so the parts agree with each other. */
export async function exportDossier(db: Database, trajectId: string, scope: Scope): Promise<Dossier> {
  if (!inScope(scope, trajectId)) throw trajectNotFound(trajectId);
  return db.transaction(
    async (tx) => {
      const traject = await loadTraject(tx, trajectId);
      if (!traject) throw trajectNotFound(trajectId);
      const vit = await tx
        .select()
        .from(vitAnswers)
        .where(eq(vitAnswers.trajectId, trajectId))
        .orderBy(asc(vitAnswers.submittedAt), asc(vitAnswers.id));
      const forms = await tx
        .select()
        .from(formSubmissions)
        .where(eq(formSubmissions.trajectId, trajectId))
        .orderBy(asc(formSubmissions.submittedAt), asc(formSubmissions.id));
      const rounds = await tx
        .select()
        .from(duoRounds)
        .where(eq(duoRounds.trajectId, trajectId))
        .orderBy(asc(duoRounds.roundNumber));
      const links = await tx
        .select()
        .from(platformLinks)
        .where(eq(platformLinks.trajectId, trajectId))
        .orderBy(asc(platformLinks.kind), asc(platformLinks.createdAt));
      const deliveries = await tx
        .select()
        .from(reminderDeliveries)
        .where(eq(reminderDeliveries.trajectId, trajectId))
        .orderBy(asc(reminderDeliveries.createdAt), asc(reminderDeliveries.idempotencyKey));
      const audit = await tx
        .select()
        .from(auditLog)
        .where(eq(auditLog.trajectId, trajectId))
        .orderBy(desc(auditLog.id));
      return {
        exportedAt: new Date().toISOString(),
        traject,
        vitSubmissions: vit.map((row) =>
          compact({
            bankId: row.bankId,
            bankVersion: row.bankVersion,
            answers: row.answers,
            submittedAt: toIso(row.submittedAt),
            submittedBy: row.submittedBy,
          }),
        ),
        formSubmissions: forms.map(toFormSubmission),
        duoRounds: rounds.map(toDuoRound),
        platformLinks: links.map(toPlatformLink),
        reminderDeliveries: deliveries.map(toDelivery),
        audit: audit.map(toAuditEntry),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
