import { defineMessages, type Lang } from '@visieleren/core';
import { card, execute, heading, type Json, subheading, text, VERBS } from './elements.js';

const t = defineMessages({
  welcomeTitle: { nl: 'Welkom bij Visieleren', en: 'Welcome to Visieleren' },
  welcome: {
    nl: 'Ik help uw gemeente en het visieleerteam van de VNG tijdens het visieleertraject: ik herinner aan wat de volgende fase vraagt, en u houdt hier de checklist, de uren en het VIT bij.',
    en: 'I help your municipality and the VNG team during the traject: I remind you of what the next phase asks, and you keep the checklist, the hours and the VIT here.',
  },
  linkFirst: {
    nl: 'Koppel dit gesprek eerst aan uw traject: typ {koppel} gevolgd door de code die u van het visieleerteam kreeg, bijvoorbeeld {example}.',
    en: 'First link this conversation to your traject: type {koppel} followed by the code the VNG team gave you, e.g. {example}.',
  },
  mentionHint: {
    nl: 'In een kanaal leest de bot alleen berichten waarin hij genoemd wordt: typ **@Visieleren** en kies de bot, dan de opdracht.',
    en: 'In a channel the bot only reads messages that mention it: type **@Visieleren** and pick the bot, then the command.',
  },
  helpTitle: { nl: 'Wat kan ik voor u doen?', en: 'What can I do for you?' },
  linkedTo: {
    nl: 'Dit gesprek is gekoppeld aan: **{name}**.',
    en: 'This conversation is linked to: **{name}**.',
  },
  commands: { nl: 'Opdrachten', en: 'Commands' },
  cmdStatus: {
    nl: '{cmd}: de stand van zaken, de volgende sessie en de uitloop',
    en: '{cmd}: where things stand',
  },
  cmdChecklist: {
    nl: '{cmd}: de punten van de huidige fase, af te vinken op de kaart',
    en: '{cmd}: the items of the current phase',
  },
  cmdHours: {
    nl: '{cmd}: uren tegen de afspraken per rol, en uren schrijven',
    en: '{cmd}: hours against commitments',
  },
  cmdPlan: {
    nl: '{cmd}: fasen en sessies, gepland en verwacht',
    en: '{cmd}: phases and sessions',
  },
  cmdVit: {
    nl: '{cmd}: het VIT-profiel en de vragenlijst',
    en: '{cmd}: the VIT profile and questionnaire',
  },
  cmdLink: {
    nl: '{cmd} CODE: dit gesprek aan een traject koppelen',
    en: '{cmd} CODE: link this conversation',
  },
  cmdUnlink: { nl: '{cmd}: de koppeling opheffen', en: '{cmd}: remove the link' },
  cmdApply: {
    nl: '{cmd}: uw gemeente aanmelden voor een visieleertraject',
    en: '{cmd}: register your municipality for a traject',
  },
  cmdLanguage: {
    nl: '{cmd}: de taal van dit gesprek (Nederlands of Engels)',
    en: '{cmd}: the language of this conversation (Dutch or English)',
  },
  languageTitle: { nl: 'Taal', en: 'Language' },
  languageSet: {
    nl: 'De bot spreekt in dit gesprek voortaan Nederlands.',
    en: 'From now on the bot speaks English in this conversation.',
  },
  languageUnknown: {
    nl: 'Kies nl of en, bijvoorbeeld {example}.',
    en: 'Choose nl or en, e.g. {example}.',
  },
  unlinkedTitle: { nl: 'Nog niet gekoppeld', en: 'Not linked yet' },
  unlinked: {
    nl: 'Dit gesprek is nog niet aan een visieleertraject gekoppeld, dus ik kan hier nog niets laten zien.',
    en: 'This conversation is not linked to a traject yet, so there is nothing to show here.',
  },
  linkedTitle: { nl: 'Gekoppeld', en: 'Linked' },
  linked: {
    nl: 'Dit gesprek is nu gekoppeld aan **{name}**. Herinneringen voor dit traject komen voortaan hier.',
    en: 'This conversation is now linked to **{name}**. Reminders for this traject will arrive here.',
  },
  badCodeTitle: { nl: 'Code niet geaccepteerd', en: 'Code not accepted' },
  badCode: {
    nl: 'Deze code is onbekend, verlopen of al gebruikt. Vraag het visieleerteam om een nieuwe code.',
    en: 'This code is unknown, expired or already used. Ask the VNG team for a new code.',
  },
  noCode: {
    nl: 'Typ de code achter het woord koppel, bijvoorbeeld {example}.',
    en: 'Type the code after the word koppel, e.g. {example}.',
  },
  unlinkDoneTitle: { nl: 'Ontkoppeld', en: 'Unlinked' },
  unlinkDone: {
    nl: 'Dit gesprek is niet meer gekoppeld aan een traject; er komen hier geen herinneringen meer.',
    en: 'This conversation is no longer linked; no more reminders will arrive here.',
  },
  notLinkedToThis: {
    nl: 'Deze kaart hoort bij een traject waaraan dit gesprek niet (meer) gekoppeld is. Typ {status} voor de actuele stand.',
    en: 'This card belongs to a traject this conversation is not (or no longer) linked to. Type {status} for the current state.',
  },
  problemTitle: { nl: 'Dat lukte niet', en: 'That did not work' },
  status: { nl: 'Status', en: 'Status' },
  checklist: { nl: 'Checklist', en: 'Checklist' },
  hours: { nl: 'Uren', en: 'Hours' },
  plan: { nl: 'Planning', en: 'Plan' },
});

/**
 * Where a card is read decides how to ask for a command: Teams delivers a channel message to the bot only when
 * it is @mentioned; in a chat with the bot a plain word will do. Only Teams' Adaptive Card markdown is used
 * (bold, italic, lists, links): no code spans, no angle brackets.
 */
export type Place = 'channel' | 'chat';

function command(words: string, place: Place): string {
  return place === 'channel' ? `**@Visieleren ${words}**` : `**${words}**`;
}

function linkFirst(lang: Lang, place: Place): string {
  return t('linkFirst', lang, {
    koppel: command('koppel', place),
    example: command('koppel ABCD2345', place),
  });
}

export function welcomeCard(lang: Lang, place: Place): Json {
  return card([
    heading(t('welcomeTitle', lang)),
    text(t('welcome', lang)),
    text(linkFirst(lang, place)),
    ...commandList(lang, place),
  ]);
}

function commandList(lang: Lang, place: Place): Json[] {
  const lines = (
    [
      ['cmdStatus', 'status'],
      ['cmdChecklist', 'checklist'],
      ['cmdHours', 'uren'],
      ['cmdPlan', 'planning'],
      ['cmdVit', 'vit'],
      ['cmdLink', 'koppel'],
      ['cmdUnlink', 'ontkoppel'],
      ['cmdApply', 'aanmelden'],
      ['cmdLanguage', 'taal nl|en'],
    ] as const
  ).map(([key, words]) => `- ${t(key, lang, { cmd: command(words, place) })}`);
  return [
    subheading(t('commands', lang)),
    ...(place === 'channel' ? [text(t('mentionHint', lang), { isSubtle: true })] : []),
    text(lines.join('\n')),
  ];
}

export function helpCard(lang: Lang, place: Place, linked?: { trajectId: string; name: string }): Json {
  const body = [heading(t('helpTitle', lang))];
  body.push(text(linked ? t('linkedTo', lang, { name: linked.name }) : linkFirst(lang, place)));
  body.push(...commandList(lang, place));
  const actions = linked
    ? (
        [
          ['status', t('status', lang)],
          ['checklist', t('checklist', lang)],
          ['uren', t('hours', lang)],
          ['planning', t('plan', lang)],
        ] as const
      ).map(([view, title]) => execute(title, VERBS.show, { trajectId: linked.trajectId, view }))
    : [];
  return card(body, actions);
}

export function unlinkedCard(lang: Lang, place: Place): Json {
  return card([heading(t('unlinkedTitle', lang)), text(t('unlinked', lang)), text(linkFirst(lang, place))]);
}

export function linkedCard(lang: Lang, name: string): Json {
  return card([heading(t('linkedTitle', lang)), text(t('linked', lang, { name }))]);
}

export function badCodeCard(lang: Lang, missing: boolean, place: Place): Json {
  return card([
    heading(t('badCodeTitle', lang)),
    text(missing ? t('noCode', lang, { example: command('koppel ABCD2345', place) }) : t('badCode', lang)),
  ]);
}

export function unlinkDoneCard(lang: Lang): Json {
  return card([heading(t('unlinkDoneTitle', lang)), text(t('unlinkDone', lang))]);
}

export function notLinkedToThisCard(lang: Lang, place: Place): Json {
  return card([
    heading(t('unlinkedTitle', lang)),
    text(t('notLinkedToThis', lang, { status: command('status', place) })),
  ]);
}

export function languageCard(lang: Lang, place: Place, understood: boolean): Json {
  return card([
    heading(t('languageTitle', lang)),
    text(
      understood
        ? t('languageSet', lang)
        : t('languageUnknown', lang, { example: command('taal en', place) }),
    ),
  ]);
}

export function problemCard(lang: Lang, message: string): Json {
  return card([heading(t('problemTitle', lang)), text(message, { color: 'Attention' })]);
}
