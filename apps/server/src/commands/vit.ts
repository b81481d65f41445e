import {
  defaultVitBank,
  HANDVAT_KIND_LABELS,
  type Lang,
  localize,
  parseVitBank,
  scoreVit,
  ValidationError,
  VIT_NO,
  VIT_YES,
  type VitBank,
  type VitProfile,
  type VitQuestion,
} from '@visieleren/core';
import { type CliIo, type Command, oneOf, requireOption, UsageError } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';

const LANGS = ['nl', 'en'] as const;

const text = {
  nl: {
    scale: 'Schaal',
    stages: 'Ontwikkelstadia',
    average: 'gemiddelde',
    until: 'tot',
    through: 'tot en met',
    basis: 'Basisfunctionaliteiten',
    reverse: 'omgekeerd gescoord',
    open: 'open vraag',
    answerHint: `Antwoorden: een JSON-bestand met per vraag-id een getal van de schaal, "${VIT_YES}"/"${VIT_NO}" of tekst, bijvoorbeeld { "ps-leefgebieden": 4 }.`,
    profile: 'Profiel per uitgangspunt',
    columns: ['Uitgangspunt', 'Gemiddelde', 'Beantwoord', 'Ontwikkelstadium'],
    notEnough: (required: number) => `onvoldoende beantwoord (minstens ${required} nodig)`,
    priorities: 'Prioriteiten (laagste ontwikkelstadium eerst)',
    noPriorities: 'Nog geen prioriteiten: te weinig uitgangspunten zijn voldoende beantwoord.',
    unanswered: 'Onvoldoende beantwoord (geen oordeel, niet als laag meegeteld)',
    unansweredLine: (answered: number, required: number) =>
      `${answered} van de ${required} benodigde antwoorden`,
    remarks: 'Opmerkingen',
    bank: 'Vragenset',
    basisProfile: 'Basisfunctionaliteiten (indicatief, over alle uitgangspunten heen)',
    basisLine: (answered: number, questions: number) => `${answered} van ${questions} vragen beantwoord`,
  },
  en: {
    scale: 'Scale',
    stages: 'Development stages',
    average: 'average',
    until: 'up to',
    through: 'up to and including',
    basis: 'Basic functions',
    reverse: 'reverse scored',
    open: 'open question',
    answerHint: `Answers: a JSON file with, per question id, a number on the scale, "${VIT_YES}"/"${VIT_NO}" or text, e.g. { "ps-leefgebieden": 4 }.`,
    profile: 'Profile per principle',
    columns: ['Principle', 'Average', 'Answered', 'Development stage'],
    notEnough: (required: number) => `not enough answers (at least ${required} needed)`,
    priorities: 'Priorities (lowest development stage first)',
    noPriorities: 'No priorities yet: too few principles have enough answers.',
    unanswered: 'Not enough answers (no judgement, not counted as low)',
    unansweredLine: (answered: number, required: number) => `${answered} of the ${required} answers needed`,
    remarks: 'Remarks',
    bank: 'Question bank',
    basisProfile: 'Basic functions (indicative, across all principles)',
    basisLine: (answered: number, questions: number) => `${answered} of ${questions} questions answered`,
  },
} as const;

/** The bank from --bank, or our provisional default; a bad file names the option and the bad field. */
async function loadBank(io: CliIo, values: Record<string, unknown>, lang: Lang): Promise<VitBank> {
  const path = values.bank;
  if (path === undefined) return defaultVitBank;
  if (typeof path !== 'string' || path.trim() === '')
    throw new UsageError('Het argument --bank verwacht een pad.');
  const json = await readJsonArgument(io.cwd, 'bank', path);
  try {
    return parseVitBank(json, path, lang);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(`Het bestand bij --bank is geen geldige VIT-vragenset.\n${error.message}`);
    }
    throw error;
  }
}

/** Every rendering of a provisional bank starts with its notice, so nobody mistakes it for the official VIT. */
function noticeBlock(bank: Pick<VitBank, 'provisional' | 'notice' | 'title' | 'id' | 'version'>, lang: Lang) {
  const title = `${localize(bank.title, lang)} (${text[lang].bank.toLowerCase()} ${bank.id} ${bank.version})`;
  return bank.provisional ? [`⚠ ${localize(bank.notice, lang)}`, '', title] : [title];
}

function questionLine(question: VitQuestion, bank: VitBank, lang: Lang): string {
  const t = text[lang];
  const answer =
    question.kind === 'scale'
      ? `${bank.scale.min}-${bank.scale.max}`
      : question.kind === 'yes-no'
        ? `${VIT_YES}/${VIT_NO}`
        : t.open;
  const reverse = question.reverse ? `, ${t.reverse}` : '';
  const help = question.help ? `\n        ${localize(question.help, lang)}` : '';
  return `    - [${question.id}] ${localize(question.text, lang)} (${answer}${reverse})${help}`;
}

function questionsText(bank: VitBank, lang: Lang): string {
  const t = text[lang];
  const scale = bank.scale.labels
    .map((label, index) => `${bank.scale.min + index} = ${localize(label, lang)}`)
    .join(', ');
  // Stages are half-open except the last, which includes the top of the scale.
  const stages = bank.scale.stages.map((stage, index, all) => {
    const upTo = index === all.length - 1 ? t.through : t.until;
    const description = stage.description ? ` — ${localize(stage.description, lang)}` : '';
    return `  - ${localize(stage.name, lang)}: ${t.average} ${stage.fromScore} ${upTo} ${stage.toScore}${description}`;
  });
  const basis = bank.basisfunctionaliteiten.map(
    (item) => `  - ${localize(item.name, lang)}: ${localize(item.description, lang)}`,
  );
  const uitgangspunten = bank.uitgangspunten.map((uitgangspunt, index) =>
    [
      `${index + 1}. ${localize(uitgangspunt.name, lang)} — ${localize(uitgangspunt.description, lang)}`,
      ...uitgangspunt.questions.map((question) => questionLine(question, bank, lang)),
    ].join('\n'),
  );
  return [
    ...noticeBlock(bank, lang),
    '',
    `${t.scale}: ${scale}`,
    `${t.stages}:`,
    ...stages,
    ...(basis.length ? [`${t.basis}:`, ...basis] : []),
    '',
    uitgangspunten.join('\n\n'),
    '',
    t.answerHint,
  ].join('\n');
}

function formatScore(score: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(score);
}

function profileText(profile: VitProfile, bank: VitBank, lang: Lang): string {
  const t = text[lang];
  const rows = profile.uitgangspunten.map((result) => [
    localize(result.name, lang),
    result.average === null ? '—' : formatScore(result.average, lang),
    `${result.answered}/${result.scoredQuestions}`,
    result.stage ? localize(result.stage.name, lang) : t.notEnough(result.required),
  ]);
  const widths = t.columns.map((column, index) =>
    Math.max(column.length, ...rows.map((row) => row[index]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ')}`;

  const priorities = profile.priorities.length
    ? profile.priorities.flatMap((priority) => [
        `  ${priority.rank}. ${localize(priority.name, lang)} — ${localize(priority.stage.name, lang)} (${formatScore(priority.average, lang)})`,
        ...priority.handvatten.map(
          (handvat) =>
            `     - ${localize(HANDVAT_KIND_LABELS[handvat.kind], lang)}: ${localize(handvat.title, lang)}. ${localize(handvat.description, lang)}`,
        ),
      ])
    : [`  ${t.noPriorities}`];

  const unanswered = profile.onvoldoendeBeantwoord.map(
    (item) => `  - ${localize(item.name, lang)}: ${t.unansweredLine(item.answered, item.required)}`,
  );
  const basis = profile.basisfunctionaliteiten.map((item) => {
    const score =
      item.average === null
        ? '—'
        : `${formatScore(item.average, lang)}${item.stage ? ` (${localize(item.stage.name, lang)})` : ''}`;
    return `  - ${localize(item.name, lang)}: ${score}; ${t.basisLine(item.answered, item.questions)}`;
  });
  const remarks = profile.uitgangspunten.flatMap((result) =>
    result.remarks.map(
      (remark) => `  - ${localize(result.name, lang)} [${remark.questionId}]: ${remark.text}`,
    ),
  );
  return [
    ...noticeBlock(bank, lang),
    '',
    t.profile,
    line(t.columns),
    ...rows.map(line),
    '',
    t.priorities,
    ...priorities,
    ...(unanswered.length ? ['', t.unanswered, ...unanswered] : []),
    ...(basis.length ? ['', t.basisProfile, ...basis] : []),
    ...(remarks.length ? ['', t.remarks, ...remarks] : []),
  ].join('\n');
}

/** Accepts a plain `{ questionId: value }` file or a stored submission `{ bankId?, answers: {…} }`. */
function answersFrom(json: unknown, bank: VitBank, path: string): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || !('answers' in json)) return json;
  const submission = json as { bankId?: unknown; answers: unknown };
  if (typeof submission.bankId === 'string' && submission.bankId !== bank.id) {
    throw new UsageError(
      `De antwoorden bij --antwoorden (${path}) horen bij vragenset ${JSON.stringify(submission.bankId)}, niet bij ${JSON.stringify(bank.id)}. Geef de juiste vragenset met --bank.`,
    );
  }
  return submission.answers;
}

export const vitQuestionsCommand: Command = {
  path: ['vit', 'questions'],
  summary: 'De VIT-vragen per uitgangspunt (standaard de voorlopige vragenset)',
  help: `Gebruik: visieleren vit questions [--json] [--bank vragenset.json] [--taal nl|en]

Toont de check-vragen van de verkenning toegang per uitgangspunt, met de antwoordschaal en de
ontwikkelstadia. Standaard is dat onze voorlopige vragenset — niet de officiële VIT van de VNG; met
--bank laadt u een andere vragenset (bijvoorbeeld de officiële) in hetzelfde formaat.

Opties:
  --json        de vragenset als JSON (beide talen)
  --bank PAD    een andere vragenset (JSON) gebruiken
  --taal nl|en  taal (standaard nl)

Voorbeeld:
  visieleren vit questions
  visieleren vit questions --bank packages/core/data/vit/voorlopige-vragenset.json --taal en
`,
  aliases: { lang: 'taal' },
  options: {
    json: { type: 'boolean' },
    bank: { type: 'string' },
    taal: { type: 'string' },
  },
  async run({ values, io }) {
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const bank = await loadBank(io, values, lang);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ bank }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`${questionsText(bank, lang)}\n`);
    return 0;
  },
};

export const vitScoreCommand: Command = {
  path: ['vit', 'score'],
  summary: 'VIT-antwoorden scoren: profiel per uitgangspunt en prioriteiten met handvatten',
  help: `Gebruik: visieleren vit score --antwoorden antwoorden.json [--bank vragenset.json] [--json] [--taal nl|en]

Berekent per uitgangspunt het gemiddelde en het ontwikkelstadium, en zet de uitgangspunten in volgorde van
prioriteit (laagste stadium eerst) met hun handvatten, tips, handreikingen, goede voorbeelden en hulplijnen.
Uitgangspunten met te weinig antwoorden krijgen geen oordeel en staan apart.

Het antwoordbestand is JSON met per vraag-id een waarde: een getal op de schaal, "ja"/"nee" of tekst
(null = overgeslagen), of een opgeslagen inzending { "bankId": …, "answers": { … } }.
Zie "visieleren vit questions" voor de vraag-ids.

Opties:
  --antwoorden PAD  het antwoordbestand (verplicht)
  --bank PAD        een andere vragenset (JSON) gebruiken
  --json            het profiel als JSON
  --taal nl|en      taal (standaard nl)

Voorbeeld:
  visieleren vit score --antwoorden apps/server/examples/vit-answers.json
`,
  aliases: { answers: 'antwoorden', lang: 'taal' },
  options: {
    antwoorden: { type: 'string' },
    bank: { type: 'string' },
    json: { type: 'boolean' },
    taal: { type: 'string' },
  },
  async run({ values, io }) {
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const path = requireOption(values, 'antwoorden');
    const bank = await loadBank(io, values, lang);
    const answers = answersFrom(await readJsonArgument(io.cwd, 'antwoorden', path), bank, path);
    let profile: VitProfile;
    try {
      profile = scoreVit(bank, answers, lang);
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new UsageError(
          `Het bestand bij --antwoorden (${path}) bevat ongeldige antwoorden.\n${error.message}`,
        );
      }
      throw error;
    }
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ profile }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`${profileText(profile, bank, lang)}\n`);
    return 0;
  },
};
