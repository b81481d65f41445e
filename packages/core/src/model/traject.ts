import { z } from 'zod';
import type { LocalizedText } from '../i18n/index.js';
import { templateSchema } from '../templates/schema.js';
import {
  isoDateSchema,
  perspectiveSchema,
  regionSchema,
  roleSchema,
  themeSchema,
  trajectStatusSchema,
} from './vocabulary-schemas.js';

/** What a demo may add that no source gives: dates (phases, sessions), ticked items, hours, people. */
export const ILLUSTRATIVE_PARTS = ['data', 'checklist', 'uren', 'deelnemers'] as const;
export type IllustrativePart = (typeof ILLUSTRATIVE_PARTS)[number];
export const ILLUSTRATIVE_LABEL: LocalizedText = { nl: 'Illustratief', en: 'Illustrative' };
const ILLUSTRATIVE_PART_LABELS: Record<IllustrativePart, LocalizedText> = {
  data: { nl: 'de data van fasen en sessies', en: 'the dates of phases and sessions' },
  checklist: { nl: 'de afgevinkte punten', en: 'the ticked items' },
  uren: { nl: 'de geschreven uren', en: 'the logged hours' },
  deelnemers: { nl: 'de deelnemers', en: 'the participants' },
};

/**
 * The sentence every surface shows for a traject with illustrative parts ("Illustratief: de data van fasen en
 * sessies zijn ingevuld voor de demo; de bron geeft ze niet."), or undefined when everything is real.
 */
export function illustrativeNotice(traject: Pick<Traject, 'illustrative'>): LocalizedText | undefined {
  const parts = traject.illustrative ?? [];
  if (parts.length === 0) return undefined;
  const join = (lang: 'nl' | 'en') => {
    const names = parts.map((part) => ILLUSTRATIVE_PART_LABELS[part][lang]);
    const last = names.pop()!;
    return names.length ? `${names.join(', ')} ${lang === 'nl' ? 'en' : 'and'} ${last}` : last;
  };
  return {
    nl: `Illustratief: ${join('nl')} zijn ingevuld om de demo te vullen; geen bron geeft ze.`,
    en: `Illustrative: ${join('en')} were filled in for the demo; no source gives them.`,
  };
}

export const gemeenteSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** CBS gemeentecode, e.g. GM0363 (Amsterdam). */
  cbsCode: z
    .string()
    .regex(/^GM\d{4}$/, 'verwacht een CBS-code als GM gevolgd door 4 cijfers')
    .optional(),
  /** Number of inhabitants; scales the contact person's hours (VNG, Visieleertrajecten Toegang: "afhankelijk van de grootte"). */
  inwoners: z.number().int().positive().optional(),
});
export type Gemeente = z.infer<typeof gemeenteSchema>;

export const participantSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  email: z.string().email().max(320).optional(),
  role: roleSchema,
  perspective: perspectiveSchema.optional(),
  organisation: z.string().max(200).optional(),
});
export type Participant = z.infer<typeof participantSchema>;

export const phaseProgressSchema = z.object({
  key: z.string().min(1),
  plannedStart: isoDateSchema,
  plannedEnd: isoDateSchema,
  actualStart: isoDateSchema.optional(),
  actualEnd: isoDateSchema.optional(),
});
export type PhaseProgress = z.infer<typeof phaseProgressSchema>;

export const sessionProgressSchema = z.object({
  key: z.string().min(1),
  phaseKey: z.string().min(1),
  plannedDate: isoDateSchema,
  actualDate: isoDateSchema.optional(),
});
export type SessionProgress = z.infer<typeof sessionProgressSchema>;

export const checklistStateSchema = z.object({
  itemId: z.string().min(1),
  done: z.boolean(),
  doneAt: z.string().datetime({ offset: true }).optional(),
  doneBy: z.string().max(200).optional(),
});
export type ChecklistState = z.infer<typeof checklistStateSchema>;

export const hourLogSchema = z.object({
  id: z.string().min(1),
  role: roleSchema,
  participantId: z.string().optional(),
  /** The day the hours were spent; reports group by ISO week. */
  date: isoDateSchema,
  hours: z.number().positive().max(80),
  note: z.string().max(500).optional(),
});
export type HourLog = z.infer<typeof hourLogSchema>;

export const vitAnswerValueSchema = z.union([z.number(), z.string(), z.null()]);
export const vitSubmissionSchema = z.object({
  bankId: z.string().min(1),
  bankVersion: z.string().min(1),
  answers: z.record(z.string(), vitAnswerValueSchema),
  submittedAt: z.string().datetime({ offset: true }),
  submittedBy: z.string().max(200).optional(),
});
export type VitSubmission = z.infer<typeof vitSubmissionSchema>;

/** A traject as the core reasons about it: what was planned, what happened, and what people recorded. */
export const trajectSchema = z.object({
  id: z.string().min(1).max(100),
  gemeenten: z.array(gemeenteSchema).min(1).max(20),
  kernvraag: z.string().trim().min(1).max(2000),
  themes: z.array(themeSchema).max(3),
  templateKey: z.string().min(1),
  startDate: isoDateSchema,
  status: trajectStatusSchema,
  region: regionSchema.optional(),
  participants: z.array(participantSchema),
  phases: z.array(phaseProgressSchema),
  sessions: z.array(sessionProgressSchema),
  checklist: z.array(checklistStateSchema),
  hours: z.array(hourLogSchema),
  vit: vitSubmissionSchema.optional(),
  /**
   * The traject is known only as of this day (the demo trajects of seed 002 Tabel 1 are as of the report,
   * April 2024): views show it as of then and no reminders go out. Absent for a live traject.
   */
  asOf: isoDateSchema.optional(),
  /**
   * Why the traject has its status, in the words of whoever decided it (Tabel 1: Oldenzaal "tussentijds
   * gestopt vanwege gewijzigde timing en voortschrijdend inzicht"). Shown beside the status everywhere.
   */
  statusReason: z.string().trim().min(1).max(500).optional(),
  /**
   * Parts of this traject that no source gives and were filled in to make a demo lively (the dates of the
   * Tabel 1 trajects): every surface that shows them marks them "illustratief" (`illustrativeNotice`).
   */
  illustrative: z.array(z.enum(ILLUSTRATIVE_PARTS)).max(ILLUSTRATIVE_PARTS.length).optional(),
  /**
   * A template loaded from a file travels with its traject (stored, with its own version), so the traject
   * keeps its plan and reminders on any server. Absent for the built-in templates, found by `templateKey`.
   */
  template: templateSchema.optional(),
});
export type Traject = z.infer<typeof trajectSchema>;

/** The display name of a traject: its gemeenten, as seed 002 Tabel 1 writes them. */
export function trajectName(traject: Pick<Traject, 'gemeenten'>): string {
  return traject.gemeenten.map((gemeente) => gemeente.name).join(', ');
}
