import { defineMessages } from '@visieleren/core';

/** "1 traject", "2 trajecten": the word for a count, singular or plural, in both languages. */
export function counted(count: number): {
  trajecten: string;
  trajects: string;
  werkdagen: string;
  workingDays: string;
} {
  const one = count === 1;
  return {
    trajecten: one ? 'traject' : 'trajecten',
    trajects: one ? 'traject' : 'trajects',
    werkdagen: one ? 'werkdag' : 'werkdagen',
    workingDays: one ? 'working day' : 'working days',
  };
}

/** Every text the Slack app shows, Dutch first. The VNG team works in Dutch; `en` is there for guests. */
export const t = defineMessages({
  refusal: {
    nl: 'Deze app is er alleen voor de werkruimte van het visieleerteam van de VNG. Neem gerust contact op met het visieleerteam als u denkt dat dit niet klopt.',
    en: "This app only serves the VNG vision-learning team's workspace. Please contact the team if you think this is wrong.",
  },
  help: {
    nl: [
      '*/visieleren* — het portfolio en de duo-interviews in Slack',
      '• `/visieleren trajecten` — alle trajecten met fase, volgende sessie, achterstand en uitloop',
      '• `/visieleren status <gemeente>` — één traject en zijn duo-rondes',
      '• `/visieleren duo plan <gemeente>` — een ronde duo-interviews plannen',
      '• `/visieleren koppel <gemeente>` — dit kanaal wordt het kanaal van het traject',
      '• `/visieleren teams-code <gemeente>` — eenmalige code om een Teams-kanaal te koppelen',
    ].join('\n'),
    en: [
      '*/visieleren* — the portfolio and the duo interviews in Slack',
      '• `/visieleren trajecten` — every traject with phase, next session, overdue items and slip',
      '• `/visieleren status <gemeente>` — one traject and its duo rounds',
      '• `/visieleren duo plan <gemeente>` — plan a round of duo interviews',
      '• `/visieleren koppel <gemeente>` — this channel becomes the traject’s channel',
      '• `/visieleren teams-code <gemeente>` — one-time code to link a Teams channel',
    ].join('\n'),
  },
  unknownCommand: {
    nl: 'Dat commando ken ik niet: `{command}`. Typ `/visieleren help` voor wat wel kan.',
    en: 'Unknown command: `{command}`. Type `/visieleren help` to see what works.',
  },
  needGemeente: {
    nl: 'Noem de gemeente, bijvoorbeeld `/visieleren {command} Hoorn`.',
    en: 'Name the municipality, e.g. `/visieleren {command} Hoorn`.',
  },
  noTraject: {
    nl: 'Geen traject gevonden voor "{query}". Typ `/visieleren trajecten` voor de lijst.',
    en: 'No traject found for "{query}". Type `/visieleren trajecten` for the list.',
  },
  manyTrajecten: {
    nl: '"{query}" past bij meer trajecten: {names}. Wees specifieker.',
    en: '"{query}" matches several trajects: {names}. Please be more specific.',
  },
  linked: {
    nl: 'Dit kanaal is nu het kanaal van het traject *{name}*: herinneringen en duo-roosters komen hier.',
    en: 'This channel is now the channel of *{name}*: reminders and duo schedules go here.',
  },
  notInChannel: {
    nl: 'De Visieleren-app is nog geen lid van dit kanaal, dus herinneringen en roosters van *{name}* zouden hier niet aankomen. Typ `/invite @Visieleren` en daarna opnieuw `/visieleren koppel {gemeente}`.',
    en: 'The Visieleren app is not a member of this channel yet, so reminders and schedules of *{name}* would not arrive here. Type `/invite @Visieleren`, then `/visieleren koppel {gemeente}` again.',
  },
  planChannelWithoutBot: {
    nl: 'Let op: de Visieleren-app is geen lid van dit kanaal. Typ `/invite @Visieleren`, dan komen de stand en het rooster van de duo-ronde hier; tot dan hoort u het per DM.',
    en: 'Note: the Visieleren app is not a member of this channel. Type `/invite @Visieleren` so the round’s status and schedule appear here; until then you hear by DM.',
  },
  teamsCode: {
    nl: 'Eenmalige code voor het Teams-kanaal van *{name}*: *{code}* (geldig tot {until}). Typ in Teams: `koppel {code}`.',
    en: 'One-time code for the Teams channel of *{name}*: *{code}* (valid until {until}). Type in Teams: `koppel {code}`.',
  },
  failed: {
    nl: 'Dat lukte niet: {reason}',
    en: 'That did not work: {reason}',
  },
  portfolioHeader: { nl: 'Trajecten van het visieleerteam', en: 'Vision-learning trajects' },
  portfolioIntro: {
    nl: '{count} {trajecten}. Fase, volgende sessie, achterstallige punten en uitloop komen uit het plan.',
    en: '{count} {trajects}. Phase, next session, overdue items and slip come from the plan.',
  },
  portfolioMore: {
    nl: 'En nog {count} {trajecten}: typ `/visieleren trajecten` voor de hele lijst.',
    en: 'And {count} more: type `/visieleren trajecten` for the full list.',
  },
  open: { nl: 'Openen', en: 'Open' },
  planRound: { nl: 'Duo-ronde plannen', en: 'Plan duo round' },
  noPhase: { nl: 'geen lopende fase', en: 'no running phase' },
  phase: { nl: 'Fase: {phase}', en: 'Phase: {phase}' },
  nextSession: { nl: 'volgende sessie: {session} op {date}', en: 'next session: {session} on {date}' },
  noNextSession: { nl: 'geen sessie gepland', en: 'no session planned' },
  overdue: { nl: '{count} te laat', en: '{count} overdue' },
  noOverdue: { nl: 'niets te laat', en: 'nothing overdue' },
  slip: { nl: '{days} {werkdagen} uitloop', en: '{days} {workingDays} slip' },
  onTime: { nl: 'op schema', en: 'on schedule' },
  closed: { nl: 'afgesloten ({status})', en: 'closed ({status})' },
  rounds: { nl: 'Duo-rondes: {rounds}', en: 'Duo rounds: {rounds}' },
  noRounds: { nl: 'nog geen duo-ronde', en: 'no duo round yet' },
});
