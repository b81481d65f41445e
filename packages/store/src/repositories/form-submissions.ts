import { randomUUID } from 'node:crypto';
import { NotFoundError, parseWith } from '@visieleren/core';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { isForeignKeyViolation } from '../db/errors.js';
import { formSubmissions } from '../db/schema.js';
import { toIso } from '../db/values.js';
import type { FormSubmissionRecord, FormSubmissionRepository } from '../types.js';
import { appendAudit } from './audit.js';

const submissionSchema = z
  .object({
    formId: z.string().trim().min(1).max(100),
    trajectId: z.string().min(1).max(100).optional(),
    answers: z.record(z.string(), z.unknown()),
    surface: z.string().trim().min(1).max(50),
    subject: z.string().trim().min(1).max(320).optional(),
    submittedAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

export function toFormSubmission(row: typeof formSubmissions.$inferSelect): FormSubmissionRecord {
  return {
    id: row.id,
    formId: row.formId,
    ...(row.trajectId === null ? {} : { trajectId: row.trajectId }),
    answers: row.answers,
    surface: row.surface,
    ...(row.subject === null ? {} : { subject: row.subject }),
    submittedAt: toIso(row.submittedAt),
  };
}

export function createFormSubmissionRepository(db: Database): FormSubmissionRepository {
  return {
    async save(input, actor) {
      const record = parseWith(submissionSchema, input, 'De formulierinzending');
      const id = randomUUID();
      try {
        await db.transaction(async (tx) => {
          await tx.insert(formSubmissions).values({
            id,
            formId: record.formId,
            trajectId: record.trajectId ?? null,
            answers: record.answers,
            surface: record.surface,
            subject: record.subject ?? null,
            submittedAt: record.submittedAt ? new Date(record.submittedAt) : new Date(),
          });
          // The answers stay out of the audit log: they may hold personal data, and live in one place.
          await appendAudit(tx, {
            actor,
            action: 'form.submit',
            ...(record.trajectId ? { trajectId: record.trajectId } : {}),
            detail: { submissionId: id, formId: record.formId, surface: record.surface },
          });
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`Traject ${JSON.stringify(record.trajectId)} bestaat niet.`);
        }
        throw error;
      }
      return id;
    },

    async list(trajectId, filter = {}) {
      const rows = await db
        .select()
        .from(formSubmissions)
        .where(
          and(
            eq(formSubmissions.trajectId, trajectId),
            filter.formId === undefined ? undefined : eq(formSubmissions.formId, filter.formId),
          ),
        )
        .orderBy(asc(formSubmissions.submittedAt), asc(formSubmissions.id));
      return rows.map(toFormSubmission);
    },

    async get(id) {
      const [row] = await db.select().from(formSubmissions).where(eq(formSubmissions.id, id));
      if (!row) throw new NotFoundError(`Formulierinzending ${JSON.stringify(id)} bestaat niet.`);
      return toFormSubmission(row);
    },
  };
}
