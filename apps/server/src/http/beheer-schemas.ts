import { isoDateSchema, trajectStatusSchema } from '@visieleren/core';
import { z } from 'zod';
import { LINKABLE_FORMS, MAX_LINK_DAYS } from '../admin/form-links.js';
import { MAX_CODE_HOURS } from '../admin/koppelcodes.js';

/** Request and answer bodies of the VNG team's work (beheer): codes, links, tokens, reminders, jobs, reports. */

const loose = (description: string) => z.record(z.string(), z.unknown()).describe(description);

export const koppelcodeBodySchema = z.strictObject({
  kanaal: z.enum(['teams']).describe('Het platform. Slack koppelt het VNG-team zelf met /visieleren koppel.'),
  uren: z.number().int().min(1).max(MAX_CODE_HOURS).optional().describe('Geldigheid in uren (standaard 72).'),
});
export const koppelcodeResponseSchema = z.object({
  koppelcode: z.object({
    code: z.string(),
    trajectId: z.string(),
    gemeente: z.string(),
    expiresAt: z.string(),
    instruction: z.string().describe('Wat de gemeente in haar Teams-kanaal typt.'),
  }),
});

export const formulierlinkBodySchema = z.strictObject({
  formulier: z.enum(LINKABLE_FORMS),
  persoon: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .describe('Voor wie de link is (komt bij de antwoorden).'),
  dagen: z
    .number()
    .int()
    .min(1)
    .max(MAX_LINK_DAYS)
    .optional()
    .describe('Geldigheid in dagen (standaard 14).'),
  taal: z.enum(['nl', 'en']).optional(),
  email: z
    .string()
    .trim()
    .email()
    .max(320)
    .optional()
    .describe('Verstuur de link meteen per e-mail (alleen als SMTP_URL is ingesteld).'),
});
export const formulierlinkResponseSchema = z.object({
  link: z.object({ url: z.string(), formId: z.string(), trajectId: z.string(), expiresAt: z.string() }),
  verstuurd: z.boolean().describe('Of de link per e-mail is verstuurd.'),
});

export const statusWijzigingBodySchema = z.strictObject({
  status: trajectStatusSchema,
  reden: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe(
      'Verplicht bij de stappen die een traject beëindigen: tussentijds-gestopt, afgerond, afgerond-werkbezoek.',
    ),
  revision: z.number().int().min(1).optional(),
});
export const redenenResponseSchema = z.object({
  redenen: z.array(z.object({ status: z.string(), reason: z.string(), at: z.string(), by: z.string() })),
});

const tokenRecordSchema = z.object({
  id: z.string(),
  role: z.enum(['vng', 'gemeente']),
  trajectId: z.string().optional(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export const tokensResponseSchema = z.object({ tokens: z.array(tokenRecordSchema) });
export const tokenBodySchema = z
  .strictObject({
    rol: z.enum(['vng', 'gemeente']),
    label: z.string().trim().min(1).max(200),
    trajectId: z.string().min(1).max(100).optional().describe('Verplicht voor een gemeente, niet voor vng.'),
  })
  .superRefine((body, context) => {
    if (body.rol === 'gemeente' && !body.trajectId) {
      context.addIssue({ code: 'custom', path: ['trajectId'], message: 'verplicht voor een gemeentetoken' });
    }
    if (body.rol === 'vng' && body.trajectId) {
      context.addIssue({
        code: 'custom',
        path: ['trajectId'],
        message: 'een VNG-token hoort bij geen traject',
      });
    }
  });
export const tokenCreatedResponseSchema = z.object({
  token: z.string().describe('Het token zelf: alleen nu te zien, bewaard wordt alleen een hash.'),
  record: tokenRecordSchema,
});

export const DELIVERY_STATES_SHOWN = ['sent', 'failed', 'ambiguous', 'pending', 'claimed'] as const;
export const herinneringenQuerySchema = z.object({
  status: z.enum(DELIVERY_STATES_SHOWN).optional(),
  traject: z.string().max(100).optional(),
});
export const herinneringenResponseSchema = z.object({
  herinneringen: z.array(loose('Eén herinnering aan één ontvanger op één kanaal, met status en pogingen.')),
});
export const herinneringPogingBodySchema = z.strictObject({
  key: z.string().min(1).max(500),
  channel: z.string().min(1).max(100),
  recipient: z.string().min(1).max(500),
});
export const herinneringPogingResponseSchema = z.object({ opnieuw: z.boolean() });

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export const takenQuerySchema = z.object({ status: z.enum(JOB_STATES).optional() });
export const takenResponseSchema = z.object({ taken: z.array(loose('Een achtergrondtaak (pg-boss).')) });
export const taakPogingResponseSchema = z.object({ opnieuw: z.boolean() });

export const programmaBodySchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'verwacht kleine letters, cijfers en streepjes')
    .describe('De sleutel in adressen, bijv. cohort-2027'),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(2000),
  trajectIds: z.array(z.string().min(1).max(100)).max(500).optional(),
});
export const programmaAnswerSchema = z.object({ programma: loose('Het programma.') });

export const rapportageQuerySchema = z.object({ formaat: z.enum(['json', 'csv', 'xlsx']).optional() });
export const rapportageResponseSchema = z.object({
  rapportage: z.object({
    today: isoDateSchema,
    rows: z.array(loose('Eén traject: status, fase, uitloop, uren tegen de norm, VIT-profiel, evaluaties.')),
    byStatus: z.array(z.object({ status: z.string(), label: z.string(), count: z.number() })),
  }),
});
