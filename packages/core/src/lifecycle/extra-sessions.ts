import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';
import { isoDateSchema } from '../model/vocabulary-schemas.js';

/**
 * Sessions that happen besides the template's: an inwonerssessie and a werkbezoek (both in seed 002 Tabel 1:
 * "inwonerssessie nog gepland", "afgerond en werkbezoek georganiseerd") and the nazorggesprek (seed 002
 * "Woord van dank"), which otherwise is computed from the borgingssessie.
 */
export const EXTRA_SESSION_KINDS = ['inwonerssessie', 'werkbezoek', 'nazorggesprek'] as const;
export type ExtraSessionKind = (typeof EXTRA_SESSION_KINDS)[number];
export const EXTRA_SESSION_INFO: Record<ExtraSessionKind, { label: LocalizedText; source: string }> = {
  inwonerssessie: {
    label: { nl: 'Inwonerssessie', en: 'Residents session' },
    source:
      'Rapportage Visieleren, VNG, april 2024, Tabel 1 (Twenterand); Rapportage Visieleren, VNG, april 2024, §2.2',
  },
  werkbezoek: {
    label: { nl: 'Werkbezoek', en: 'Work visit' },
    source: 'Rapportage Visieleren, VNG, april 2024, Tabel 1 (Ermelo, Harderwijk, Zeewolde)',
  },
  nazorggesprek: {
    label: { nl: 'Nazorggesprek', en: 'Aftercare conversation' },
    source: 'Rapportage Visieleren, VNG, april 2024, "Woord van dank"',
  },
};

export const extraSessionSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes')
      .max(100),
    kind: z.enum(EXTRA_SESSION_KINDS),
    plannedDate: isoDateSchema,
    actualDate: isoDateSchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export type ExtraSession = z.output<typeof extraSessionSchema>;
