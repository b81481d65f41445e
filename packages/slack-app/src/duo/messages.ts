import type { KnownBlock } from '@slack/web-api';
import {
  type DuoRoundRecord,
  type DuoScheduledInterview,
  formatSlotLabel,
  PERSPECTIVE_LABELS,
  type Perspective,
} from '@visieleren/core';
import { blocks, button, escapeMrkdwn } from '../block-kit/blocks.js';
import { BLOCK_LIMITS, splitBlocks } from '../block-kit/limits.js';
import { ACTIONS } from '../home.js';
import type { RoundBook } from './bookkeeping.js';

export interface RoundSlot {
  id: string;
  start: string;
  end: string;
}

export interface RoundInputView {
  slots: RoundSlot[];
  participants: Array<{ id: string; name: string; perspective: Perspective }>;
  moderators: Array<{ id: string; name: string }>;
}

export function slotText(slot: RoundSlot | undefined): string {
  return slot ? formatSlotLabel(slot.start, slot.end, 'nl') : 'onbekend tijdvak';
}

/** Amsterdam deadline for people: "vr 29 jan 2027 17:00". */
export function deadlineText(deadline: string | undefined): string {
  if (!deadline) return 'geen uiterste datum';
  return new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(deadline));
}

export interface AvailabilityButtonValue {
  r: string;
  p: string;
  s?: string;
  on?: boolean;
}

/** The availability DM: one section per slot with a one-click button, and "none of these". */
export function availabilityBlocks(
  round: Pick<DuoRoundRecord, 'id' | 'deadline' | 'availability'>,
  input: RoundInputView,
  personId: string,
  trajectName: string,
): KnownBlock[] {
  const chosen = new Set(round.availability[personId] ?? []);
  const answered = personId in round.availability;
  const slots = [...input.slots].sort((a, b) => a.start.localeCompare(b.start));
  const value = (extra: Partial<AvailabilityButtonValue>) =>
    JSON.stringify({ r: round.id, p: personId, ...extra });
  return [
    blocks.header('Duo-interviews: wanneer kunt u?'),
    blocks.section(
      `Voor het visieleertraject *${escapeMrkdwn(trajectName)}* plannen we duo-interviews. Klik op elk tijdvak waarop u kunt; nog een keer klikken haalt het weg. Graag vóór *${deadlineText(round.deadline)}*.`,
    ),
    ...slots.map((slot) =>
      blocks.section(
        `${chosen.has(slot.id) ? ':white_check_mark:' : ':white_circle:'} ${slotText(slot)}`,
        button(
          chosen.has(slot.id) ? 'Kan toch niet' : 'Ik kan',
          `${ACTIONS.availabilitySlot}:${slot.id}`,
          value({ s: slot.id, on: !chosen.has(slot.id) }),
          chosen.has(slot.id) ? undefined : 'primary',
        ),
      ),
    ),
    blocks.actions(`none:${round.id}`, [
      button('Ik kan op geen van deze momenten', ACTIONS.availabilityNone, value({})),
    ]),
    blocks.context(
      answered
        ? `Doorgegeven: ${chosen.size === 0 ? 'geen enkel tijdvak' : `${chosen.size} tijdvak(ken)`}. U kunt dit tot de uiterste datum aanpassen.`
        : 'Nog niets doorgegeven.',
    ),
  ].slice(0, BLOCK_LIMITS.blocksPerMessage);
}

/** Who has answered, for the VNG team; with the links to send by hand when there is no mailer. */
export function statusBlocks(round: DuoRoundRecord, book: RoundBook, trajectName: string): KnownBlock[] {
  const people = Object.entries(book.people);
  const answered = people.filter(([id]) => id in round.availability);
  const waiting = people.filter(([id]) => !(id in round.availability));
  const list = (entries: typeof people) =>
    entries.map(([, person]) => escapeMrkdwn(person.name)).join(', ') || '—';
  const state =
    round.state === 'beschikbaarheid'
      ? `Beschikbaarheid tot ${deadlineText(round.deadline)}`
      : round.state === 'gepland'
        ? 'Ingepland'
        : 'Geannuleerd';
  return [
    blocks.header(`Duo-ronde ${round.roundNumber}: ${trajectName}`),
    blocks.section(
      `*${state}.* ${answered.length} van ${people.length} ${answered.length === 1 ? 'heeft' : 'hebben'} geantwoord.`,
    ),
    blocks.section(`*Geantwoord:* ${list(answered)}`),
    blocks.section(`*Nog niet:* ${list(waiting)}`),
    ...(round.state === 'beschikbaarheid'
      ? [
          blocks.actions(`status:${round.id}`, [
            button('Nu inplannen', ACTIONS.roundScheduleNow, round.id, 'primary'),
            button('Formulieren ophalen', ACTIONS.roundRefresh, round.id),
          ]),
        ]
      : []),
  ];
}

function personLabel(input: RoundInputView, id: string): string {
  const participant = input.participants.find((person) => person.id === id);
  if (participant)
    return `${escapeMrkdwn(participant.name)} (${PERSPECTIVE_LABELS[participant.perspective].nl})`;
  return escapeMrkdwn(input.moderators.find((person) => person.id === id)?.name ?? id);
}

export function interviewText(input: RoundInputView, interview: DuoScheduledInterview): string {
  const slot = input.slots.find((candidate) => candidate.id === interview.slot);
  const [a = '', b = ''] = interview.participants;
  const line = `*${slotText(slot)}* — ${personLabel(input, a)} & ${personLabel(input, b)}; moderator ${personLabel(input, interview.moderator)}`;
  return interview.cancelled ? `~${line}~ (geannuleerd)` : line;
}

/**
 * The schedule for the traject's channel: every interview with move and cancel buttons, then the people
 * who could not be placed and why. Split into messages of at most 50 blocks, never between an interview and
 * its buttons.
 */
export function scheduleMessages(
  round: DuoRoundRecord,
  input: RoundInputView,
  trajectName: string,
  unplaced: ReadonlyArray<{ id: string; reason: string }>,
  summary: string,
  /** The invite sequence per interview: each button carries it, so a click on an outdated message is known. */
  sequences: Readonly<Record<string, number>> = {},
): KnownBlock[][] {
  const interviews = round.schedule?.interviews ?? [];
  const groups: KnownBlock[][] = [
    [blocks.header(`Rooster duo-interviews: ${trajectName}`), blocks.section(escapeMrkdwn(summary))],
    ...interviews.map((interview, index) => {
      const group: KnownBlock[] = [blocks.section(`${index + 1}. ${interviewText(input, interview)}`)];
      if (!interview.cancelled) {
        const value = JSON.stringify({ r: round.id, i: index, s: sequences[String(index)] ?? 0 });
        group.push(
          blocks.actions(`interview:${round.id}:${index}`, [
            button('Verplaatsen', ACTIONS.interviewMove, value),
            {
              ...button('Annuleren', ACTIONS.interviewCancel, value, 'danger'),
              confirm: {
                title: { type: 'plain_text', text: 'Interview annuleren?' },
                text: { type: 'mrkdwn', text: 'De drie deelnemers krijgen een annulering in hun agenda.' },
                confirm: { type: 'plain_text', text: 'Annuleren' },
                deny: { type: 'plain_text', text: 'Terug' },
              },
            },
          ]),
        );
      }
      return group;
    }),
  ];
  if (unplaced.length > 0) {
    const lines = unplaced.map((entry) => `• ${personLabel(input, entry.id)}: ${escapeMrkdwn(entry.reason)}`);
    const chunks: string[] = [];
    let current = '*Niet ingedeeld:*';
    for (const line of lines) {
      if (current.length + line.length + 1 > BLOCK_LIMITS.sectionTextLength - 10) {
        chunks.push(current);
        current = line;
      } else current = `${current}\n${line}`;
    }
    chunks.push(current);
    for (const chunk of chunks) groups.push([blocks.section(chunk)]);
  }
  return splitBlocks(groups, BLOCK_LIMITS.blocksPerMessage);
}
