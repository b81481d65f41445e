import { z } from 'zod';
import { hourLogSchema } from './traject.js';
import { isoDateSchema } from './vocabulary-schemas.js';

/**
 * What a change to a stored traject may carry, checked the same way by the store and by the in-memory test
 * kit (TrajectRepositoryPort): one rule, two implementations of the port.
 */
export const phaseChangeSchema = z
  .object({
    plannedStart: isoDateSchema.optional(),
    plannedEnd: isoDateSchema.optional(),
    actualStart: isoDateSchema.nullable().optional(),
    actualEnd: isoDateSchema.nullable().optional(),
  })
  .strict()
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: 'geef minstens één datum: plannedStart, plannedEnd, actualStart of actualEnd',
  });

export const sessionChangesSchema = z
  .array(
    z
      .object({
        sessionKey: z.string().min(1),
        plannedDate: isoDateSchema.optional(),
        actualDate: isoDateSchema.nullable().optional(),
      })
      .strict(),
  )
  .min(1);

export const checklistChangeSchema = z
  .object({
    itemId: z.string().min(1),
    done: z.boolean(),
    by: z.string().trim().min(1).max(200).optional(),
    at: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/** An hour entry as logged: the id is optional (the repository makes one). */
export const hourEntrySchema = hourLogSchema.extend({ id: z.string().min(1).max(100).optional() });
