import { amsterdamToUtc } from '../calendar/timezone.js';
import type { Lang } from '../i18n/index.js';

/** A slot time as people write it: local Europe/Amsterdam wall-clock time, `YYYY-MM-DDTHH:mm`. */
export const LOCAL_DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function parseWallClock(value: string): WallClock | undefined {
  const match = LOCAL_DATE_TIME_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

export function isLocalDateTime(value: string): boolean {
  return parseWallClock(value) !== undefined;
}

// The time-zone lookup goes through Intl and every slot is converted several times per plan; a pure
// function of its argument, so a small cache cannot change any result.
const EPOCH_CACHE_LIMIT = 10_000;
const epochMinutesCache = new Map<string, number>();

/**
 * Minutes since the epoch (UTC) of an Amsterdam wall-clock time, so that buffers across the clock change
 * are measured in real minutes. The calendar module owns the time-zone rule.
 */
export function amsterdamToEpochMinutes(value: string): number {
  const cached = epochMinutesCache.get(value);
  if (cached !== undefined) return cached;
  if (!parseWallClock(value)) throw new RangeError(`Geen lokale tijd JJJJ-MM-DDTUU:MM: ${value}`);
  const [date, time] = value.split('T') as [string, string];
  const minutes = amsterdamToUtc(date, time).getTime() / 60_000;
  if (epochMinutesCache.size >= EPOCH_CACHE_LIMIT) epochMinutesCache.clear();
  epochMinutesCache.set(value, minutes);
  return minutes;
}

const WEEKDAYS: Record<Lang, string[]> = {
  nl: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const MONTHS: Record<Lang, string[]> = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** `ma 1 feb 2027 09:00–10:00` (nl) or `Mon 1 Feb 2027 09:00–10:00` (en). */
export function formatSlotLabel(start: string, end: string, lang: Lang): string {
  const from = parseWallClock(start);
  const to = parseWallClock(end);
  if (!from || !to) return `${start}–${end}`;
  const weekday = new Date(Date.UTC(from.year, from.month - 1, from.day)).getUTCDay();
  const time = (clock: WallClock) =>
    `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day;
  const endText = sameDay ? time(to) : `${to.day} ${MONTHS[lang][to.month - 1]} ${time(to)}`;
  return `${WEEKDAYS[lang][weekday]} ${from.day} ${MONTHS[lang][from.month - 1]} ${from.year} ${time(from)}–${endText}`;
}
