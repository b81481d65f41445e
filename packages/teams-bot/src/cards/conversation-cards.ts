import { defineMessages, type Lang } from '@visieleren/core';
import { card, execute, heading, type Json, subheading, text, VERBS } from './elements.js';

const t = defineMessages({
  welcomeTitle: { nl: 'Welkom bij Visieleren', en: 'Welcome to Visieleren' },
  welcome: {
    nl: 'Ik help uw gemeente en het visieleerteam van de VNG tijdens het visieleertraject: ik herinner aan wat de volgende fase vraagt, en u houdt hier de checklist, de uren en het VIT bij.',
    en: 'I help your municipality and the VNG team during the traject: I remind you of what the next phase asks, and you keep the checklist, the hours and the VIT here.',
  },
  linkFirst: {
    nl: 'Koppel dit kanaal eerst aan uw traject: typ **koppel** gevolgd door de code die u van het visieleerteam kreeg, bijvoorbeeld `koppel ABCD2345`.',
    en: 'First link this channel to your traject: type **koppel** followed by the code the VNG team gave you, e.g. `koppel ABCD2345`.',
  },
  helpTitle: { nl: 'Wat kan ik voor u doen?', en: 'What can I do for you?' },
  linkedTo: {
    nl: 'Dit gesprek is gekoppeld aan: **{name}**.',
    en: 'This conversation is linked to: **{name}**.',
  },
  commands: { nl: 'Opdrachten', en: 'Commands' },
  cmdStatus: {
    nl: '**status**: de stand van zaken, de volgende sessie en de uitloop',
    en: '**status**: where things stand',
  },
  cmdChecklist: {
    nl: '**checklist**: de punten per fase, af te vinken op de kaart',
    en: '**checklist**: the items per phase',
  },
  cmdHours: {
    nl: '**uren**: uren tegen de afspraken per rol, en uren schrijven',
    en: '**uren**: hours against commitments',
  },
  cmdPlan: {
    nl: '**planning**: fasen en sessies, gepland en verwacht',
    en: '**planning**: phases and sessions',
  },
  cmdVit: {
    nl: '**vit**: het VIT-profiel en de vragenlijst',
    en: '**vit**: the VIT profile and questionnaire',
  },
  cmdLink: {
    nl: '**koppel <code>**: dit gesprek aan een traject koppelen',
    en: '**koppel <code>**: link this conversation',
  },
  cmdUnlink: { nl: '**ontkoppel**: de koppeling opheffen', en: '**ontkoppel**: remove the link' },
  cmdApply: {
    nl: '**aanmelden**: uw gemeente aanmelden voor een visieleertraject',
    en: '**aanmelden**: register your municipality for a traject',
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
    nl: 'Typ de code achter het woord koppel, bijvoorbeeld `koppel ABCD2345`.',
    en: 'Type the code after the word koppel, e.g. `koppel ABCD2345`.',
  },
  unlinkDoneTitle: { nl: 'Ontkoppeld', en: 'Unlinked' },
  unlinkDone: {
    nl: 'Dit gesprek is niet meer gekoppeld aan een traject; er komen hier geen herinneringen meer.',
    en: 'This conversation is no longer linked; no more reminders will arrive here.',
  },
  notLinkedToThis: {
    nl: 'Deze kaart hoort bij een traject waaraan dit gesprek niet (meer) gekoppeld is. Typ **status** voor de actuele stand.',
    en: 'This card belongs to a traject this conversation is not (or no longer) linked to. Type **status** for the current state.',
  },
  problemTitle: { nl: 'Dat lukte niet', en: 'That did not work' },
  status: { nl: 'Status', en: 'Status' },
  checklist: { nl: 'Checklist', en: 'Checklist' },
  hours: { nl: 'Uren', en: 'Hours' },
  plan: { nl: 'Planning', en: 'Plan' },
});

export function welcomeCard(lang: Lang): Json {
  return card([
    heading(t('welcomeTitle', lang)),
    text(t('welcome', lang)),
    text(t('linkFirst', lang)),
    ...commandList(lang),
  ]);
}

function commandList(lang: Lang): Json[] {
  return [
    subheading(t('commands', lang)),
    text(
      [
        t('cmdStatus', lang),
        t('cmdChecklist', lang),
        t('cmdHours', lang),
        t('cmdPlan', lang),
        t('cmdVit', lang),
        t('cmdLink', lang),
        t('cmdUnlink', lang),
        t('cmdApply', lang),
      ]
        .map((line) => `- ${line}`)
        .join('\n'),
    ),
  ];
}

export function helpCard(lang: Lang, linked?: { trajectId: string; name: string }): Json {
  const body = [heading(t('helpTitle', lang))];
  body.push(text(linked ? t('linkedTo', lang, { name: linked.name }) : t('linkFirst', lang)));
  body.push(...commandList(lang));
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

export function unlinkedCard(lang: Lang): Json {
  return card([heading(t('unlinkedTitle', lang)), text(t('unlinked', lang)), text(t('linkFirst', lang))]);
}

export function linkedCard(lang: Lang, name: string): Json {
  return card([heading(t('linkedTitle', lang)), text(t('linked', lang, { name }))]);
}

export function badCodeCard(lang: Lang, missing: boolean): Json {
  return card([heading(t('badCodeTitle', lang)), text(missing ? t('noCode', lang) : t('badCode', lang))]);
}

export function unlinkDoneCard(lang: Lang): Json {
  return card([heading(t('unlinkDoneTitle', lang)), text(t('unlinkDone', lang))]);
}

export function notLinkedToThisCard(lang: Lang): Json {
  return card([heading(t('unlinkedTitle', lang)), text(t('notLinkedToThis', lang))]);
}

export function problemCard(lang: Lang, message: string): Json {
  return card([heading(t('problemTitle', lang)), text(message, { color: 'Attention' })]);
}
