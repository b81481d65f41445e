import {
  combinationLabel,
  type DuoPlan,
  type DuoRound,
  defineMessages,
  formatSlotLabel,
  LANGUAGES,
  type Lang,
  PERSPECTIVE_LABELS,
  parseDuoRound,
  planDuoRound,
} from '@visieleren/core';
import { type Command, oneOf, requireOption } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';

const text = defineMessages({
  title: { nl: 'Duo-interviews ({count})', en: 'Duo interviews ({count})' },
  slot: { nl: 'Tijdslot', en: 'Slot' },
  first: { nl: 'Deelnemer', en: 'Participant' },
  second: { nl: 'Deelnemer', en: 'Participant' },
  moderator: { nl: 'Moderator', en: 'Moderator' },
  none: { nl: '  (geen duo-interviews mogelijk)', en: '  (no duo interviews possible)' },
  unplaced: { nl: 'Niet ingepland ({count})', en: 'Not scheduled ({count})' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
  combinations: { nl: 'Perspectiefcombinaties', en: 'Perspective combinations' },
  preferred: { nl: 'voorkeur', en: 'preferred' },
  preferredMissing: {
    nl: 'Voorkeurscombinaties gedekt: {covered} van {requested}',
    en: 'Preferred combinations covered: {covered} of {requested}',
  },
  optimal: {
    nl: 'Dit is het hoogst haalbare aantal interviews (bovengrens {bound}).',
    en: 'This is the highest possible number of interviews (upper bound {bound}).',
  },
  notProven: {
    nl: 'Bovengrens: {bound} interviews; meer is misschien niet haalbaar, maar niet bewezen.',
    en: 'Upper bound: {bound} interviews; more may not be possible, but that is not proven.',
  },
});

function pad(value: string, width: number): string {
  return value + ' '.repeat(Math.max(0, width - [...value].length));
}

/** The schedule as a readable table, then whom it could not place and why, then the summary. */
export function renderDuoPlan(round: DuoRound, plan: DuoPlan, lang: Lang): string {
  const participant = new Map(round.participants.map((person) => [person.id, person]));
  const moderator = new Map(round.moderators.map((person) => [person.id, person]));
  const slot = new Map(round.slots.map((item) => [item.id, item]));
  const who = (id: string) => {
    const person = participant.get(id)!;
    return `${person.name} (${PERSPECTIVE_LABELS[person.perspective][lang]})`;
  };
  const rows = plan.interviews.map((interview) => {
    const { start, end } = slot.get(interview.slot)!;
    return [
      formatSlotLabel(start, end, lang),
      who(interview.participants[0]),
      who(interview.participants[1]),
      moderator.get(interview.moderator)!.name,
    ];
  });
  const header = [text('slot', lang), text('first', lang), text('second', lang), text('moderator', lang)];
  const widths = header.map((title, column) =>
    Math.max([...title].length, ...rows.map((row) => [...row[column]!].length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column]!))).join('  ')}`;

  const out = [text('title', lang, { count: plan.interviews.length }), ''];
  if (rows.length === 0) out.push(text('none', lang));
  else out.push(line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line));

  if (plan.unplaced.length > 0) {
    out.push('', text('unplaced', lang, { count: plan.unplaced.length }), '');
    for (const entry of plan.unplaced) out.push(`  ${who(entry.id)}: ${entry.reason}`);
  }

  const { summary } = plan;
  out.push('', text('summary', lang), '', `  ${summary.text}`);
  if (summary.combinations.length > 0) {
    const combos = summary.combinations.map(
      (combination) =>
        `${combinationLabel(combination, lang)} (${combination.interviews}${combination.preferred ? `, ${text('preferred', lang)}` : ''})`,
    );
    out.push(`  ${text('combinations', lang)}: ${combos.join('; ')}`);
  }
  if (summary.preferredRequested > 0) {
    out.push(
      `  ${text('preferredMissing', lang, { covered: summary.preferredCovered, requested: summary.preferredRequested })}`,
    );
  }
  out.push(`  ${text(summary.provenOptimal ? 'optimal' : 'notProven', lang, { bound: summary.upperBound })}`);
  return `${out.join('\n')}\n`;
}

export const duoPlanCommand: Command = {
  path: ['duo', 'plan'],
  summary: 'Een ronde duo-interviews plannen: paren, tijdsloten en moderatoren',
  help: `Gebruik: visieleren duo plan --invoer RONDE.json [--json] [--taal nl|en]

Plant duo-interviews: telkens twee deelnemers met een verschillend perspectief, met een moderator, in een
tijdslot waarop alle drie kunnen. Niemand staat dubbel of te kort na elkaar ingepland (rules.bufferMinutes),
een moderator krijgt nooit meer dan maxInterviews, en paren uit rules.avoidPairs of eerdere rondes
(rules.previousPairs) komen niet voor. Eerst zo veel mogelijk deelnemers, dan zo veel mogelijk verschillende
perspectiefcombinaties (voorkeurscombinaties eerst), dan een zo gelijk mogelijke verdeling over moderatoren.
Wie niet past, krijgt een reden. Dezelfde invoer geeft altijd hetzelfde rooster.

Opties:
  --invoer BESTAND  de ronde als JSON: slots, participants, moderators, rules (zie het voorbeeld)
  --json            het rooster als JSON in plaats van een tabel
  --taal nl|en      taal van de uitvoer (standaard nl)

Tijden zijn lokale tijden in Europe/Amsterdam, als JJJJ-MM-DDTUU:MM.
Perspectieven: bestuur, management, beleid, uitvoering, inwoner, partner.

Voorbeeld:
  visieleren duo plan --invoer apps/server/examples/duo-round.json
`,
  aliases: { input: 'invoer', lang: 'taal' },
  options: { invoer: { type: 'string' }, json: { type: 'boolean' }, taal: { type: 'string' } },
  async run({ values, io }) {
    const path = requireOption(values, 'invoer');
    const lang = oneOf(values, 'taal', LANGUAGES, 'nl');
    const input = await readJsonArgument(io.cwd, 'invoer', path);
    const plan = planDuoRound(input, { lang });
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    } else {
      io.stdout.write(renderDuoPlan(parseDuoRound(input, lang), plan, lang));
    }
    return 0;
  },
};
