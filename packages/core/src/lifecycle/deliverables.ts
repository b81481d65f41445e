import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';

/**
 * What a traject produces, per phase (seed 000 "Visieleer-proces", seed 002 §1.1). The first three kinds of
 * `DELIVERABLE_KINDS` are records with versions and a state; the others are outputs the traject already holds
 * elsewhere (the VIT profile, the kernvraag, the interviews).
 */
export const PHASE_OUTPUTS: ReadonlyArray<{ phaseKey: string; output: LocalizedText; source: string }> = [
  {
    phaseKey: 'vraagverheldering',
    output: { nl: 'VIT-profiel: ontwikkelstadium en prioriteiten', en: 'VIT profile: stage and priorities' },
    source: 'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 1',
  },
  {
    phaseKey: 'starten',
    output: { nl: 'Kernvraag en gekozen perspectieven', en: 'Core question and chosen perspectives' },
    source:
      'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 2; Rapportage Visieleren, VNG, april 2024, §1.1',
  },
  {
    phaseKey: 'luisteren',
    output: {
      nl: 'Belevingen en citaten uit de duo-interviews',
      en: 'Experiences and quotes from the duo-interviews',
    },
    source:
      'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 3; Rapportage Visieleren, VNG, april 2024, §1.1',
  },
  {
    phaseKey: 'ontwerpen',
    output: { nl: 'Handelingsperspectief', en: 'Course of action' },
    source: 'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 4',
  },
  {
    phaseKey: 'borgen',
    output: {
      nl: 'Advies en beknopte eindrapportage, besproken in de borgingssessie; evaluatie',
      en: 'Advice and concise final report, discussed in the embedding session; evaluation',
    },
    source:
      'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 5; Rapportage Visieleren, VNG, april 2024, §1.1',
  },
];

export const DELIVERABLE_KINDS = ['handelingsperspectief', 'advies', 'eindrapportage'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

export const DELIVERABLE_INFO: Record<
  DeliverableKind,
  { label: LocalizedText; phaseKey: string; sessionKey: string; source: string }
> = {
  handelingsperspectief: {
    label: { nl: 'Handelingsperspectief', en: 'Course of action' },
    phaseKey: 'ontwerpen',
    sessionKey: 'ontwerpsessie',
    source: 'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 4',
  },
  advies: {
    label: { nl: 'Advies', en: 'Advice' },
    phaseKey: 'borgen',
    sessionKey: 'borgingssessie',
    source: 'VNG, Visieleertraject (webpagina), "Visieleer-proces" stap 5',
  },
  eindrapportage: {
    label: { nl: 'Beknopte eindrapportage', en: 'Concise final report' },
    phaseKey: 'borgen',
    sessionKey: 'borgingssessie',
    source: 'Rapportage Visieleren, VNG, april 2024, §1.1',
  },
};

export const DELIVERABLE_STATES = ['concept', 'gepresenteerd', 'vastgesteld'] as const;
export type DeliverableState = (typeof DELIVERABLE_STATES)[number];
export const DELIVERABLE_STATE_LABELS: Record<DeliverableState, LocalizedText> = {
  concept: { nl: 'Concept', en: 'Draft' },
  gepresenteerd: { nl: 'Gepresenteerd', en: 'Presented' },
  vastgesteld: { nl: 'Vastgesteld', en: 'Adopted' },
};

/** A new version of a deliverable: its text or a link (or both), and its state. */
export const deliverableInputSchema = z
  .object({
    kind: z.enum(DELIVERABLE_KINDS),
    state: z.enum(DELIVERABLE_STATES).default('concept'),
    body: z.string().trim().min(1).max(20_000).optional(),
    url: z
      .string()
      .trim()
      .url('verwacht een volledige link, bijvoorbeeld https://…')
      .max(2000)
      .refine((value) => /^https?:/i.test(value), 'verwacht een link die begint met http of https')
      .optional(),
  })
  .strict()
  .refine((value) => value.body !== undefined || value.url !== undefined, {
    message: 'geef een tekst (body) of een link (url)',
    path: ['body'],
  });
export type DeliverableInput = z.input<typeof deliverableInputSchema>;

export interface DeliverableVersion {
  trajectId: string;
  kind: DeliverableKind;
  version: number;
  state: DeliverableState;
  body?: string;
  url?: string;
  createdAt: string;
  createdBy: string;
}

/** The latest version per kind, in the order of `DELIVERABLE_KINDS`. */
export function latestDeliverables(versions: readonly DeliverableVersion[]): DeliverableVersion[] {
  return DELIVERABLE_KINDS.flatMap((kind) => {
    const ofKind = versions.filter((version) => version.kind === kind);
    const latest = ofKind.reduce<DeliverableVersion | undefined>(
      (best, candidate) => (best === undefined || candidate.version > best.version ? candidate : best),
      undefined,
    );
    return latest ? [latest] : [];
  });
}
