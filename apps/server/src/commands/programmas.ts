import {
  isIsoDate,
  localize,
  systemClock,
  TRAJECT_STATUS_LABELS,
  type TrajectStatus,
} from '@visieleren/core';
import { type Command, requireOption, UsageError } from '../cli/command.js';
import { createTrajectDomain } from '../domain.js';
import {
  allProgrammes,
  ensureStoredProgramme,
  findProgramme,
  programmeWithProgress,
} from '../lifecycle/views.js';
import { CLI_ACTOR, lifecycleRepository, withStore } from './with-store.js';

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
        (await allProgrammes(store)).map(async (programme) => ({
          programme,
          progress: await programmeWithProgress(store, programme, today()),
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
