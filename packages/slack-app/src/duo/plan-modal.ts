import type { KnownBlock, ModalView } from '@slack/web-api';
import {
  amsterdamToUtc,
  type DuoRoundInput,
  formatSlotLabel,
  normaliseEmail,
  PERSPECTIVE_LABELS,
  PERSPECTIVES,
  type Perspective,
  parseDuoRound,
  type TrajectRecord,
  trajectName,
  ValidationError,
} from '@visieleren/core';
import { blocks } from '../block-kit/blocks.js';
import { BLOCK_LIMITS, modalTitle, truncate } from '../block-kit/limits.js';

export const PLAN_CALLBACK = 'duo_plan';
export const MOVE_CALLBACK = 'duo_move';

/** Slots per round: each becomes one section in the availability DM, which holds at most 50 blocks. */
export const MAX_SLOTS = 40;
const DEFAULT_MAX_INTERVIEWS = 4;
const DEFAULT_BUFFER_MINUTES = 15;

export interface PlanModalMetadata {
  trajectId: string;
  /** Where the round's status and schedule go when the traject has no channel of its own. */
  channelId?: string;
}

export interface PlannedPerson {
  id: string;
  name: string;
  email: string;
  perspective?: Perspective;
  maxInterviews?: number;
}

export interface PlanSubmission {
  trajectId: string;
  channelId?: string;
  participants: PlannedPerson[];
  moderators: PlannedPerson[];
  /** Core's round input, every `available` empty: answers arrive later. */
  round: DuoRoundInput;
  deadline: string;
}

const PERSPECTIVE_WORDS = new Map<string, Perspective>(
  PERSPECTIVES.flatMap((perspective) => [
    [perspective, perspective],
    [PERSPECTIVE_LABELS[perspective].nl.toLowerCase(), perspective],
    [PERSPECTIVE_LABELS[perspective].en.toLowerCase(), perspective],
  ]),
);

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  hint?: string,
  optional = false,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: truncate(label, BLOCK_LIMITS.labelLength) },
    element,
    optional,
    ...(hint ? { hint: { type: 'plain_text', text: truncate(hint, BLOCK_LIMITS.hintLength) } } : {}),
  } as unknown as KnownBlock;
}

function textArea(actionId: string, initial: string, placeholder: string): Record<string, unknown> {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    multiline: true,
    ...(initial ? { initial_value: truncate(initial, BLOCK_LIMITS.textInputLength) } : {}),
    placeholder: { type: 'plain_text', text: truncate(placeholder, BLOCK_LIMITS.placeholderLength) },
    max_length: BLOCK_LIMITS.textInputLength,
  };
}

/** The plan modal, filled with what the traject knows: its participants with perspectives, its moderators. */
export function planModal(
  traject: TrajectRecord,
  metadata: PlanModalMetadata,
  defaultDeadline: Date,
): ModalView {
  const participants = traject.participants
    .filter((person) => person.perspective && person.role !== 'moderator')
    .map((person) => `${person.name}; ${person.email ?? ''}; ${PERSPECTIVE_LABELS[person.perspective!].nl}`);
  const moderators = traject.participants
    .filter((person) => person.role === 'moderator')
    .map((person) => `${person.name}; ${person.email ?? ''}; ${DEFAULT_MAX_INTERVIEWS}`);
  const view: ModalView = {
    type: 'modal',
    callback_id: PLAN_CALLBACK,
    title: { type: 'plain_text', text: modalTitle('Duo-ronde plannen') },
    submit: { type: 'plain_text', text: modalTitle('Ronde aanmaken') },
    close: { type: 'plain_text', text: modalTitle('Annuleren') },
    private_metadata: JSON.stringify(metadata).slice(0, BLOCK_LIMITS.privateMetadataLength),
    blocks: [
      blocks.section(
        `*${trajectName(traject)}*\nDeelnemers krijgen een bericht in Slack met knoppen per tijdvak, of een link naar het beschikbaarheidsformulier per e-mail.`,
      ),
      input(
        'deelnemers',
        'Deelnemers (één per regel: naam; e-mail; perspectief)',
        textArea('value', participants.join('\n'), 'Anna de Vries; anna@gemeente.nl; Bestuur'),
        `Perspectieven: ${PERSPECTIVES.map((perspective) => PERSPECTIVE_LABELS[perspective].nl).join(', ')}. Voeg mensen toe of pas regels aan; nieuwe deelnemers komen ook in het traject.`,
      ),
      input(
        'moderatoren',
        'Moderatoren (één per regel: naam; e-mail; max. interviews)',
        textArea('value', moderators.join('\n'), 'Mies Bakker; mies@vng.nl; 4'),
      ),
      input(
        'tijdvakken',
        'Tijdvakken (één per regel: JJJJ-MM-DD UU:MM-UU:MM)',
        textArea('value', '', '2027-02-02 09:30-10:30'),
        `Nederlandse tijd; hoogstens ${MAX_SLOTS} tijdvakken.`,
      ),
      input(
        'deadline',
        'Beschikbaarheid doorgeven vóór',
        {
          type: 'datetimepicker',
          action_id: 'value',
          initial_date_time: Math.floor(defaultDeadline.getTime() / 1000),
        },
        'Dan wordt de ronde ingepland, ook als nog niet iedereen antwoordde.',
      ),
      input(
        'buffer',
        'Minuten tussen twee interviews van één persoon',
        {
          type: 'number_input',
          action_id: 'value',
          is_decimal_allowed: false,
          initial_value: String(DEFAULT_BUFFER_MINUTES),
          min_value: '0',
          max_value: '240',
        },
        undefined,
        true,
      ),
    ],
  };
  return view;
}

type ViewState = Record<
  string,
  Record<string, { value?: string | null; selected_date_time?: number | null }>
>;

function field(state: ViewState, blockId: string) {
  return state[blockId]?.value;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

const EMAIL = /^[^\s@;]+@[^\s@;]+\.[^\s@;]+$/;
const SLOT_LINE = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})$/;

/** A real calendar date (2026-12-32 and 2027-02-30 are not). */
function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** A time of day 00:00–23:59. */
function isTimeOfDay(value: string): boolean {
  const [h = '', m = ''] = value.replace('.', ':').split(':');
  return Number(h) <= 23 && Number(m) <= 59;
}

function hhmm(value: string): string {
  const [h = '0', m = '0'] = value.replace('.', ':').split(':');
  return `${h.padStart(2, '0')}:${m}`;
}

/**
 * Reads the submitted modal. Problems come back per block, in Dutch, naming the line, so Slack shows them
 * under the field (`response_action: errors`); nothing is stored until the whole form is right.
 */
export function parsePlanSubmission(
  state: ViewState,
  metadata: PlanModalMetadata,
  traject: TrajectRecord,
  now: Date,
): { ok: true; value: PlanSubmission } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const byEmail = new Map(
    traject.participants
      .filter((person) => person.email)
      .map((person) => [normaliseEmail(person.email!), person]),
  );
  // Ids of the traject's people are taken: a new person never overwrites someone else.
  const usedIds = new Set<string>(traject.participants.map((person) => person.id));
  const personId = (name: string, email: string, prefix: string) => {
    const known = byEmail.get(email);
    if (known) return known.id;
    const base = `${prefix}-${slug(email.split('@')[0] ?? name) || 'persoon'}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  const lines = (blockId: string) =>
    (field(state, blockId)?.value ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);

  const seenEmails = new Set<string>();
  const participants: PlannedPerson[] = [];
  lines('deelnemers').forEach((line, index) => {
    if (errors.deelnemers) return;
    const [name = '', rawEmail = '', rawPerspective = ''] = line.split(';').map((part) => part.trim());
    const email = normaliseEmail(rawEmail);
    const perspective = PERSPECTIVE_WORDS.get(rawPerspective.toLowerCase());
    if (!name) errors.deelnemers = `Regel ${index + 1}: de naam ontbreekt.`;
    else if (!EMAIL.test(email)) errors.deelnemers = `Regel ${index + 1} (${name}): geen geldig e-mailadres.`;
    else if (!perspective)
      errors.deelnemers = `Regel ${index + 1} (${name}): onbekend perspectief "${rawPerspective}".`;
    else if (seenEmails.has(email))
      errors.deelnemers = `Regel ${index + 1} (${name}): dit e-mailadres staat er al.`;
    else {
      seenEmails.add(email);
      participants.push({ id: personId(name, email, 'p'), name, email, perspective });
    }
  });
  if (!errors.deelnemers && participants.length < 2) errors.deelnemers = 'Geef ten minste twee deelnemers.';

  const moderators: PlannedPerson[] = [];
  lines('moderatoren').forEach((line, index) => {
    if (errors.moderatoren) return;
    const [name = '', rawEmail = '', rawMax = ''] = line.split(';').map((part) => part.trim());
    const email = normaliseEmail(rawEmail);
    const maxInterviews = rawMax === '' ? DEFAULT_MAX_INTERVIEWS : Number(rawMax);
    if (!name) errors.moderatoren = `Regel ${index + 1}: de naam ontbreekt.`;
    else if (!EMAIL.test(email))
      errors.moderatoren = `Regel ${index + 1} (${name}): geen geldig e-mailadres.`;
    else if (!Number.isInteger(maxInterviews) || maxInterviews < 1 || maxInterviews > 50)
      errors.moderatoren = `Regel ${index + 1} (${name}): het maximum is een geheel getal van 1 tot 50.`;
    else if (seenEmails.has(email))
      errors.moderatoren = `Regel ${index + 1} (${name}): dit e-mailadres staat er al.`;
    else {
      seenEmails.add(email);
      moderators.push({ id: personId(name, email, 'm'), name, email, maxInterviews });
    }
  });
  if (!errors.moderatoren && moderators.length === 0) errors.moderatoren = 'Geef ten minste één moderator.';

  const slots: Array<{ id: string; start: string; end: string }> = [];
  lines('tijdvakken').forEach((line, index) => {
    if (errors.tijdvakken) return;
    const match = SLOT_LINE.exec(line);
    if (!match) {
      errors.tijdvakken = `Regel ${index + 1}: schrijf een tijdvak als 2027-02-02 09:30-10:30.`;
      return;
    }
    const [, date, from, to] = match as unknown as [string, string, string, string];
    // Checked here, before the acknowledgement: a date that does not exist must not reach the calendar code.
    if (!isCalendarDate(date)) {
      errors.tijdvakken = `Regel ${index + 1}: ${date} bestaat niet; schrijf een datum als 2027-02-02.`;
      return;
    }
    if (!isTimeOfDay(from) || !isTimeOfDay(to)) {
      errors.tijdvakken = `Regel ${index + 1}: de tijden kloppen niet; schrijf een tijdvak als 2027-02-02 09:30-10:30.`;
      return;
    }
    slots.push({ id: `s${index + 1}`, start: `${date}T${hhmm(from)}`, end: `${date}T${hhmm(to)}` });
  });
  if (!errors.tijdvakken && slots.length === 0) errors.tijdvakken = 'Geef ten minste één tijdvak.';
  if (!errors.tijdvakken && slots.length > MAX_SLOTS)
    errors.tijdvakken = `Hoogstens ${MAX_SLOTS} tijdvakken per ronde.`;

  const deadlineSeconds = state.deadline?.value?.selected_date_time;
  const deadline = typeof deadlineSeconds === 'number' ? new Date(deadlineSeconds * 1000) : undefined;
  if (!deadline) errors.deadline = 'Kies een datum en tijd.';
  else if (deadline.getTime() <= now.getTime()) errors.deadline = 'De uiterste datum ligt in het verleden.';

  const rawBuffer = field(state, 'buffer')?.value;
  const bufferMinutes =
    rawBuffer === undefined || rawBuffer === null || rawBuffer === ''
      ? DEFAULT_BUFFER_MINUTES
      : Number(rawBuffer);
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0 || bufferMinutes > 240)
    errors.buffer = 'Een geheel aantal minuten van 0 tot 240.';

  if (!errors.tijdvakken && !errors.deadline && deadline) {
    const first = [...slots].sort((a, b) => a.start.localeCompare(b.start))[0]!;
    const [date, time] = first.start.split('T') as [string, string];
    if (amsterdamToUtc(date, time).getTime() <= deadline.getTime()) {
      errors.deadline = `De uiterste datum ligt na het eerste tijdvak (${formatSlotLabel(first.start, first.end, 'nl')}).`;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const round: DuoRoundInput = {
    slots,
    participants: participants.map((person) => ({
      id: person.id,
      name: person.name,
      perspective: person.perspective!,
      available: [],
    })),
    moderators: moderators.map((person) => ({
      id: person.id,
      name: person.name,
      available: [],
      maxInterviews: person.maxInterviews!,
    })),
    rules: { interviewsPerParticipant: 1, bufferMinutes },
  };
  try {
    parseDuoRound(round);
  } catch (error) {
    if (error instanceof ValidationError)
      return { ok: false, errors: { tijdvakken: error.issues[0]?.message ?? error.message } };
    throw error;
  }
  return {
    ok: true,
    value: {
      trajectId: traject.id,
      ...(metadata.channelId ? { channelId: metadata.channelId } : {}),
      participants,
      moderators,
      round,
      deadline: (deadline as Date).toISOString(),
    },
  };
}

/** The value of a swap option in the move modal: `wissel:<index of the other interview>`. */
export const SWAP_PREFIX = 'wissel:';

/**
 * A modal to move one interview to another slot of the round, or to swap slots with another interview.
 * Slack's select holds 100 options: the slots first, then the interviews to swap with.
 */
export function moveModal(
  metadata: { roundId: string; index: number; channelId?: string; sequence?: number },
  slots: ReadonlyArray<{ id: string; start: string; end: string }>,
  current: string,
  title: string,
  others: ReadonlyArray<{ index: number; label: string }> = [],
): ModalView {
  const option = (text: string, value: string) => ({
    text: { type: 'plain_text' as const, text: truncate(text, BLOCK_LIMITS.optionTextLength) },
    value,
  });
  const slotOptions = slots
    .filter((slot) => slot.id !== current)
    .map((slot) => option(formatSlotLabel(slot.start, slot.end, 'nl'), slot.id));
  const swapOptions = others.map((other) =>
    option(`Wisselen met ${other.index + 1}: ${other.label}`, `${SWAP_PREFIX}${other.index}`),
  );
  const groups = [
    ...(slotOptions.length
      ? [{ label: { type: 'plain_text' as const, text: 'Naar tijdvak' }, options: slotOptions }]
      : []),
    ...(swapOptions.length
      ? [{ label: { type: 'plain_text' as const, text: 'Wisselen met interview' }, options: swapOptions }]
      : []),
  ];
  // Option groups share the 100-option limit; slots keep their room first.
  let room: number = BLOCK_LIMITS.selectOptions;
  const bounded = groups
    .map((group) => {
      const kept = group.options.slice(0, room);
      room -= kept.length;
      return { ...group, options: kept };
    })
    .filter((group) => group.options.length > 0);
  return {
    type: 'modal',
    callback_id: MOVE_CALLBACK,
    title: { type: 'plain_text', text: modalTitle('Interview verplaatsen') },
    submit: { type: 'plain_text', text: modalTitle('Verplaatsen') },
    close: { type: 'plain_text', text: modalTitle('Annuleren') },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      blocks.section(title),
      input(
        'tijdvak',
        'Nieuw tijdvak, of wisselen',
        { type: 'static_select', action_id: 'value', option_groups: bounded },
        'Alleen wat alle betrokkenen kunnen en waarbij niemand dan al een ander interview heeft, wordt geaccepteerd.',
      ),
    ],
  };
}
