import {
  createWorkingCalendar,
  DEFAULT_NAZORG_MONTHS,
  formatDate,
  isIsoDate,
  type Lang,
  localize,
  planDuration,
  planToIcs,
  planToJson,
  planTraject,
  REGIONS,
  type SchoolHolidayPeriod,
  type Template,
  type TrajectPlan,
  ValidationError,
  weekdayName,
} from '@visieleren/core/planning';
import { type CliIo, type Command, oneOf, requireOption, UsageError } from '../cli/command.js';
import { readJsonArgument, writeOutputFile } from '../cli/files.js';
import { describeCommitment, loadTemplateArgument } from './templates.js';

const LANGS = ['nl', 'en'] as const;

const text = {
  nl: {
    title: (name: string, start: string) => `Plan: ${name}, start ${start}`,
    region: (region: string) => `Schoolvakantieregio: ${region}`,
    phase: (index: number, name: string) => `${index}. ${name}`,
    dates: (start: string, end: string, weeks: number) => `${start} t/m ${end} (${weeks} werkweken)`,
    session: 'sessie',
    withBestuurders: 'met bestuurders',
    checklist: (count: number) => `${count} actiepunt${count === 1 ? '' : 'en'}`,
    dueBy: (date: string) => `uiterlijk ${date}`,
    commitments: 'Gevraagde inzet',
    targetEnd: (date: string, weeks: number) => `Streefeinde (${weeks} weken): ${date}`,
    plannedEnd: (date: string) => `Gepland einde: ${date}`,
    afterTraject: 'Na het traject',
    lengthened: (days: string) => `   - langer door: ${days}`,
    length: 'Lengte',
    interpretations: 'Interpretaties (niet letterlijk uit de bronnen)',
    warnings: 'Let op',
    icsWritten: (path: string, events: number) => `Agenda geschreven naar ${path} (${events} afspraken).`,
  },
  en: {
    title: (name: string, start: string) => `Plan: ${name}, starting ${start}`,
    region: (region: string) => `School-holiday region: ${region}`,
    phase: (index: number, name: string) => `${index}. ${name}`,
    dates: (start: string, end: string, weeks: number) => `${start} to ${end} (${weeks} working weeks)`,
    session: 'session',
    withBestuurders: 'with executives',
    checklist: (count: number) => `${count} checklist item${count === 1 ? '' : 's'}`,
    dueBy: (date: string) => `due ${date}`,
    commitments: 'Commitments asked',
    targetEnd: (date: string, weeks: number) => `Target end (${weeks} weeks): ${date}`,
    plannedEnd: (date: string) => `Planned end: ${date}`,
    afterTraject: 'After the traject',
    lengthened: (days: string) => `   - longer because of: ${days}`,
    length: 'Length',
    interpretations: 'Interpretations (not literally from the sources)',
    warnings: 'Note',
    icsWritten: (path: string, events: number) => `Calendar written to ${path} (${events} events).`,
  },
} as const;

const day = (date: string, lang: Lang) => `${weekdayName(date, lang)} ${formatDate(date, lang)}`;

/** The readable table: phases with dates, sessions with Dutch weekday names, checklist counts, commitments. */
export function planText(plan: TrajectPlan, template: Template, lang: Lang): string {
  const t = text[lang];
  const lines = [t.title(localize(plan.templateName, lang), day(plan.start, lang))];
  if (plan.region) lines.push(t.region(plan.region));
  lines.push('');
  plan.phases.forEach((phase, index) => {
    lines.push(t.phase(index + 1, localize(phase.name, lang)));
    lines.push(`   ${t.dates(day(phase.start, lang), day(phase.end, lang), phase.durationWeeks)}`);
    for (const session of phase.sessions) {
      const flags = session.withBestuurders ? ` (${t.withBestuurders})` : '';
      lines.push(`   - ${t.session} ${localize(session.name, lang)}: ${day(session.date, lang)}${flags}`);
      for (const note of [...session.adjustments, ...session.warnings])
        lines.push(`       ${localize(note, lang)}`);
    }
    const lastDue = phase.checklist.reduce<string | undefined>(
      (latest, item) => (latest === undefined || item.due > latest ? item.due : latest),
      undefined,
    );
    const due = lastDue ? `, ${t.dueBy(formatDate(lastDue, lang))}` : '';
    lines.push(`   - ${t.checklist(phase.checklist.length)}${due}`);
    if (phase.closedDays.length > 0) {
      const closed = phase.closedDays.map(
        (closedDay) => `${localize(closedDay.reason, lang)} (${formatDate(closedDay.date, lang)})`,
      );
      lines.push(t.lengthened(closed.join(', ')));
    }
    lines.push('');
  });
  if (plan.commitments.length > 0) {
    lines.push(`${t.commitments}:`);
    for (const commitment of plan.commitments)
      lines.push(`  - ${describeCommitment(commitment, template, lang)}`);
    lines.push('');
  }
  lines.push(t.targetEnd(day(plan.targetEnd, lang), plan.targetWeeks));
  lines.push(t.plannedEnd(day(plan.end, lang)));
  // Phases count working weeks and the target calendar weeks: say both, with the sources' own range.
  lines.push(`${t.length}: ${planDuration(plan, lang).summary}`);
  if (plan.nazorggesprek) {
    const aftercare = plan.nazorggesprek;
    lines.push('', `${t.afterTraject}:`);
    lines.push(`  - ${localize(aftercare.name, lang)}: ${day(aftercare.date, lang)}`);
    lines.push(`    ${localize(aftercare.note, lang)}`);
  }
  if (plan.interpretations.length > 0) {
    lines.push('', `${t.interpretations}:`);
    for (const entry of plan.interpretations) lines.push(`  - ${localize(entry.text, lang)}`);
  }
  if (plan.warnings.length > 0) {
    lines.push('', `${t.warnings}:`);
    for (const warning of plan.warnings) lines.push(`  - ${localize(warning, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function loadSchoolHolidays(io: Pick<CliIo, 'cwd'>, path: string): Promise<SchoolHolidayPeriod[]> {
  const json = await readJsonArgument(io.cwd, 'schoolvakanties', path);
  // The file's reader validates with zod, which a plan without --schoolvakanties does not load.
  const { parseSchoolHolidays } = await import('@visieleren/core');
  try {
    return parseSchoolHolidays(json, `Het bestand bij --schoolvakanties (${path})`);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--gesloten 2027-12-27,2027-12-28` → the dates; a bad one is a usage error naming the argument. */
export function closedDaysArgument(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  const dates = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const date of dates) {
    if (!isIsoDate(date)) {
      throw new UsageError(
        `Ongeldige datum bij --gesloten: ${JSON.stringify(date)}. Verwacht datums als JJJJ-MM-DD, gescheiden door komma's.`,
      );
    }
  }
  return dates;
}

/** `--nazorg-maanden 9` → 9; absent → the default; anything but a whole number 1-36 is a usage error. */
export function nazorgMonthsArgument(value: unknown): number {
  if (value === undefined) return DEFAULT_NAZORG_MONTHS;
  const months = typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(months >= 1 && months <= 36)) {
    throw new UsageError(
      `Ongeldige waarde voor --nazorg-maanden: ${JSON.stringify(value)}. Verwacht een heel aantal maanden van 1 tot en met 36 (zoals VISIELEREN_NAZORG_MAANDEN).`,
    );
  }
  return months;
}

export const planCommand: Command = {
  path: ['plan'],
  summary: 'Een gedateerd plan voor een traject: fasen, sessies, actiepunten (tekst, JSON of agenda)',
  help: `Gebruik: visieleren plan --template SLEUTEL|BESTAND --start JJJJ-MM-DD [opties]

Maakt een plan op werkdagen: weekenden, feestdagen en 5 mei (Bevrijdingsdag, vrij voor gemeenten) tellen
niet mee. Sessies met bestuurders ontwijken de schoolvakanties van de regio als u een schoolvakantiebestand
van de Rijksoverheid (open data, JSON per schooljaar) meegeeft.

Opties:
  --template SLEUTEL|BESTAND  ingebouwd template (visieleertraject, verbetertraject-toegang) of een
                              pad naar een eigen templatebestand (.json)
  --start JJJJ-MM-DD          startdatum; valt die niet op een werkdag, dan de eerstvolgende werkdag
  --regio noord|midden|zuid   schoolvakantieregio van de gemeente (oude naam: --region)
  --schoolvakanties BESTAND   schoolvakanties in het formaat van de Rijksoverheid
  --taal nl|en                taal (standaard nl)
  --goede-vrijdag             Goede Vrijdag is een vrije dag (niet elke gemeente)
  --gesloten DATUM,DATUM      extra gesloten dagen, bijvoorbeeld tussen Kerst en Oud en Nieuw
  --json                      JSON in plaats van de tabel (met per sessie waarom een datum verschoof)
  --ics BESTAND               schrijf ook een agenda (iCalendar, .ics) met sessies, fasen en het
                              nazorggesprek
  --nazorg-maanden N          maanden van de borgingssessie tot het nazorggesprek (standaard 6)

Voorbeelden:
  visieleren plan --template visieleertraject --start 2027-01-11
  visieleren plan --template visieleertraject --start 2027-01-11 --regio noord \\
    --schoolvakanties schoolvakanties-2026-2027.json --ics plan.ics
    (het schoolvakantiebestand downloadt u als JSON bij de open data van de Rijksoverheid)
  visieleren plan --template packages/core/data/templates/verbetertraject-toegang.json --start 2027-01-11 --json
`,
  aliases: { region: 'regio', 'school-holidays': 'schoolvakanties', lang: 'taal' },
  options: {
    template: { type: 'string' },
    start: { type: 'string' },
    regio: { type: 'string' },
    schoolvakanties: { type: 'string' },
    taal: { type: 'string' },
    json: { type: 'boolean' },
    ics: { type: 'string' },
    'goede-vrijdag': { type: 'boolean' },
    gesloten: { type: 'string' },
    'nazorg-maanden': { type: 'string' },
  },
  async run({ values, io }) {
    const lang = oneOf(values, 'taal', LANGS, 'nl');
    const templateArgument = requireOption(values, 'template');
    const start = requireOption(values, 'start');
    if (!isIsoDate(start)) {
      throw new UsageError(
        `Ongeldige waarde voor --start: ${JSON.stringify(start)}. Verwacht een bestaande datum als JJJJ-MM-DD.`,
      );
    }
    const region = values.regio === undefined ? undefined : oneOf(values, 'regio', REGIONS);
    if (typeof values.ics === 'string' && values.ics.trim() === '') {
      throw new UsageError('Het argument --ics verwacht een bestandsnaam.');
    }
    const template = await loadTemplateArgument(io, 'template', templateArgument, lang);
    const holidaysPath = values.schoolvakanties;
    const schoolHolidays =
      typeof holidaysPath === 'string' ? await loadSchoolHolidays(io, holidaysPath) : undefined;

    const calendar = createWorkingCalendar({
      goodFriday: values['goede-vrijdag'] === true,
      extraClosedDays: closedDaysArgument(values.gesloten),
    });
    const plan = planTraject(template, {
      start,
      calendar,
      nazorgMonths: nazorgMonthsArgument(values['nazorg-maanden']),
      ...(region ? { region } : {}),
      ...(schoolHolidays ? { schoolHolidays } : {}),
    });

    let icsMessage = '';
    if (typeof values.ics === 'string') {
      const ics = planToIcs(plan, { lang });
      await writeOutputFile(io.cwd, 'ics', values.ics, ics);
      const events = ics.split('\r\n').filter((line) => line === 'BEGIN:VEVENT').length;
      icsMessage = text[lang].icsWritten(values.ics, events);
    }

    if (values.json) {
      io.stdout.write(`${JSON.stringify(planToJson(plan, lang), null, 2)}\n`);
      // Keep stdout pure JSON for pipes; the file notice goes to stderr.
      if (icsMessage) io.stderr.write(`${icsMessage}\n`);
    } else {
      io.stdout.write(planText(plan, template, lang));
      if (icsMessage) io.stdout.write(`\n${icsMessage}\n`);
    }
    return 0;
  },
};
