import { z } from 'zod';
import { PERSPECTIVES, REGIONS, ROLES, THEMES, TRAJECT_STATUSES } from './vocabulary.js';

/**
 * The zod schemas of the vocabulary, apart from its constants and types: code that only plans or prints
 * (the CLI's `plan`, `templates`) imports the vocabulary without loading zod.
 */

/** Calendar date without time, `YYYY-MM-DD`, always meant in Europe/Amsterdam. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'verwacht een datum als JJJJ-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'bestaat niet als datum');
export const themeSchema = z.enum(THEMES);
export const trajectStatusSchema = z.enum(TRAJECT_STATUSES);
export const roleSchema = z.enum(ROLES);
export const perspectiveSchema = z.enum(PERSPECTIVES);
export const regionSchema = z.enum(REGIONS);
