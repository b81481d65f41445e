import type { Lang } from '../i18n/index.js';
import type { DuoInstance } from './instance.js';
import { duoMessage } from './messages.js';
import type { ScheduleState } from './schedule-state.js';
import { formatSlotLabel } from './slot-time.js';

/**
 * Why someone has no interview, from the most basic cause to the last. Each code is a claim about the
 * input (or, for `capacity`, about the schedule) that the tests verify.
 */
export type UnplacedReasonCode = 'no-slots' | 'no-partner' | 'no-moderator' | 'all-excluded' | 'capacity';

export interface UnplacedReason {
  code: UnplacedReasonCode;
  reason: string;
}

const MAX_LISTED = 4;

function list(items: string[], lang: Lang): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, MAX_LISTED).join(', ');
  if (unique.length <= MAX_LISTED) return shown;
  const more = unique.length - MAX_LISTED;
  return lang === 'nl' ? `${shown} en ${more} meer` : `${shown} and ${more} more`;
}

export function explainUnplaced(
  instance: DuoInstance,
  state: ScheduleState,
  u: number,
  lang: Lang,
): UnplacedReason {
  const { round, slotCount: S, participantAvailable, perspective, slotModerators, excluded } = instance;
  const P = instance.participantCount;
  const slotLabel = (s: number) => formatSlotLabel(round.slots[s]!.start, round.slots[s]!.end, lang);
  const name = (i: number) => round.participants[i]!.name;

  const ownSlots: number[] = [];
  for (let s = 0; s < S; s++) if (participantAvailable[u * S + s]) ownSlots.push(s);
  if (ownSlots.length === 0) return { code: 'no-slots', reason: duoMessage('reasonNoSlots', lang) };

  const partnersAt = (s: number) => {
    const partners: number[] = [];
    for (let v = 0; v < P; v++) {
      if (v !== u && perspective[v] !== perspective[u] && participantAvailable[v * S + s]) partners.push(v);
    }
    return partners;
  };
  const partnerSlots = ownSlots.filter((s) => partnersAt(s).length > 0);
  if (partnerSlots.length === 0) return { code: 'no-partner', reason: duoMessage('reasonNoPartner', lang) };

  const moderatedSlots = partnerSlots.filter((s) => slotModerators[s]!.length > 0);
  if (moderatedSlots.length === 0) {
    return {
      code: 'no-moderator',
      reason: duoMessage('reasonNoModerator', lang, { slots: list(partnerSlots.map(slotLabel), lang) }),
    };
  }

  const allowed: Array<{ v: number; s: number }> = [];
  const excludedPartners: number[] = [];
  for (const s of moderatedSlots) {
    for (const v of partnersAt(s)) {
      if (excluded[u * P + v]) excludedPartners.push(v);
      else allowed.push({ v, s });
    }
  }
  if (allowed.length === 0) {
    return {
      code: 'all-excluded',
      reason: duoMessage('reasonAllExcluded', lang, { people: list(excludedPartners.map(name), lang) }),
    };
  }

  // Every remaining option is blocked by the schedule itself: the partner or every moderator is taken.
  const partnersTaken: number[] = [];
  const moderatorsFull: number[] = [];
  const busySlots: number[] = [];
  for (const { v, s } of allowed) {
    if (!state.participantFree(v, s) || !state.pairFree(u, v)) {
      partnersTaken.push(v);
      continue;
    }
    const moderators = slotModerators[s]!;
    const full = moderators.filter((m) => state.moderatorLoad[m]! >= instance.moderatorCapacity[m]!);
    moderatorsFull.push(...full);
    if (full.length < moderators.length) busySlots.push(s);
  }
  const details: string[] = [];
  if (partnersTaken.length > 0) {
    details.push(duoMessage('detailPartnersTaken', lang, { people: list(partnersTaken.map(name), lang) }));
  }
  if (moderatorsFull.length > 0) {
    const labels = [...new Set(moderatorsFull)].map(
      (m) => `${round.moderators[m]!.name} ${state.moderatorLoad[m]}/${instance.moderatorCapacity[m]}`,
    );
    details.push(duoMessage('detailModeratorsFull', lang, { people: list(labels, lang) }));
  }
  if (busySlots.length > 0) {
    details.push(duoMessage('detailModeratorsBusy', lang, { slots: list(busySlots.map(slotLabel), lang) }));
  }
  return { code: 'capacity', reason: duoMessage('reasonCapacity', lang, { details: details.join('; ') }) };
}
