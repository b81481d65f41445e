import { defineMessages, type Lang } from '../i18n/index.js';
import type { DuoScheduledInterview } from '../ports.js';
import { slotsClash } from './instance.js';
import { type DuoRound, parseDuoRound } from './schema.js';
import { amsterdamToEpochMinutes } from './slot-time.js';

/**
 * A round as the scheduler should see it once people have answered: each person's `available` is their
 * answer when they gave one (Slack buttons, the beschikbaarheid form), else what was known at creation.
 */
export function roundWithAvailability(
  input: unknown,
  availability: Readonly<Record<string, readonly string[]>>,
  previousPairs: ReadonlyArray<readonly [string, string]> = [],
  lang: Lang = 'nl',
): DuoRound {
  const round = parseDuoRound(input, lang);
  const answer = <T extends { id: string; available: string[] }>(person: T): T => {
    const given = availability[person.id];
    return given ? { ...person, available: [...new Set(given)] } : person;
  };
  const known = new Set(round.participants.map((person) => person.id));
  const previous = previousPairs.filter(([a, b]) => a !== b && known.has(a) && known.has(b));
  return parseDuoRound(
    {
      ...round,
      participants: round.participants.map(answer),
      moderators: round.moderators.map(answer),
      rules: { ...round.rules, previousPairs: [...round.rules.previousPairs, ...previous] },
    },
    lang,
  );
}

const t = defineMessages({
  unknownInterview: {
    nl: 'Interview {index} bestaat niet in deze ronde.',
    en: 'Interview {index} does not exist.',
  },
  cancelled: { nl: 'Dit interview is geannuleerd.', en: 'This interview was cancelled.' },
  unknownSlot: {
    nl: 'Tijdvak "{slot}" hoort niet bij deze ronde.',
    en: 'Slot "{slot}" is not part of this round.',
  },
  sameSlot: { nl: 'Het interview staat al op dit tijdvak.', en: 'The interview is already in this slot.' },
  notAvailable: {
    nl: '{name} heeft niet aangegeven op dit tijdvak te kunnen.',
    en: '{name} did not say they are available in this slot.',
  },
  clash: {
    nl: '{name} heeft dan al een ander interview (of te kort ertussen).',
    en: '{name} already has another interview then (or too little time between).',
  },
});

/**
 * Whether interview `index` may move to `slotId` under the scheduler's hard rules: all three people said
 * they can, and none of them has another interview that overlaps or lies closer than the buffer. Pairs and
 * moderator loads do not change by moving. Returns the problems in the user's language (empty: allowed).
 */
export function checkInterviewMove(
  round: DuoRound,
  interviews: readonly DuoScheduledInterview[],
  index: number,
  slotId: string,
  lang: Lang = 'nl',
): string[] {
  const interview = interviews[index];
  if (!interview) return [t('unknownInterview', lang, { index: index + 1 })];
  if (interview.cancelled) return [t('cancelled', lang)];
  const slots = new Map(round.slots.map((slot) => [slot.id, slot]));
  const target = slots.get(slotId);
  if (!target) return [t('unknownSlot', lang, { slot: slotId })];
  if (interview.slot === slotId) return [t('sameSlot', lang)];
  const people = new Map(
    [...round.participants, ...round.moderators].map((person) => [person.id, person] as const),
  );
  const start = amsterdamToEpochMinutes(target.start);
  const end = amsterdamToEpochMinutes(target.end);
  const problems: string[] = [];
  for (const id of [...interview.participants, interview.moderator]) {
    const person = people.get(id);
    const name = person?.name ?? id;
    if (!person?.available.includes(slotId)) problems.push(t('notAvailable', lang, { name }));
    const clash = interviews.some((other, otherIndex) => {
      if (otherIndex === index || other.cancelled) return false;
      if (!other.participants.includes(id) && other.moderator !== id) return false;
      const slot = slots.get(other.slot);
      if (!slot) return false;
      return slotsClash(
        start,
        end,
        amsterdamToEpochMinutes(slot.start),
        amsterdamToEpochMinutes(slot.end),
        round.rules.bufferMinutes,
      );
    });
    if (clash) problems.push(t('clash', lang, { name }));
  }
  return problems;
}
