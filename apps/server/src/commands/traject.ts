import {
  findBuiltInTemplate,
  localize,
  parseWith,
  systemClock,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  trajectName,
} from '@visieleren/core';
import { type Command, requireOption, UsageError } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';
import { createTrajectDomain, overviewRow } from '../domain.js';
import { createTrajectBodySchema } from '../http/api-schemas.js';
import { loadTemplateArgument } from './templates.js';
import { CLI_ACTOR, withStore } from './with-store.js';

export const trajectListCommand: Command = {
  path: ['traject', 'list'],
  summary: 'Alle trajecten met fase, status en verwachte einddatum',
  help: `Gebruik: visieleren traject list [--json]

Voorbeeld:
  visieleren traject list
`,
  options: { json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const trajects = await store.trajects.list({ kind: 'all' });
      const today = createTrajectDomain(systemClock).today();
      if (values.json) {
        // The same resource name as the API (`GET /api/v1/trajecten` answers `{ trajecten }`).
        io.stdout.write(`${JSON.stringify({ trajecten: trajects }, null, 2)}\n`);
        return 0;
      }
      if (trajects.length === 0) {
        io.stdout.write('Er zijn nog geen trajecten. Maak er een met: visieleren traject create --help\n');
        return 0;
      }
      const lines = trajects.map((traject) => {
        const row = overviewRow(traject, today);
        return `${traject.id.padEnd(36)} ${row.gemeente.slice(0, 40).padEnd(40)} ${row.status.padEnd(24)} ${row.currentPhase.slice(0, 34).padEnd(34)} ${row.forecastEnd ?? ''}`;
      });
      const header = `${'id'.padEnd(36)} ${'gemeente'.padEnd(40)} ${'status'.padEnd(24)} ${'fase'.padEnd(34)} verwacht einde`;
      io.stdout.write(`${[header, ...lines].join('\n')}\n`);
      return 0;
    });
  },
};

export const trajectShowCommand: Command = {
  path: ['traject', 'show'],
  summary: 'Eén traject: fasen, sessies, actiepunten, uren',
  help: `Gebruik: visieleren traject show ID [--json]

Voorbeeld:
  visieleren traject show ede-2024
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = positionals[0];
    if (!id || positionals.length > 1)
      throw new UsageError('Geef precies één traject-id, bijvoorbeeld: visieleren traject show ede-2024');
    return withStore(io, async (store) => {
      const traject = await store.trajects.get(id, { kind: 'all' });
      const domain = createTrajectDomain(systemClock);
      const today = domain.today();
      const described = domain.describeTraject(traject, today);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ traject, ...described }, null, 2)}\n`);
        return 0;
      }
      const row = overviewRow(traject, today);
      const forecast = described.forecast as {
        phases: Array<{ name: { nl: string }; start: string; end: string; state: string }>;
        forecastEnd: string;
      } | null;
      const lines = [
        `${trajectName(traject)} (${traject.id}, revisie ${traject.revision})`,
        `Kernvraag: ${traject.kernvraag}`,
        `Thema: ${traject.themes.map((theme) => localize(THEME_LABELS[theme])).join(', ') || 'geen'}`,
        `Status: ${localize(TRAJECT_STATUS_LABELS[traject.status])}; huidige fase: ${row.currentPhase}`,
        `Start: ${traject.startDate}; verwacht einde: ${row.forecastEnd ?? 'onbekend'}`,
        `Achterstallige actiepunten: ${row.overdueItems}; afgevinkt: ${traject.checklist.filter((item) => item.done).length}`,
        `Uren vastgelegd: ${traject.hours.reduce((sum, entry) => sum + entry.hours, 0)} in ${traject.hours.length} regels`,
        `Deelnemers: ${traject.participants.length}`,
      ];
      if (forecast) {
        lines.push('', 'Fasen (verwachting):');
        for (const phase of forecast.phases) {
          lines.push(`  ${phase.name.nl.padEnd(44)} ${phase.start} – ${phase.end}  ${phase.state}`);
        }
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

export const trajectCreateCommand: Command = {
  path: ['traject', 'create'],
  summary: 'Nieuw traject uit een template',
  help: `Gebruik: visieleren traject create --gemeente NAAM --start JJJJ-MM-DD --kernvraag TEKST
                                [--template visieleertraject|template.json] [--thema THEMA]... [--regio noord|midden|zuid]
                                [--id ID] [--json]
       visieleren traject create --file traject.json

Met --file: een JSON-bestand met dezelfde velden als POST /api/v1/trajecten
({ templateKey, startDate, gemeenten: [{ name }], kernvraag, themes, region, participants }).
Een template uit een bestand (--template mijn-template.json) wordt bij het traject bewaard.
Thema's: inwoner-centraal, rust-en-regie, balans-lokaal-regionaal (--thema mag vaker).

Voorbeeld:
  visieleren traject create --gemeente Ede --start 2027-01-11 --kernvraag "Hoe houden we de toegang dichtbij?" --thema inwoner-centraal
`,
  options: {
    file: { type: 'string' },
    gemeente: { type: 'string', multiple: true },
    start: { type: 'string' },
    kernvraag: { type: 'string' },
    template: { type: 'string' },
    thema: { type: 'string', multiple: true },
    regio: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    let input: unknown;
    if (typeof values.file === 'string') {
      if (values.gemeente || values.start || values.kernvraag) {
        throw new UsageError(
          'Gebruik --file óf de losse argumenten (--gemeente, --start, --kernvraag), niet allebei.',
        );
      }
      input = await readJsonArgument(io.cwd, 'file', values.file);
    } else {
      const gemeenten = (values.gemeente as string[] | undefined) ?? [];
      if (gemeenten.length === 0) throw new UsageError('Het argument --gemeente ontbreekt.');
      input = {
        templateKey: typeof values.template === 'string' ? values.template : 'visieleertraject',
        startDate: requireOption(values, 'start'),
        kernvraag: requireOption(values, 'kernvraag'),
        gemeenten: gemeenten.map((name) => ({ name })),
        themes: (values.thema as string[] | undefined) ?? [],
        ...(typeof values.regio === 'string' ? { region: values.regio } : {}),
        ...(typeof values.id === 'string' ? { id: values.id } : {}),
      };
    }
    const body = parseWith(
      createTrajectBodySchema,
      input,
      typeof values.file === 'string' ? `Het bestand bij --file` : 'Het traject',
    );
    // A template file travels with the traject (stored with it), so its plan and reminders work anywhere.
    const loaded =
      typeof values.template === 'string' && !findBuiltInTemplate(values.template)
        ? await loadTemplateArgument(io, 'template', values.template)
        : undefined;
    return withStore(io, async (store) => {
      const traject = createTrajectDomain(systemClock).createTraject(body, loaded);
      const stored = await store.trajects.create(traject, CLI_ACTOR);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ traject: stored }, null, 2)}\n`);
      } else {
        io.stdout.write(
          `Traject ${stored.id} gemaakt: ${trajectName(stored)}, start ${stored.startDate}, ${stored.phases.length} fasen, ${stored.sessions.length} sessies.\n`,
        );
      }
      return 0;
    });
  },
};
