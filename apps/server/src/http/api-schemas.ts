import {
  gemeenteSchema,
  isoDateSchema,
  participantSchema,
  regionSchema,
  roleSchema,
  themeSchema,
  trajectSchema,
  trajectStatusSchema,
} from '@visieleren/core';
import { z } from 'zod';

/**
 * Request bodies of the JSON API. Unknown fields are refused (`strict`), so a typo in a field name is an
 * error at that field instead of a silent no-op.
 */

const revision = z.number().int().min(1).optional();

export const createTrajectBodySchema = z.strictObject({
  /** Optional: the server makes one from the gemeente and the start date. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'verwacht kleine letters, cijfers en streepjes (maximaal 100 tekens)')
    .optional(),
  templateKey: z.string().min(1).max(100),
  startDate: isoDateSchema,
  gemeenten: z.array(gemeenteSchema).min(1).max(20),
  kernvraag: z.string().trim().min(1).max(2000),
  themes: z.array(themeSchema).max(3).default([]),
  region: regionSchema.optional(),
  status: trajectStatusSchema.optional(),
  participants: z.array(participantSchema).max(500).default([]),
});
export type CreateTrajectBody = z.infer<typeof createTrajectBodySchema>;

export const phaseDatesBodySchema = z
  .strictObject({
    plannedStart: isoDateSchema.optional(),
    plannedEnd: isoDateSchema.optional(),
    actualStart: isoDateSchema.nullable().optional(),
    actualEnd: isoDateSchema.nullable().optional(),
    revision,
  })
  .refine(
    (body) =>
      body.plannedStart !== undefined ||
      body.plannedEnd !== undefined ||
      body.actualStart !== undefined ||
      body.actualEnd !== undefined,
    { message: 'geef minstens één van plannedStart, plannedEnd, actualStart of actualEnd' },
  )
  .refine((body) => !(body.plannedStart && body.plannedEnd && body.plannedEnd < body.plannedStart), {
    message: 'plannedEnd ligt vóór plannedStart',
    path: ['plannedEnd'],
  })
  .refine((body) => !(body.actualStart && body.actualEnd && body.actualEnd < body.actualStart), {
    message: 'actualEnd ligt vóór actualStart',
    path: ['actualEnd'],
  });

export const statusBodySchema = z.strictObject({
  status: trajectStatusSchema,
  reden: z
    .string()
    .max(2000)
    .optional()
    .describe('Waarom: verplicht bij afsluiten, tussentijds stoppen en afwijzen (3 tot 2000 tekens).'),
  revision,
});

export const checklistBodySchema = z.strictObject({
  done: z.boolean(),
  by: z.string().trim().min(1).max(200).optional(),
  revision,
});

export const hoursBodySchema = z.strictObject({
  role: roleSchema,
  participantId: z.string().min(1).max(100).optional(),
  date: isoDateSchema,
  hours: z.number().positive().max(80),
  note: z.string().max(500).optional(),
  revision,
});

export const vitBodySchema = z.strictObject({
  answers: z.record(z.string().min(1).max(100), z.union([z.number(), z.string().max(5000), z.null()])),
  submittedBy: z.string().trim().min(1).max(200).optional(),
  revision,
});

export const auditQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .describe('Hoeveel regels, nieuwste eerst (1 tot en met 1000, standaard 100).'),
});

// ---------------------------------------------------------------------------------------------------------
// Answers of the JSON API, as the OpenAPI document describes them (the document test checks real answers
// against these).
// ---------------------------------------------------------------------------------------------------------

export const storedTrajectSchema = trajectSchema
  .extend({
    revision: z
      .number()
      .int()
      .min(1)
      .describe('Begint bij 1, +1 bij elke wijziging; stuur hem mee als `revision`.'),
    createdAt: z.string().describe('Tijdstip van aanmaken (ISO 8601, UTC).'),
    updatedAt: z.string().describe('Tijdstip van de laatste wijziging (ISO 8601, UTC).'),
  })
  .meta({ description: 'Een traject met fasen, sessies, actiepunten, uren en VIT-antwoorden.' });

export const trajectSummarySchema = storedTrajectSchema
  .pick({
    id: true,
    gemeenten: true,
    kernvraag: true,
    themes: true,
    templateKey: true,
    startDate: true,
    status: true,
    region: true,
    revision: true,
    updatedAt: true,
  })
  .meta({ description: 'Een traject zonder onderdelen: wat een lijst nodig heeft.' });

export const trajectListResponseSchema = z.object({ trajecten: z.array(trajectSummarySchema) });

export const trajectResponseSchema = z.object({ traject: storedTrajectSchema });

const derived = (description: string) => z.record(z.string(), z.unknown()).nullable().describe(description);

export const trajectDetailResponseSchema = z.object({
  traject: storedTrajectSchema,
  forecast: derived('De verwachte planning op werkdagen (null als het template onbekend is).'),
  hours: derived('De gewerkte uren per rol naast de afspraken (null als het template onbekend is).'),
  vit: derived('Het VIT-profiel per uitgangspunt (null zonder antwoorden).'),
});

export const vitResponseSchema = z.object({
  traject: storedTrajectSchema,
  vit: z
    .record(z.string(), z.unknown())
    .describe('Het VIT-profiel: ontwikkelstadium per uitgangspunt en prioriteiten.'),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string().describe('Tijdstip (ISO 8601, UTC).'),
  actor: z
    .string()
    .describe('Wie: het label en id van een token, de CLI of een formulier; nooit een token zelf.'),
  action: z.string().describe('Wat, als werkwoord met punten: `traject.create`, `checklist.set`, …'),
  trajectId: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditResponseSchema = z.object({ auditregels: z.array(auditEntrySchema) });
