import {
  DELIVERABLE_KINDS,
  DELIVERABLE_STATES,
  EXPERTISE_KINDS,
  EXTRA_SESSION_KINDS,
  isoDateSchema,
  LESSON_KINDS,
  regionSchema,
  TEAM_ROLES,
  THEMES,
  UITGANGSPUNT_KEYS,
} from '@visieleren/core';
import { z } from 'zod';
import { storedTrajectSchema } from './api-schemas.js';

/** Request and answer bodies of the lifecycle endpoints (aanmeldingen, dossier, lessen, programma's). */

const revision = z.number().int().min(1).optional().describe('De revisie die u zag (anders: de huidige).');
const loose = (description: string) => z.record(z.string(), z.unknown()).describe(description);

export const besluitBodySchema = z
  .strictObject({
    besluit: z.enum(['accepteren', 'afwijzen']),
    templateKey: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Bij accepteren: het template (standaard visieleertraject).'),
    startDate: isoDateSchema.optional().describe('Bij accepteren: de startdatum van het plan.'),
    region: regionSchema.optional(),
    reden: z.string().max(2000).optional().describe('Bij afwijzen: de reden (verplicht).'),
    revision,
  })
  .superRefine((body, context) => {
    if (body.besluit === 'accepteren' && !body.startDate) {
      context.addIssue({ code: 'custom', path: ['startDate'], message: 'verplicht bij accepteren' });
    }
    if (body.besluit === 'afwijzen' && !body.reden?.trim()) {
      context.addIssue({ code: 'custom', path: ['reden'], message: 'verplicht bij afwijzen' });
    }
  });

export const kernvraagBodySchema = z.strictObject({
  kernvraag: z.string().trim().min(3).max(2000),
  toelichting: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe('Bijvoorbeeld: "aangescherpt in de kick-off".'),
  revision,
});

export const sessieBodySchema = z.strictObject({ plannedDate: isoDateSchema, revision });

export const productBodySchema = z.strictObject({
  kind: z.enum(DELIVERABLE_KINDS),
  state: z.enum(DELIVERABLE_STATES).optional(),
  body: z.string().trim().min(1).max(20_000).optional(),
  url: z.string().trim().max(2000).optional(),
});

export const teamlidBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(320).optional(),
  role: z.enum(TEAM_ROLES),
  expertise: z.array(z.enum(EXPERTISE_KINDS)).max(3).optional(),
});

export const extraSessieBodySchema = z.strictObject({
  kind: z.enum(EXTRA_SESSION_KINDS),
  plannedDate: isoDateSchema,
  actualDate: isoDateSchema.optional(),
  note: z.string().trim().max(1000).optional(),
});

export const lesBodySchema = z.strictObject({
  theme: z.enum(THEMES),
  kind: z.enum(LESSON_KINDS).optional(),
  uitgangspunten: z.array(z.enum(UITGANGSPUNT_KEYS)).max(7).optional(),
  trajectId: z.string().min(1).max(100).optional(),
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(3).max(5000),
  shared: z.boolean().optional().describe('Mag de les buiten het eigen traject getoond worden?'),
});

export const beoordelingBodySchema = z.strictObject({
  beoordeling: z
    .enum(['goedgekeurd', 'afgewezen'])
    .describe('Goedgekeurd: openbaar als hij gedeeld mag worden.'),
});

export const lessenQuerySchema = z.object({
  thema: z.enum(THEMES).optional(),
  uitgangspunt: z.enum(UITGANGSPUNT_KEYS).optional(),
  soort: z.enum(LESSON_KINDS).optional(),
  tekst: z.string().max(200).optional(),
});

export const metingBodySchema = z.strictObject({
  indicatorId: z.string().min(1).max(100),
  measuredOn: isoDateSchema,
  value: z.number().finite(),
  note: z.string().trim().max(1000).optional(),
});

export const lesSchema = z.object({
  id: z.string(),
  theme: z.enum(THEMES),
  kind: z.enum(LESSON_KINDS),
  uitgangspunten: z.array(z.string()),
  trajectId: z.string().optional(),
  title: z.string(),
  body: z.string(),
  shared: z.boolean(),
  source: z.string().optional(),
  createdAt: z.string().optional(),
  createdBy: z.string().optional(),
  approval: z.enum(['wacht', 'goedgekeurd', 'afgewezen']).optional(),
});

export const aanmeldingenResponseSchema = z.object({
  aanmeldingen: z.array(
    z.object({
      traject: storedTrajectSchema,
      intake: loose('Wat de gemeente insturde: vraagstuk, contactpersoon en alle antwoorden.').nullable(),
    }),
  ),
});
export const trajectAnswerSchema = z.object({ traject: storedTrajectSchema });
export const kernvragenResponseSchema = z.object({
  traject: storedTrajectSchema,
  kernvragen: z.array(loose('Het vraagstuk van de aanmelding, daarna elke kernvraag met datum en wie.')),
});
export const dossierResponseSchema = z.object({
  dossier: loose('Aanmelding, kernvragen, antwoorden, producten, team, sessies, nazorg.'),
});
export const productResponseSchema = z.object({ product: loose('De nieuwe versie van het product.') });
export const teamResponseSchema = z.object({
  team: z.array(loose('Een lid van het expertteam.')),
  tekorten: loose('Ontbrekende expertise, perspectieven, trajectleider of moderator.'),
});
export const extraSessiesResponseSchema = z.object({ extraSessies: z.array(loose('Een extra sessie.')) });
export const lessenResponseSchema = z.object({ lessen: z.array(lesSchema) });
export const lesResponseSchema = z.object({ les: lesSchema });
export const programmasResponseSchema = z.object({
  programmas: z.array(loose('Een programma met zijn voortgang.')),
});
export const programmaResponseSchema = z.object({
  programma: loose('Het programma: lijnen, indicatoren en trajecten.'),
  voortgang: loose('Trajecten per status en elke indicator met metingen en streefwaarde.'),
});
export const metingenResponseSchema = z.object({ metingen: z.array(loose('Een meting.')) });
