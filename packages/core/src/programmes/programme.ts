import { z } from 'zod';
import { CLOSED_STATUSES, type IsoDate, type TrajectStatus } from '../model/vocabulary.js';
import { isoDateSchema } from '../model/vocabulary-schemas.js';

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes')
  .max(100);
const text = z.string().trim().min(1).max(2000);

/** How an indicator is measured: by hand (a value per date) or derived from the programme's trajects. */
export const INDICATOR_SOURCES = ['meting', 'trajecten-afgerond', 'trajecten-gestart'] as const;

export const indicatorSchema = z
  .object({
    id: slug,
    name: text,
    /** The programmalijn it belongs to; absent for the programme as a whole. */
    lineKey: slug.optional(),
    /** The heading of "Voortgang meten" it falls under (seed 003), e.g. "Lerend vermogen". */
    aspect: z.string().trim().max(200).optional(),
    unit: z.string().trim().max(50).optional(),
    target: z.number().finite().optional(),
    measuredBy: z.enum(INDICATOR_SOURCES).default('meting'),
    source: z.string().trim().max(300).optional(),
  })
  .strict();

export const programmeLineSchema = z
  .object({
    key: slug,
    name: text,
    doel: text,
    /** "Over 1 jaar" and "Over 3 jaar" (seed 003). */
    resultaten: z
      .object({ eenJaar: z.array(text).default([]), drieJaar: z.array(text).default([]) })
      .default({ eenJaar: [], drieJaar: [] }),
    actielijnen: z.array(text).default([]),
  })
  .strict();

export const programmeSchema = z
  .object({
    key: slug,
    name: text,
    description: text,
    /**
     * Its period: an end the source gives ("een agenda die tot eind 2013 loopt") and a start, which may be our
     * reading (then `startNote` says so, and it is shown with the dates it yields).
     */
    period: z
      .object({ start: isoDateSchema, end: isoDateSchema, startNote: text.optional() })
      .refine((period) => period.start <= period.end, {
        message: 'het begin ligt na het einde',
        path: ['end'],
      })
      .optional(),
    /**
     * A programme known only as of a report (the visieleertrajecten: April 2024) is measured on that day, not
     * today: its derived indicators count the trajects as the report saw them.
     */
    asOf: isoDateSchema.optional(),
    /** The goals of the programme's agenda (Impuls Vakmanschap: "Doelen van de agenda"). */
    goals: z
      .array(z.object({ name: text, text }))
      .max(20)
      .default([]),
    /** Who steers and who does the work ("Samenwerkingsstructuur"). */
    governance: z
      .array(z.object({ name: text, role: text }))
      .max(20)
      .default([]),
    lines: z.array(programmeLineSchema).max(20).default([]),
    indicators: z.array(indicatorSchema).max(100).default([]),
    trajectIds: z.array(z.string().min(1).max(100)).max(500).default([]),
    sources: z.array(z.string().max(300)).default([]),
    /** Where the programme's data is our reading of the source rather than a quote. */
    interpretations: z.array(text).default([]),
  })
  .strict()
  .superRefine((programme, context) => {
    const lines = new Set(programme.lines.map((line) => line.key));
    programme.indicators.forEach((indicator, index) => {
      if (indicator.lineKey && !lines.has(indicator.lineKey)) {
        context.addIssue({
          code: 'custom',
          path: ['indicators', index, 'lineKey'],
          message: `onbekende programmalijn ${JSON.stringify(indicator.lineKey)}`,
        });
      }
    });
  });
export type Programme = z.output<typeof programmeSchema>;
export type ProgrammeInput = z.input<typeof programmeSchema>;

/** The days the "over 1 jaar" and "over 3 jaar" results fall due: one and three years after the start. */
export function resultDueDates(
  programme: Pick<Programme, 'period'>,
): { eenJaar: IsoDate; drieJaar: IsoDate } | undefined {
  if (!programme.period) return undefined;
  const year = (date: IsoDate, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  const valid = (date: IsoDate) => (date.endsWith('-02-29') ? `${date.slice(0, 8)}28` : date);
  return {
    eenJaar: valid(year(programme.period.start, 1)),
    drieJaar: valid(year(programme.period.start, 3)),
  };
}

export interface Measurement {
  indicatorId: string;
  measuredOn: IsoDate;
  value: number;
  note?: string;
}

export interface IndicatorProgress {
  id: string;
  name: string;
  lineKey?: string;
  aspect?: string;
  unit?: string;
  target?: number;
  measuredBy: (typeof INDICATOR_SOURCES)[number];
  /** Oldest first. For derived indicators: one value, as of today. */
  series: Measurement[];
  latest?: Measurement;
  /** Whether the latest value reached the target (undefined without both). */
  reached?: boolean;
}

export interface ProgrammeProgress {
  key: string;
  /** The day it is measured on: today, or the report's day for a programme known only as of a report. */
  measuredOn: IsoDate;
  trajects: { total: number; byStatus: Partial<Record<TrajectStatus, number>>; closed: number };
  indicators: IndicatorProgress[];
}

const STARTED: ReadonlySet<TrajectStatus> = new Set(['aangemeld', 'geannuleerd', 'afgewezen']);

/** Where a programme stands: its trajects by status, and each indicator's values against its target. */
export function programmeProgress(
  programme: Programme,
  trajects: ReadonlyArray<{ id: string; status: TrajectStatus }>,
  measurements: readonly Measurement[],
  today: IsoDate,
): ProgrammeProgress {
  const measuredOn = programme.asOf && programme.asOf < today ? programme.asOf : today;
  const members = trajects.filter((traject) => programme.trajectIds.includes(traject.id));
  const byStatus: Partial<Record<TrajectStatus, number>> = {};
  for (const traject of members) byStatus[traject.status] = (byStatus[traject.status] ?? 0) + 1;
  const finished = members.filter(
    (t) => t.status === 'afgerond' || t.status === 'afgerond-werkbezoek',
  ).length;
  const started = members.filter((t) => !STARTED.has(t.status)).length;
  const indicators = programme.indicators.map((indicator): IndicatorProgress => {
    const series =
      indicator.measuredBy === 'meting'
        ? measurements
            .filter((measurement) => measurement.indicatorId === indicator.id)
            .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn))
        : [
            {
              indicatorId: indicator.id,
              measuredOn,
              value: indicator.measuredBy === 'trajecten-afgerond' ? finished : started,
            },
          ];
    const latest = series[series.length - 1];
    return {
      id: indicator.id,
      name: indicator.name,
      ...(indicator.lineKey ? { lineKey: indicator.lineKey } : {}),
      ...(indicator.aspect ? { aspect: indicator.aspect } : {}),
      ...(indicator.unit ? { unit: indicator.unit } : {}),
      ...(indicator.target === undefined ? {} : { target: indicator.target }),
      measuredBy: indicator.measuredBy,
      series,
      ...(latest ? { latest } : {}),
      ...(latest && indicator.target !== undefined ? { reached: latest.value >= indicator.target } : {}),
    };
  });
  return {
    key: programme.key,
    measuredOn,
    trajects: {
      total: members.length,
      byStatus,
      closed: members.filter((traject) => CLOSED_STATUSES.has(traject.status)).length,
    },
    indicators,
  };
}
