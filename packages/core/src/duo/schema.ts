import { z } from 'zod';
import type { Lang } from '../i18n/index.js';
import { perspectiveSchema } from '../model/vocabulary-schemas.js';
import { parseWith } from '../validation.js';
import { duoMessage } from './messages.js';
import { amsterdamToEpochMinutes, isLocalDateTime } from './slot-time.js';

const idSchema = z.string().trim().min(1);

function buildSchema(lang: Lang) {
  const localDateTime = z.string().refine(isLocalDateTime, duoMessage('localDateTime', lang));
  const slotSchema = z.object({ id: idSchema, start: localDateTime, end: localDateTime });
  const participantSchema = z.object({
    id: idSchema,
    name: z.string().trim().min(1),
    perspective: perspectiveSchema,
    available: z.array(idSchema),
  });
  const moderatorSchema = z.object({
    id: idSchema,
    name: z.string().trim().min(1),
    available: z.array(idSchema),
    maxInterviews: z.number().int().min(0),
  });
  const pairSchema = z.tuple([idSchema, idSchema]);
  const rulesSchema = z.object({
    interviewsPerParticipant: z.number().int().min(1).default(1),
    bufferMinutes: z.number().int().min(0).default(0),
    avoidPairs: z.array(pairSchema).default([]),
    previousPairs: z.array(pairSchema).default([]),
    preferredCombinations: z.array(z.tuple([perspectiveSchema, perspectiveSchema])).default([]),
  });

  return z
    .object({
      slots: z.array(slotSchema),
      participants: z.array(participantSchema),
      moderators: z.array(moderatorSchema),
      rules: rulesSchema.default({
        interviewsPerParticipant: 1,
        bufferMinutes: 0,
        avoidPairs: [],
        previousPairs: [],
        preferredCombinations: [],
      }),
    })
    .superRefine((round, ctx) => {
      const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

      const slotIndex = new Map<string, number>();
      round.slots.forEach((slot, index) => {
        const first = slotIndex.get(slot.id);
        if (first !== undefined)
          issue(['slots', index, 'id'], duoMessage('duplicateSlotId', lang, { id: slot.id, first }));
        else slotIndex.set(slot.id, index);
        // zod still runs this check when a time failed its own format check; skip those.
        const comparable = isLocalDateTime(slot.start) && isLocalDateTime(slot.end);
        if (comparable && amsterdamToEpochMinutes(slot.end) <= amsterdamToEpochMinutes(slot.start)) {
          issue(
            ['slots', index, 'end'],
            duoMessage('endBeforeStart', lang, { start: slot.start, end: slot.end }),
          );
        }
      });

      const personPath = new Map<string, string>();
      const checkPerson = (group: 'participants' | 'moderators', index: number, id: string) => {
        const first = personPath.get(id);
        if (first !== undefined)
          issue([group, index, 'id'], duoMessage('duplicatePersonId', lang, { id, first }));
        else personPath.set(id, `${group}.${index}`);
      };
      const checkAvailable = (group: 'participants' | 'moderators', index: number, available: string[]) => {
        const seen = new Set<string>();
        available.forEach((slotId, position) => {
          if (!slotIndex.has(slotId)) {
            issue([group, index, 'available', position], duoMessage('unknownSlot', lang, { id: slotId }));
          } else if (seen.has(slotId)) {
            issue(
              [group, index, 'available', position],
              duoMessage('duplicateAvailable', lang, { id: slotId }),
            );
          }
          seen.add(slotId);
        });
      };
      round.participants.forEach((participant, index) => {
        checkPerson('participants', index, participant.id);
        checkAvailable('participants', index, participant.available);
      });
      round.moderators.forEach((moderator, index) => {
        checkPerson('moderators', index, moderator.id);
        checkAvailable('moderators', index, moderator.available);
      });

      const participantIds = new Set(round.participants.map((participant) => participant.id));
      for (const list of ['avoidPairs', 'previousPairs'] as const) {
        round.rules[list].forEach((pair, index) => {
          pair.forEach((id, side) => {
            if (!participantIds.has(id)) {
              issue(['rules', list, index, side], duoMessage('unknownParticipant', lang, { id }));
            }
          });
          if (pair[0] === pair[1])
            issue(['rules', list, index], duoMessage('samePersonTwice', lang, { id: pair[0] }));
        });
      }
      round.rules.preferredCombinations.forEach((pair, index) => {
        if (pair[0] === pair[1]) {
          issue(
            ['rules', 'preferredCombinations', index],
            duoMessage('samePerspectiveTwice', lang, { id: pair[0] }),
          );
        }
      });
    });
}

const schemas = { nl: buildSchema('nl'), en: buildSchema('en') };

/** The input of one duo-interview round; also the file format of `visieleren duo plan`. */
export const duoRoundSchema = schemas.nl;
export type DuoRound = z.output<typeof duoRoundSchema>;
export type DuoRoundInput = z.input<typeof duoRoundSchema>;
export type DuoSlot = DuoRound['slots'][number];
export type DuoParticipant = DuoRound['participants'][number];
export type DuoModerator = DuoRound['moderators'][number];
export type DuoRules = DuoRound['rules'];

/** Parses untrusted input; throws a ValidationError naming every bad field (e.g. `participants.3.perspective`). */
export function parseDuoRound(input: unknown, lang: Lang = 'nl'): DuoRound {
  return parseWith(
    schemas[lang],
    input,
    lang === 'nl' ? 'De invoer van de duo-ronde' : 'The duo round input',
    lang,
  );
}
