import { type Lang, PERSPECTIVE_LABELS, PERSPECTIVES, parseWith } from '@visieleren/core';
import { z } from 'zod';
import { defineForm, type FormDefinition } from '../definition/schema.js';
import { l } from './text.js';

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'verwacht datum en tijd als JJJJ-MM-DDTUU:MM (Nederlandse tijd)');

/** A slot for a duo-interview, in Amsterdam local time (the same shape the duo scheduler takes). */
export const availabilitySlotSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'verwacht kleine letters, cijfers en streepjes'),
    start: localDateTime,
    end: localDateTime,
  })
  .refine((slot) => slot.end > slot.start, { message: 'het einde ligt niet na het begin', path: ['end'] });
export type AvailabilitySlot = z.infer<typeof availabilitySlotSchema>;

const slotsSchema = z
  .array(availabilitySlotSchema)
  .min(1, 'geef ten minste één tijdvak')
  .max(100, 'maximaal 100 tijdvakken per formulier')
  .refine(
    (slots) => new Set(slots.map((slot) => slot.id)).size === slots.length,
    'tijdvak-ids moeten uniek zijn',
  );

/** "dinsdag 3 maart 2026, 09:30–11:00": the local wall-clock time, as people in the gemeente read it. */
export function slotLabel(slot: AvailabilitySlot, lang: Lang): string {
  const [date = '', startTime = ''] = slot.start.split('T');
  const [endDate = '', endTime = ''] = slot.end.split('T');
  // The strings are already Amsterdam wall-clock time; formatting them as UTC avoids a second conversion.
  const day = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
  const end = endDate === date ? endTime : `${endDate} ${endTime}`;
  return `${day}, ${startTime}–${end}`;
}

/**
 * Availability for the duo-interviews of one round: the slots come from the plan, so each round gets its
 * own form. Option values are the slot ids the duo scheduler uses.
 */
export function availabilityForm(slots: unknown, lang: Lang = 'nl'): FormDefinition {
  const parsed = parseWith(slotsSchema, slots, lang === 'nl' ? 'De tijdvakken' : 'The slots', lang);
  const sorted = [...parsed].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  return defineForm({
    id: 'beschikbaarheid',
    version: '2026.1',
    title: l('Beschikbaarheid duo-interviews', 'Availability for duo interviews'),
    intro: l(
      'In de duo-interviewfase interviewen vertegenwoordigers van verschillende perspectieven elkaar in tweetallen, onder leiding van een moderator. Geef aan wanneer u kunt; wij maken de indeling.',
      'In the duo-interview phase, representatives of different perspectives interview each other in pairs, led by a moderator. Tell us when you are available; we will make the schedule.',
    ),
    sections: [
      {
        id: 'deelnemer',
        title: l('Over u', 'About you'),
        questions: [
          { kind: 'short-text', id: 'naam', label: l('Uw naam', 'Your name'), required: true },
          {
            kind: 'single-choice',
            id: 'perspectief',
            label: l('Vanuit welk perspectief praat u mee?', 'From which perspective do you take part?'),
            help: l(
              "Duo's worden gevormd uit verschillende perspectieven.",
              'Pairs are formed from different perspectives.',
            ),
            required: true,
            options: PERSPECTIVES.map((perspective) => ({
              value: perspective,
              label: PERSPECTIVE_LABELS[perspective],
            })),
          },
        ],
      },
      {
        id: 'tijdvakken',
        title: l('Tijdvakken', 'Time slots'),
        questions: [
          {
            kind: 'multiple-choice',
            id: 'tijdvakken',
            label: l('Op welke momenten kunt u?', 'When are you available?'),
            help: l(
              'Kies alle tijdvakken waarop u kunt. Hoe meer, hoe beter de indeling lukt.',
              'Choose every slot you can make. The more, the better the schedule.',
            ),
            required: true,
            options: sorted.map((slot) => ({
              value: slot.id,
              label: { nl: slotLabel(slot, 'nl'), en: slotLabel(slot, 'en') },
            })),
          },
          {
            kind: 'long-text',
            id: 'opmerkingen',
            label: l('Opmerkingen', 'Remarks'),
            help: l(
              'Bijvoorbeeld: liever niet twee interviews op één dag.',
              'For example: preferably not two interviews on one day.',
            ),
            maxLength: 1000,
          },
        ],
      },
    ],
  });
}

/** A small set of slots for previews and the CLI; real rounds take their slots from the plan. */
export const SAMPLE_SLOTS: AvailabilitySlot[] = [
  { id: 'di-0930', start: '2026-03-03T09:30', end: '2026-03-03T11:00' },
  { id: 'di-1330', start: '2026-03-03T13:30', end: '2026-03-03T15:00' },
  { id: 'wo-1000', start: '2026-03-04T10:00', end: '2026-03-04T11:30' },
  { id: 'do-0930', start: '2026-03-05T09:30', end: '2026-03-05T11:00' },
  { id: 'do-1400', start: '2026-03-05T14:00', end: '2026-03-05T15:30' },
];
