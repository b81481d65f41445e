import { addDays } from '../calendar/dates.js';
import { DEFAULT_LANG, type Lang, type LocalizedText, localize } from '../i18n/index.js';
import type { IsoDate } from '../model/vocabulary.js';
import { escapeText, formatDateValue, formatLocalDateTime, formatUtc, serializeLines } from './format.js';

/** What a calendar needs of a plan (a TrajectPlan fits; so does a forecast mapped to this shape). */
export interface IcsPlanInput {
  templateKey: string;
  templateName: LocalizedText;
  start: IsoDate;
  phases: ReadonlyArray<{
    key: string;
    name: LocalizedText;
    start: IsoDate;
    end: IsoDate;
    description?: LocalizedText;
  }>;
  sessions: ReadonlyArray<{
    key: string;
    name: LocalizedText;
    date: IsoDate;
    phaseKey: string;
    durationHours?: number;
    withBestuurders?: boolean;
  }>;
  /** The nazorggesprek after the traject: an all-day event (its time is agreed later). */
  nazorggesprek?: { name: LocalizedText; date: IsoDate; note: LocalizedText };
}

export interface IcsOptions {
  lang?: Lang;
  /** Shown after each event's name and as the calendar's name, e.g. the gemeente: "Kick-off — Hoorn". */
  title?: string;
  /** Makes UIDs unique per traject; defaults to the template key and start date, so they stay stable. */
  uidPrefix?: string;
  /** DTSTAMP; pass it for reproducible files. */
  now?: Date;
  /** Session times in Europe/Amsterdam; `null` makes sessions all-day events. End defaults to start + durationHours. */
  sessionTime?: { start: string; end: string } | null;
  /** Add the phases as all-day events (default true). */
  includePhases?: boolean;
}

/** Europe/Amsterdam since 1996 (EU summer time rules), as calendar clients expect it. */
export const VTIMEZONE_AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'X-LIC-LOCATION:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const DEFAULT_SESSION_TIME = { start: '09:30', end: '12:30' };

const labels = {
  phase: { nl: 'Fase', en: 'Phase' },
  withBestuurders: { nl: 'Met bestuurders.', en: 'With executives.' },
} satisfies Record<string, LocalizedText>;

function addHours(time: string, hours: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  // A session never runs past midnight in a calendar; cap at 23:59.
  const total = Math.min(h * 60 + m + Math.round(hours * 60), 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function uidSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * A plan as an RFC 5545 iCalendar file: a VTIMEZONE for Europe/Amsterdam, one VEVENT per session at a
 * local time (or all-day), and all-day, transparent VEVENTs for the phases. UIDs are stable, so importing
 * an updated plan replaces events instead of duplicating them.
 */
export function planToIcs(plan: IcsPlanInput, options: IcsOptions = {}): string {
  const lang = options.lang ?? DEFAULT_LANG;
  const stamp = formatUtc(options.now ?? new Date());
  const prefix = uidSafe(options.uidPrefix ?? `${plan.templateKey}-${plan.start}`);
  const suffix = options.title ? ` — ${options.title}` : '';
  const sessionTime = options.sessionTime === undefined ? DEFAULT_SESSION_TIME : options.sessionTime;
  const calendarName = `${localize(plan.templateName, lang)}${suffix}`;
  const phaseNames = new Map(plan.phases.map((phase) => [phase.key, localize(phase.name, lang)]));

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//VNG Visieleren//visieleren 0.1//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    'X-WR-TIMEZONE:Europe/Amsterdam',
    ...VTIMEZONE_AMSTERDAM,
  ];

  if (options.includePhases ?? true) {
    for (const phase of plan.phases) {
      const name = `${localize(labels.phase, lang)}: ${localize(phase.name, lang)}${suffix}`;
      lines.push(
        'BEGIN:VEVENT',
        `UID:${prefix}-fase-${uidSafe(phase.key)}@visieleren`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${formatDateValue(phase.start)}`,
        // DTEND of an all-day event is exclusive: the day after the last day.
        `DTEND;VALUE=DATE:${formatDateValue(addDays(phase.end, 1))}`,
        `SUMMARY:${escapeText(name)}`,
        ...(phase.description ? [`DESCRIPTION:${escapeText(localize(phase.description, lang))}`] : []),
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      );
    }
  }

  for (const session of plan.sessions) {
    const name = `${localize(session.name, lang)}${suffix}`;
    const details = [
      `${localize(labels.phase, lang)}: ${phaseNames.get(session.phaseKey) ?? session.phaseKey}.`,
      ...(session.withBestuurders ? [localize(labels.withBestuurders, lang)] : []),
    ].join('\n');
    const when = sessionTime
      ? [
          `DTSTART;TZID=Europe/Amsterdam:${formatLocalDateTime(session.date, sessionTime.start)}`,
          `DTEND;TZID=Europe/Amsterdam:${formatLocalDateTime(
            session.date,
            session.durationHours ? addHours(sessionTime.start, session.durationHours) : sessionTime.end,
          )}`,
        ]
      : [
          `DTSTART;VALUE=DATE:${formatDateValue(session.date)}`,
          `DTEND;VALUE=DATE:${formatDateValue(addDays(session.date, 1))}`,
        ];
    lines.push(
      'BEGIN:VEVENT',
      `UID:${prefix}-sessie-${uidSafe(session.key)}@visieleren`,
      `DTSTAMP:${stamp}`,
      ...when,
      `SUMMARY:${escapeText(name)}`,
      `DESCRIPTION:${escapeText(details)}`,
      'END:VEVENT',
    );
  }

  if (plan.nazorggesprek) {
    const aftercare = plan.nazorggesprek;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${prefix}-nazorggesprek@visieleren`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${formatDateValue(aftercare.date)}`,
      `DTEND;VALUE=DATE:${formatDateValue(addDays(aftercare.date, 1))}`,
      `SUMMARY:${escapeText(`${localize(aftercare.name, lang)}${suffix}`)}`,
      `DESCRIPTION:${escapeText(localize(aftercare.note, lang))}`,
      'END:VEVENT',
    );
  }

  lines.push('END:VCALENDAR');
  return serializeLines(lines);
}
