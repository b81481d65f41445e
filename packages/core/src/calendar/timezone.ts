import { ValidationError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import type { IsoDate } from '../model/vocabulary.js';
import { formatDate, toDayNumber } from './dates.js';

/** The one time zone the product plans in: every gemeente is in it. */
export const AMSTERDAM = 'Europe/Amsterdam';

// Intl formatters are costly to build; one is enough for the process.
const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: AMSTERDAM,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LocalDateTime {
  date: IsoDate;
  /** `HH:MM:SS` on the wall clock in Amsterdam. */
  time: string;
}

/** What a clock on the wall in Amsterdam shows at this instant. */
export function toAmsterdam(instant: Date): LocalDateTime {
  if (Number.isNaN(instant.getTime())) throw new ValidationError('Ongeldig tijdstip.');
  const parts: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

/** An instant as people here read it, on Amsterdam's clock: `10 december 2026 om 14:38` / `… at 14:38`. */
export function formatAmsterdamMoment(instant: Date | string, lang: Lang = 'nl'): string {
  const local = toAmsterdam(typeof instant === 'string' ? new Date(instant) : instant);
  return `${formatDate(local.date, lang)} ${lang === 'nl' ? 'om' : 'at'} ${local.time.slice(0, 5)}`;
}

/** The calendar day in Amsterdam at this instant. */
export function amsterdamDate(instant: Date): IsoDate {
  return toAmsterdam(instant).date;
}

/** Minutes Amsterdam is ahead of UTC at this instant: 60 in winter (CET), 120 in summer (CEST). */
export function amsterdamOffsetMinutes(instant: Date): number {
  const local = toAmsterdam(instant);
  const [hours, minutes, seconds] = local.time.split(':').map(Number) as [number, number, number];
  const localAsUtc = toDayNumber(local.date) * 86_400_000 + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return Math.round((localAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in Amsterdam. In the spring gap (02:00-03:00 on the last Sunday of
 * March) the time does not exist and is read as the summer time it jumps to; in the autumn overlap the
 * first (summer-time) occurrence is taken, as calendars do.
 */
export function amsterdamToUtc(date: IsoDate, time: string): Date {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) throw new ValidationError(`Ongeldige tijd ${JSON.stringify(time)}: verwacht UU:MM.`);
  const [, hours, minutes, seconds] = match;
  const wallAsUtc =
    toDayNumber(date) * 86_400_000 +
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds ?? 0)) * 1000;
  // Try the summer offset first (so the autumn overlap resolves to its first occurrence), then winter.
  for (const offset of [120, 60]) {
    const candidate = new Date(wallAsUtc - offset * 60_000);
    if (amsterdamOffsetMinutes(candidate) === offset) return candidate;
  }
  // Only reached inside the spring gap: the clock jumped from 02:00 CET to 03:00 CEST.
  return new Date(wallAsUtc - 60 * 60_000);
}

/** Start of the Amsterdam calendar day as a UTC instant. */
export function startOfAmsterdamDay(date: IsoDate): Date {
  return amsterdamToUtc(date, '00:00');
}
