import {
  isIsoDate,
  localize,
  systemClock,
  TRAJECT_STATUS_LABELS,
  type TrajectStatus,
} from '@visieleren/core';
import { type Command, requireOption, UsageError } from '../cli/command.js';
import { createTrajectDomain } from '../domain.js';
import { CLI_ACTOR, lifecycleRepository, withStore } from './with-store.js';

// The programmes' modules read the store: loaded when a command runs, so `visieleren programma --help` stays light.
const views = () => import('../lifecycle/views.js');
const cohorts = () => import('../admin/programmes.js');

const today = () => createTrajectDomain(systemClock).today();

export const programmaListCommand: Command = {
  path: ['programma', 'list'],
  summary: "Programma's met hun trajecten en voortgang",
  help: `Gebruik: visieleren programma list [--json]

Voorbeeld:
  visieleren programma list
`,
  options: { json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const items = await Promise.all(
        (await (await views()).allProgrammes(store)).map(async (programme) => ({
          programme,
          progress: await (await views()).programmeWithProgress(store, programme, today()),
        })),
      );
      if (values.json) {
        io.stdout.write(
          `${JSON.stringify({ programmas: items.map(({ programme, progress }) => ({ ...programme, voortgang: progress })) }, null, 2)}\n`,
        );
        return 0;
      }
      for (const { programme, progress } of items) {
        io.stdout.write(
          `${programme.key.padEnd(32)} ${programme.name} — ${progress.trajects.total} trajecten, ${programme.lines.length} programmalijnen, ${programme.indicators.length} indicatoren\n`,
        );
      }
      return 0;
    });
  },
};

export const programmaShowCommand: Command = {
  path: ['programma', 'show'],
  summary: 'Eén programma: programmalijnen, trajecten per status en indicatoren met metingen',
  help: `Gebruik: visieleren programma show SLEUTEL [--json]

Voorbeeld:
  visieleren programma show impuls-vakmanschap
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const key = positionals[0];
    if (!key)
      throw new UsageError(
        'Geef de sleutel van het programma, bijvoorbeeld: visieleren programma show impuls-vakmanschap',
      );
    return withStore(io, async (store) => {
      const { findProgramme, programmeWithProgress } = await views();
      const programme = await findProgramme(store, key);
      const progress = await programmeWithProgress(store, programme, today());
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ programma: programme, voortgang: progress }, null, 2)}\n`);
        return 0;
      }
      const lines = [`${programme.name}`, `  ${programme.description}`, ''];
      const statuses = Object.entries(progress.trajects.byStatus).map(
        ([status, count]) => `${localize(TRAJECT_STATUS_LABELS[status as TrajectStatus])}: ${count}`,
      );
      lines.push(
        `Trajecten: ${progress.trajects.total}${statuses.length ? ` (${statuses.join(', ')})` : ''}`,
        '',
      );
      for (const line of programme.lines) {
        lines.push(`Programmalijn ${line.name}`, `  Doel: ${line.doel}`);
        for (const result of line.resultaten.eenJaar) lines.push(`  Over 1 jaar: ${result}`);
        for (const result of line.resultaten.drieJaar) lines.push(`  Over 3 jaar: ${result}`);
        for (const actie of line.actielijnen) lines.push(`  Actielijn: ${actie}`);
        lines.push('');
      }
      lines.push('Voortgang meten:');
      for (const indicator of progress.indicators) {
        const latest = indicator.latest
          ? `${indicator.latest.value} op ${indicator.latest.measuredOn}`
          : 'nog geen meting';
        const target = indicator.target === undefined ? '' : ` (streefwaarde ${indicator.target})`;
        lines.push(`  - ${indicator.id}: ${indicator.name}: ${latest}${target}`);
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

export const programmaMetingCommand: Command = {
  path: ['programma', 'meting'],
  summary: 'Een meting van een indicator van een programma vastleggen',
  help: `Gebruik: visieleren programma meting SLEUTEL --indicator ID --waarde GETAL --datum JJJJ-MM-DD [--toelichting TEKST]

Voorbeeld:
  visieleren programma meting impuls-vakmanschap --indicator werkwijzers --waarde 3 --datum 2027-06-30
`,
  options: {
    indicator: { type: 'string' },
    waarde: { type: 'string' },
    datum: { type: 'string' },
    toelichting: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const key = positionals[0];
    if (!key) throw new UsageError('Geef de sleutel van het programma, bijvoorbeeld: impuls-vakmanschap');
    const indicatorId = requireOption(values, 'indicator');
    const value = Number(requireOption(values, 'waarde'));
    if (!Number.isFinite(value)) throw new UsageError('Ongeldige waarde bij --waarde: verwacht een getal.');
    const measuredOn = requireOption(values, 'datum');
    if (!isIsoDate(measuredOn)) throw new UsageError('Ongeldige datum bij --datum: verwacht JJJJ-MM-DD.');
    return withStore(io, async (store) => {
      const { findProgramme, ensureStoredProgramme } = await views();
      const programme = await findProgramme(store, key);
      await ensureStoredProgramme(store, programme, CLI_ACTOR);
      const metingen = await (await lifecycleRepository(store)).addMeasurement(
        programme.key,
        {
          indicatorId,
          measuredOn,
          value,
          ...(typeof values.toelichting === 'string' ? { note: values.toelichting } : {}),
        },
        CLI_ACTOR,
      );
      io.stdout.write(
        `Meting vastgelegd (${metingen.filter((m) => m.indicatorId === indicatorId).length} voor ${indicatorId}).\n`,
      );
      return 0;
    });
  },
};

const PROGRAMME_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;

function trajectIdsOf(values: Record<string, unknown>): string[] {
  return ((values.traject as string[] | undefined) ?? []).map((id) => id.trim()).filter(Boolean);
}

export const programmaCreateCommand: Command = {
  path: ['programma', 'create'],
  summary: 'Een programma (cohort) maken dat trajecten groepeert',
  help: `Gebruik: visieleren programma create SLEUTEL --naam TEKST --omschrijving TEKST [--traject ID]... [--json]

Maakt een programma, zoals "Cohort maken" in de console en POST /api/v1/programmas. Programmalijnen en
indicatoren komen later; trajecten voegt u nu toe met --traject (mag vaker) of later met programma add.
  SLEUTEL              kleine letters, cijfers en streepjes; komt in adressen (/programmas/SLEUTEL)
  --naam TEKST         de naam, bijvoorbeeld "Cohort 2027"
  --omschrijving TEKST waarvoor het programma is
  --traject ID         een traject om meteen toe te voegen (mag vaker)
  --json               het programma als JSON

Voorbeeld:
  visieleren programma create cohort-2027 --naam "Cohort 2027" --omschrijving "De trajecten die in 2027 starten." --traject voorbeeld-aan-zee
`,
  options: {
    naam: { type: 'string' },
    omschrijving: { type: 'string' },
    traject: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const key = positionals[0]?.trim();
    if (!key || positionals.length > 1) {
      throw new UsageError('Geef precies één sleutel voor het programma, bijvoorbeeld: cohort-2027');
    }
    if (!PROGRAMME_KEY.test(key)) {
      throw new UsageError(
        `Ongeldige sleutel ${JSON.stringify(key)}: gebruik kleine letters, cijfers en streepjes (hoogstens 100), bijvoorbeeld cohort-2027.`,
      );
    }
    const name = requireOption(values, 'naam').trim();
    const description = requireOption(values, 'omschrijving').trim();
    const trajectIds = trajectIdsOf(values);
    return withStore(io, async (store) => {
      // A key that exists already is a ValidationError that says so (exit 2).
      const { createCohort } = await cohorts();
      const programma = await createCohort(store, { key, name, description, trajectIds }, CLI_ACTOR);
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ programma }, null, 2)}\n`
          : `Programma ${programma.key} gemaakt: ${programma.name}, ${programma.trajectIds.length} traject(en).\n`,
      );
      return 0;
    });
  },
};

export const programmaAddCommand: Command = {
  path: ['programma', 'add'],
  summary: 'Trajecten aan een programma toevoegen',
  help: `Gebruik: visieleren programma add SLEUTEL --traject ID [--traject ID]... [--json]

Voegt trajecten toe aan het programma (een traject dat er al in zit blijft één keer), zoals "Toevoegen" op
de trajectpagina van de console en PUT /api/v1/programmas/{programma}/trajecten/{id}.
  --traject ID   het traject (mag vaker)
  --json         het programma als JSON

Voorbeeld:
  visieleren programma add impuls-vakmanschap --traject voorbeeld-rivierenland
`,
  options: { traject: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const key = positionals[0]?.trim();
    if (!key || positionals.length > 1) {
      throw new UsageError('Geef precies één programmasleutel, bijvoorbeeld: impuls-vakmanschap');
    }
    const trajectIds = trajectIdsOf(values);
    if (trajectIds.length === 0) throw new UsageError('Het argument --traject ontbreekt.');
    return withStore(io, async (store) => {
      const { addTrajectToProgramme } = await cohorts();
      let programma: Awaited<ReturnType<typeof addTrajectToProgramme>> | undefined;
      for (const trajectId of trajectIds) {
        programma = await addTrajectToProgramme(store, key, trajectId, CLI_ACTOR);
      }
      if (!programma) return 1;
      io.stdout.write(
        values.json
          ? `${JSON.stringify({ programma }, null, 2)}\n`
          : `${programma.name} (${programma.key}) heeft nu ${programma.trajectIds.length} traject(en): ${programma.trajectIds.join(', ')}.\n`,
      );
      return 0;
    });
  },
};
