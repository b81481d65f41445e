import { defineMessages } from '../i18n/index.js';

/** Every user-facing text of the duo-interview scheduler, Dutch first. */
export const duoMessage = defineMessages({
  // Input validation (cross-field checks; zod's own messages cover types and shapes).
  localDateTime: {
    nl: 'verwacht een lokale tijd als JJJJ-MM-DDTUU:MM (Europe/Amsterdam), bijvoorbeeld 2027-02-01T09:00',
    en: 'expected a local time as YYYY-MM-DDTHH:mm (Europe/Amsterdam), e.g. 2027-02-01T09:00',
  },
  endBeforeStart: {
    nl: 'het einde ({end}) ligt niet na het begin ({start})',
    en: 'the end ({end}) is not after the start ({start})',
  },
  duplicateSlotId: {
    nl: 'tijdslot-id "{id}" komt vaker voor (ook bij slots.{first})',
    en: 'slot id "{id}" occurs more than once (also at slots.{first})',
  },
  duplicatePersonId: {
    nl: 'id "{id}" komt vaker voor (ook bij {first}); deelnemers en moderatoren hebben elk een eigen id',
    en: 'id "{id}" occurs more than once (also at {first}); participants and moderators each need their own id',
  },
  unknownSlot: {
    nl: 'onbekend tijdslot "{id}"; bekende tijdsloten staan in slots',
    en: 'unknown slot "{id}"; known slots are listed in slots',
  },
  duplicateAvailable: {
    nl: 'tijdslot "{id}" staat dubbel in de beschikbaarheid',
    en: 'slot "{id}" is listed twice in the availability',
  },
  unknownParticipant: {
    nl: 'onbekende deelnemer "{id}"',
    en: 'unknown participant "{id}"',
  },
  samePersonTwice: {
    nl: 'een paar bestaat uit twee verschillende deelnemers, niet twee keer "{id}"',
    en: 'a pair consists of two different participants, not "{id}" twice',
  },
  samePerspectiveTwice: {
    nl: 'een combinatie bestaat uit twee verschillende perspectieven, niet twee keer "{id}"',
    en: 'a combination consists of two different perspectives, not "{id}" twice',
  },
  // Reasons for people who could not be placed; each is checked against the input by a test.
  reasonNoSlots: {
    nl: 'geen beschikbare tijdsloten opgegeven',
    en: 'no available slots given',
  },
  reasonNoPartner: {
    nl: 'geen deelnemer met een ander perspectief die op hetzelfde moment kan',
    en: 'no participant with a different perspective is available at the same time',
  },
  reasonNoModerator: {
    nl: 'geen moderator beschikbaar op de momenten waarop een partner kan ({slots})',
    en: 'no moderator available at the times a partner can make ({slots})',
  },
  reasonAllExcluded: {
    nl: 'alle passende combinaties zijn uitgesloten (avoidPairs/eerdere rondes): {people}',
    en: 'every fitting combination is excluded (avoidPairs/earlier rounds): {people}',
  },
  reasonCapacity: {
    nl: 'kon niet worden ingepland zonder een ander te verdringen: {details}',
    en: 'could not be scheduled without displacing someone else: {details}',
  },
  detailPartnersTaken: {
    nl: 'passende partners al ingepland ({people})',
    en: 'fitting partners already scheduled ({people})',
  },
  detailModeratorsFull: {
    nl: 'moderatoren vol ({people})',
    en: 'moderators at their maximum ({people})',
  },
  detailModeratorsBusy: {
    nl: 'moderatoren bezet op {slots}',
    en: 'moderators busy at {slots}',
  },
  summaryText: {
    nl: '{interviews} duo-interviews gepland; {placed} van {participants} deelnemers ingepland, {unplaced} niet; {combinations} verschillende perspectiefcombinaties; moderatoren {loads}.',
    en: '{interviews} duo interviews planned; {placed} of {participants} participants scheduled, {unplaced} not; {combinations} distinct perspective combinations; moderators {loads}.',
  },
  noModerators: {
    nl: 'geen',
    en: 'none',
  },
});
