import { z } from 'zod';
import { roleSchema } from '../model/vocabulary-schemas.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes');
export const localizedTextSchema = z.object({ nl: z.string().min(1), en: z.string().min(1) });

export const templateSessionSchema = z.object({
  key: slug,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  /** Week within the phase, 0-based: 0 is the phase's first week. */
  weekInPhase: z.number().int().min(0),
  /** Preferred ISO weekday (1 = Monday … 5 = Friday); the planner moves to the next working day if needed. */
  weekday: z.number().int().min(1).max(5).default(2),
  /** Sessions with bestuurders avoid school holidays of the gemeente's region (a soft constraint). */
  withBestuurders: z.boolean().default(false),
  durationHours: z.number().positive().max(12).optional(),
  /**
   * A series rather than one meeting: it runs over this many working days from its date (the duo-interviews
   * are many interviews over several days; a planned duo round fills in the exact times).
   */
  seriesWorkingDays: z.number().int().min(2).max(30).optional(),
});
export type TemplateSession = z.infer<typeof templateSessionSchema>;

export const checklistItemSchema = z.object({
  /** Stable across template versions: ticked state is stored against it. */
  id: slug,
  text: localizedTextSchema,
  /** Week within the phase by which the item should be done; default: the phase's last week. */
  dueWeekInPhase: z.number().int().min(0).optional(),
  /** Who usually does it. */
  role: roleSchema.optional(),
  /** Where in the source documents this item comes from, e.g. "Rapportage Visieleren, VNG, april 2024, §1.1". */
  source: z.string().optional(),
  /**
   * The session this item prepares: it is due `workingDaysBefore` working days before that session (0: on the
   * day itself, e.g. the reflection that opens the ontwerpsessie), or earlier when its week says so.
   */
  prepares: z
    .object({ session: slug, workingDaysBefore: z.number().int().min(0).max(20).default(1) })
    .optional(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const templatePhaseSchema = z.object({
  key: slug,
  name: localizedTextSchema,
  description: localizedTextSchema,
  /** Length in working weeks; phases follow each other in array order. */
  durationWeeks: z.number().int().min(1).max(52),
  sessions: z.array(templateSessionSchema).default([]),
  checklist: z.array(checklistItemSchema).default([]),
});
export type TemplatePhase = z.infer<typeof templatePhaseSchema>;

/** The programme's global steps (VNG, Visieleertrajecten Toegang), mapped onto the phases: an interpretation kept as data. */
export const programmeStepSchema = z.object({
  number: z.number().int().min(1),
  name: localizedTextSchema,
  /** Phases this step falls in; empty means "after the traject" (e.g. delen van geleerde lessen). */
  phaseKeys: z.array(slug),
});

const sizeBandSchema = z.object({
  /** Upper bound of inhabitants for this band; omit for the last, open band. */
  upToInwoners: z.number().int().positive().optional(),
  minHours: z.number().min(0),
  maxHours: z.number().min(0),
});

const commitmentBase = {
  role: roleSchema,
  /** What this template calls the role when it differs from the standard label (e.g. "projectleider"). */
  roleLabel: localizedTextSchema.optional(),
  /** Phases it applies to; omit for the whole traject. */
  phaseKeys: z.array(slug).optional(),
  source: z.string().min(1),
  note: localizedTextSchema.optional(),
  /**
   * What the sources themselves say about this commitment, each with its document: shown as the sources'
   * words, apart from our interpretations (e.g. the size bands).
   */
  statements: z.array(z.object({ text: localizedTextSchema, source: z.string().min(1) })).optional(),
};

export const commitmentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hours-per-week'),
    ...commitmentBase,
    minHours: z.number().min(0),
    maxHours: z.number().min(0),
    /** Scales the range by gemeente size (seed 001: "afhankelijk van de grootte van uw gemeente"). */
    bySize: z.array(sizeBandSchema).optional(),
  }),
  z.object({
    kind: z.literal('dagdelen'),
    ...commitmentBase,
    minDagdelen: z.number().int().min(1),
    plusPreparation: z.boolean(),
  }),
]);
export type Commitment = z.infer<typeof commitmentSchema>;

const ruleBase = {
  id: slug,
  /** Who should get it; plugins map roles to people and channels. */
  audience: z.array(roleSchema).min(1),
};

export const reminderRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phase-start'), ...ruleBase, daysBefore: z.number().int().min(0).max(60) }),
  z.object({ kind: z.literal('session'), ...ruleBase, daysBefore: z.number().int().min(0).max(60) }),
  z.object({
    kind: z.literal('hours-check-in'),
    ...ruleBase,
    /** ISO weekday of the weekly check-in (1 = Monday). */
    weekday: z.number().int().min(1).max(5),
  }),
  z.object({ kind: z.literal('checklist-overdue'), ...ruleBase, graceDays: z.number().int().min(0).max(60) }),
]);
export type ReminderRule = z.infer<typeof reminderRuleSchema>;

export const templateSchema = z.object({
  key: slug,
  version: z.string().min(1),
  name: localizedTextSchema,
  description: localizedTextSchema,
  /** The intended length; plans that run longer show it in their forecast. */
  targetWeeks: z.number().int().min(1).max(104),
  phases: z.array(templatePhaseSchema).min(1),
  programmeSteps: z.array(programmeStepSchema).default([]),
  commitments: z.array(commitmentSchema).default([]),
  reminderRules: z.array(reminderRuleSchema).default([]),
  settings: z
    .object({
      /** A dagdeel is half a working day; the usual reading is 4 hours (DOMAIN.md). */
      hoursPerDagdeel: z.number().positive().max(8).default(4),
      /** Local time at which reminders are due, Europe/Amsterdam. */
      reminderTime: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .default('09:00'),
    })
    .default({ hoursPerDagdeel: 4, reminderTime: '09:00' }),
  sources: z.array(z.string()).default([]),
  /**
   * Where this template's data interprets the sources rather than quoting them (phase lengths, size bands,
   * the mapping of the programme steps): each stays marked as an interpretation wherever it is shown.
   */
  interpretations: z.array(z.object({ about: z.string().min(1), text: localizedTextSchema })).default([]),
  /**
   * Minimum lengths the sources set for a run of programme steps, e.g. "stappen 3 tot en met 6: minimale
   * doorlooptijd zeven weken" (VNG, Visieleertrajecten Toegang). Checked when the template is loaded: the
   * phases those steps fall in must together last at least that many weeks.
   */
  minimumDurations: z
    .array(
      z.object({
        fromStep: z.number().int().min(1),
        toStep: z.number().int().min(1),
        weeks: z.number().int().min(1).max(104),
        source: z.string().min(1),
      }),
    )
    .default([]),
  /** The length the sources give, beside `targetWeeks` (e.g. 7-10 weeks aimed at, often six months). */
  durationInSources: z.object({ text: localizedTextSchema, source: z.string().min(1) }).optional(),
});
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
