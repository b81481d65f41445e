import {
  builtInTemplateKeys,
  builtInTemplates,
  type Commitment,
  findBuiltInTemplate,
  type Lang,
  localize,
  ROLE_LABELS,
  type Template,
  ValidationError,
} from '@visieleren/core/planning';
import { type CliIo, type Command, oneOf, UsageError } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';

const LANGS = ['nl', 'en'] as const;

/** Reads and validates a template file named by a CLI option; errors name the option and the bad field's path. */
export async function loadTemplateFile(
  io: Pick<CliIo, 'cwd'>,
  option: string,
  path: string,
  lang: Lang = 'nl',
): Promise<Template> {
  const json = await readJsonArgument(io.cwd, option, path);
  // Validating a file needs zod; the built-in templates (checked by core's tests) do not.
  const { parseTemplate } = await import('@visieleren/core');
  try {
    return parseTemplate(json, path, lang);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(`Het bestand bij --${option} is geen geldig template.\n${error.message}`);
    }
    throw error;
  }
}

/**
 * A `--template` style argument: a built-in key, or a path to a JSON template file (anything ending in
 * `.json` or containing a slash). Bad files and unknown keys become UsageErrors naming the option (exit 2).
 */
export async function loadTemplateArgument(
  io: Pick<CliIo, 'cwd'>,
  option: string,
  value: string,
  lang: Lang = 'nl',
): Promise<Template> {
  const looksLikeFile = value.endsWith('.json') || value.includes('/') || value.includes('\\');
  if (looksLikeFile) return loadTemplateFile(io, option, value, lang);
  const template = findBuiltInTemplate(value);
  if (template) return template;
  throw new UsageError(
    `Onbekend template bij --${option}: ${JSON.stringify(value)}. Kies uit: ${builtInTemplateKeys.join(', ')}, of geef een pad naar een .json-bestand.`,
  );
}

const text = {
  nl: {
    heading: 'Templates',
    custom: 'eigen bestand',
    weeks: (total: number, target: number) => `${total} weken (streefduur ${target})`,
    counts: (phases: number, sessions: number, items: number) =>
      `${phases} fasen · ${sessions} sessies · ${items} actiepunten`,
    phases: 'Fasen',
    week: 'wk',
    commitments: 'Inzet',
    perWeek: 'uur per week',
    bySize: (min: number, max: number) => `${min}-${max} naar grootte van de gemeente`,
    during: 'tijdens',
    wholeTraject: 'het hele traject',
    dagdelen: (count: number, preparation: boolean) =>
      `ten minste ${count} dagdelen${preparation ? ' plus voorbereiding' : ''}`,
    more: 'Een plan maken: visieleren plan --template <sleutel> --start JJJJ-MM-DD',
  },
  en: {
    heading: 'Templates',
    custom: 'own file',
    weeks: (total: number, target: number) => `${total} weeks (target ${target})`,
    counts: (phases: number, sessions: number, items: number) =>
      `${phases} phases · ${sessions} sessions · ${items} checklist items`,
    phases: 'Phases',
    week: 'wk',
    commitments: 'Commitments',
    perWeek: 'hours a week',
    bySize: (min: number, max: number) => `${min}-${max} by size of the municipality`,
    during: 'during',
    wholeTraject: 'the whole programme',
    dagdelen: (count: number, preparation: boolean) =>
      `at least ${count} half-days${preparation ? ' plus preparation' : ''}`,
    more: 'Make a plan: visieleren plan --template <key> --start YYYY-MM-DD',
  },
} as const;

function totalWeeks(template: Template): number {
  return template.phases.reduce((weeks, phase) => weeks + phase.durationWeeks, 0);
}

export function describeCommitment(commitment: Commitment, template: Template, lang: Lang): string {
  const t = text[lang];
  const role = localize(commitment.roleLabel ?? ROLE_LABELS[commitment.role], lang);
  const phaseNames = commitment.phaseKeys?.map((key) => {
    const phase = template.phases.find((candidate) => candidate.key === key);
    return phase ? localize(phase.name, lang) : key;
  });
  const when = phaseNames ? `${t.during} ${phaseNames.join(', ')}` : `${t.during} ${t.wholeTraject}`;
  if (commitment.kind === 'dagdelen') {
    return `${role}: ${t.dagdelen(commitment.minDagdelen, commitment.plusPreparation)}`;
  }
  const range =
    commitment.minHours === commitment.maxHours
      ? `${commitment.minHours}`
      : `${commitment.minHours}-${commitment.maxHours}`;
  const bands = commitment.bySize ?? [];
  const bySize = bands.length
    ? ` (${t.bySize(Math.min(...bands.map((b) => b.minHours)), Math.max(...bands.map((b) => b.maxHours)))})`
    : '';
  return `${role}: ${range} ${t.perWeek}${bySize}, ${when}`;
}

function templateJson(template: Template, lang: Lang, builtIn: boolean) {
  return {
    key: template.key,
    version: template.version,
    builtIn,
    name: localize(template.name, lang),
    description: localize(template.description, lang),
    targetWeeks: template.targetWeeks,
    weeks: totalWeeks(template),
    phases: template.phases.map((phase) => ({
      key: phase.key,
      name: localize(phase.name, lang),
      weeks: phase.durationWeeks,
      sessions: phase.sessions.map((session) => ({
        key: session.key,
        name: localize(session.name, lang),
        weekInPhase: session.weekInPhase,
        withBestuurders: session.withBestuurders,
      })),
      checklistItems: phase.checklist.length,
    })),
    commitments: template.commitments,
  };
}

function templateText(template: Template, lang: Lang, builtIn: boolean): string {
  const t = text[lang];
  const sessions = template.phases.reduce((count, phase) => count + phase.sessions.length, 0);
  const items = template.phases.reduce((count, phase) => count + phase.checklist.length, 0);
  const phases = template.phases
    .map((phase, index) => `${index + 1}. ${localize(phase.name, lang)} (${phase.durationWeeks} ${t.week})`)
    .join(' → ');
  return [
    `${template.key}${builtIn ? '' : ` (${t.custom})`} — ${localize(template.name, lang)}`,
    `  ${t.weeks(totalWeeks(template), template.targetWeeks)} · ${t.counts(template.phases.length, sessions, items)}`,
    `  ${t.phases}: ${phases}`,
    ...(template.commitments.length
      ? [
          `  ${t.commitments}:`,
          ...template.commitments.map((c) => `    - ${describeCommitment(c, template, lang)}`),
        ]
      : []),
  ].join('\n');
}

export const templatesCommand: Command = {
  path: ['templates'],
  summary: 'De ingebouwde trajecttemplates: fasen, weken en gevraagde inzet',
  help: `Gebruik: visieleren templates [--json] [--taal nl|en] [--bestand eigen-template.json]

Toont de ingebouwde templates (visieleertraject, verbetertraject-toegang) met hun fasen, duur en de
gevraagde inzet per rol. Met --bestand wordt ook een eigen templatebestand gecontroleerd en getoond; fouten
noemen het pad van het foute veld, bijvoorbeeld phases.2.sessions.0.weekInPhase.

Opties:
  --json         JSON in plaats van tekst
  --taal nl|en   taal van namen en teksten (standaard nl)
  --bestand PAD  een eigen template (JSON) controleren en meetonen

Voorbeelden:
  visieleren templates
  visieleren templates --json --taal en
  visieleren templates --bestand packages/core/data/templates/verbetertraject-toegang.json
`,
  aliases: { lang: 'taal', file: 'bestand' },
  options: {
    json: { type: 'boolean' },
    taal: { type: 'string' },
    bestand: { type: 'string' },
  },
  async run({ values, io }) {
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const listed: Array<{ template: Template; builtIn: boolean }> = builtInTemplates.map((template) => ({
      template,
      builtIn: true,
    }));
    if (typeof values.bestand === 'string') {
      listed.push({ template: await loadTemplateFile(io, 'bestand', values.bestand, lang), builtIn: false });
    }
    if (values.json) {
      const templates = listed.map(({ template, builtIn }) => templateJson(template, lang, builtIn));
      io.stdout.write(`${JSON.stringify({ templates }, null, 2)}\n`);
      return 0;
    }
    const blocks = listed.map(({ template, builtIn }) => templateText(template, lang, builtIn));
    io.stdout.write(`${text[lang].heading}\n\n${blocks.join('\n\n')}\n\n${text[lang].more}\n`);
    return 0;
  },
};
