import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { Clock, FormSubmissionPort, FormSubmissionRecord } from '../ports.js';
import { parseWith } from '../validation.js';
import type { MemoryAudit } from './memory-audit.js';

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

export interface MemoryFormSubmissions extends FormSubmissionPort {
  /** Every submission, in the order saved. */
  readonly submissions: FormSubmissionRecord[];
}

export function createMemoryFormSubmissions(
  clock: Clock,
  audit: MemoryAudit,
  trajectExists: (id: string) => boolean,
): MemoryFormSubmissions {
  const submissions: FormSubmissionRecord[] = [];
  return {
    submissions,
    async save(input, actor) {
      const record = parseWith(submissionSchema, input, 'De formulierinzending');
      if (record.trajectId !== undefined && !trajectExists(record.trajectId)) {
        throw new NotFoundError(`Traject ${JSON.stringify(record.trajectId)} bestaat niet.`);
      }
      const id = `inzending-${submissions.length + 1}`;
      submissions.push(
        structuredClone({
          ...record,
          id,
          submittedAt: new Date(record.submittedAt ?? clock.now()).toISOString(),
        }),
      );
      audit.record({
        actor,
        action: 'form.submit',
        ...(record.trajectId ? { trajectId: record.trajectId } : {}),
        detail: { submissionId: id, formId: record.formId, surface: record.surface },
      });
      return id;
    },

    async list(trajectId, filter = {}) {
      return submissions
        .filter(
          (submission) =>
            submission.trajectId === trajectId &&
            (filter.formId === undefined || submission.formId === filter.formId),
        )
        .map((submission, order) => ({ submission, order }))
        .sort((a, b) => a.submission.submittedAt.localeCompare(b.submission.submittedAt) || a.order - b.order)
        .map(({ submission }) => structuredClone(submission));
    },
  };
}
