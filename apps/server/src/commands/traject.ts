import {
  amsterdamDate,
  findBuiltInTemplate,
  HOURS_STATUS_LABELS,
  type HoursReport,
  localize,
  PHASE_STATE_LABELS,
  parseWith,
  ROLE_LABELS,
  systemClock,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  type TrajectForecast,
  trajectName,
  type VitProfile,
} from '@visieleren/core';
import {
  changeTrajectStatus,
  SETTABLE_STATUSES,
  STATUSES_NEEDING_REASON,
  statusReasons,
} from '../admin/traject-status.js';
import { type Command, oneOf, requireOption, UsageError, withOptionNames } from '../cli/command.js';
import { readJsonArgument } from '../cli/files.js';
import { alignColumns } from '../cli/table.js';
import { createTrajectDomain, overviewRow } from '../domain.js';
import { createTrajectBodySchema } from '../http/api-schemas.js';
import { loadTemplateArgument } from './templates.js';
import { CLI_ACTOR, withStore } from './with-store.js';

export const trajectListCommand: Command = {
  path: ['traject', 'list'],
  summary: 'Alle trajecten met fase, status en verwachte einddatum',
  help: `Gebruik: visieleren traject list [--json]

Eén regel per traject: id, gemeente(n), status, huidige fase en verwachte einddatum.
  --json   als JSON (zoals GET /api/v1/trajecten)

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
      const rows = trajects.map((traject) => {
        const row = overviewRow(traject, today);
        return [traject.id, row.gemeente, row.status, row.currentPhase, row.forecastEnd ?? 'onbekend'];
      });
      const header = ['id', 'gemeente', 'status', 'fase', 'verwacht einde'];
      io.stdout.write(`${alignColumns([header, ...rows], { maxWidth: 40 })}\n`);
      return 0;
    });
  },
};

interface DescribedTraject {
  forecast: TrajectForecast | null;
  hours: HoursReport | null;
  vit: VitProfile | null;
}

const formatHours = (hours: number) =>
  new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(hours);

/** The sections of `traject show`: phases, sessions, hours per role against the norm and the VIT profile. */
function trajectSections(trajectId: string, described: DescribedTraject): string[] {
  const lines: string[] = [];
  const { forecast, hours, vit } = described;
  if (forecast) {
    lines.push('', 'Fasen (verwachting):');
    lines.push(
      alignColumns(
        forecast.phases.map((phase) => [
          localize(phase.name),
          `${phase.start} – ${phase.end}`,
          localize(PHASE_STATE_LABELS[phase.state]),
          phase.slipWorkingDays > 0 ? `${phase.slipWorkingDays} werkdagen later` : '',
        ]),
        { indent: 2 },
      ),
    );
    lines.push('', 'Sessies:');
    lines.push(
      alignColumns(
        [
          ['sessie', 'datum', 'stand'],
          ...forecast.sessions.map((session) => [
            localize(session.name),
            session.date,
            session.actualDate ? 'gehouden' : session.date < forecast.today ? 'niet vastgelegd' : 'gepland',
          ]),
        ],
        { indent: 2 },
      ),
    );
  }
  if (hours) {
    lines.push('', `Uren per rol tot en met ${hours.today} (tegen de norm):`);
    lines.push(
      alignColumns(
        [
          ['rol', 'uren', 'norm', 'stand'],
          ...hours.rows.map((row) => [
            localize(row.commitment.roleLabel ?? ROLE_LABELS[row.role]),
            formatHours(row.countedHours),
            row.expected.maxHours === null
              ? `minstens ${formatHours(row.expected.minHours)}`
              : `${formatHours(row.expected.minHours)}–${formatHours(row.expected.maxHours)}`,
            localize(HOURS_STATUS_LABELS[row.status]),
          ]),
          ...hours.otherRoles.map((other) => [
            localize(ROLE_LABELS[other.role]),
            formatHours(other.hours),
            '—',
            'geen norm',
          ]),
        ],
        { indent: 2 },
      ),
    );
  }
  lines.push('', 'VIT-profiel:');
  if (!vit) {
    lines.push(
      `  nog geen VIT ingevuld (een formulierlink: visieleren forms link --form vit --traject ${trajectId})`,
    );
  } else {
    lines.push(
      alignColumns(
        vit.uitgangspunten.map((result) => [
          localize(result.name),
          result.average === null ? '—' : formatHours(result.average),
          result.stage
            ? localize(result.stage.name)
            : `te weinig antwoorden (${result.answered}/${result.required})`,
        ]),
        { indent: 2 },
      ),
    );
    const first = vit.priorities[0];
    if (first) lines.push(`  Eerste prioriteit: ${localize(first.name)} (${localize(first.stage.name)})`);
  }
  return lines;
}

export const trajectShowCommand: Command = {
  path: ['traject', 'show'],
  summary: 'Eén traject: fasen, sessies, actiepunten, uren per rol en VIT-profiel',
  help: `Gebruik: visieleren traject show ID [--json]

Toont één traject: status en fase, de fasen met hun verwachte data, de sessies, de uren per rol tegen
de gevraagde inzet en het VIT-profiel per uitgangspunt.
  --json   als JSON (zoals GET /api/v1/trajecten/{id})

Voorbeeld:
  visieleren traject show voorbeeld-aan-zee
`,
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = positionals[0];
    if (!id || positionals.length > 1)
      throw new UsageError(
        'Geef precies één traject-id, bijvoorbeeld: visieleren traject show voorbeeld-aan-zee',
      );
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
      const lines = [
        `${trajectName(traject)} (${traject.id}, revisie ${traject.revision})`,
        `Kernvraag: ${traject.kernvraag}`,
        `Thema: ${traject.themes.map((theme) => localize(THEME_LABELS[theme])).join(', ') || 'geen'}`,
        `Status: ${localize(TRAJECT_STATUS_LABELS[traject.status])}; huidige fase: ${row.currentPhase}`,
        `Start: ${traject.startDate}; verwacht einde: ${row.forecastEnd ?? 'onbekend'}`,
        `Achterstallige actiepunten: ${row.overdueItems}; afgevinkt: ${traject.checklist.filter((item) => item.done).length}`,
        `Uren vastgelegd: ${formatHours(traject.hours.reduce((sum, entry) => sum + entry.hours, 0))} in ${traject.hours.length} regels`,
        `Deelnemers: ${traject.participants.length}`,
        ...trajectSections(traject.id, described as unknown as DescribedTraject),
      ];
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
       visieleren traject create --bestand apps/server/examples/traject.json

Met --bestand: een JSON-bestand met dezelfde velden als POST /api/v1/trajecten
({ templateKey, startDate, gemeenten: [{ name }], kernvraag, themes, region, participants }).
Een template uit een bestand (--template mijn-template.json) wordt bij het traject bewaard.
Thema's: inwoner-centraal, rust-en-regie, balans-lokaal-regionaal (--thema mag vaker).

Voorbeelden:
  visieleren traject create --bestand apps/server/examples/traject.json
  visieleren traject create --gemeente Ede --start 2027-01-11 --kernvraag "Hoe houden we de toegang dichtbij?" --thema inwoner-centraal
`,
  aliases: { file: 'bestand' },
  options: {
    bestand: { type: 'string' },
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
    if (typeof values.bestand === 'string') {
      if (values.gemeente || values.start || values.kernvraag) {
        throw new UsageError(
          'Gebruik --bestand óf de losse argumenten (--gemeente, --start, --kernvraag), niet allebei.',
        );
      }
      input = await readJsonArgument(io.cwd, 'bestand', values.bestand);
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
      typeof values.bestand === 'string' ? `Het bestand bij --bestand` : 'Het traject',
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

const statusLabel = (status: string) =>
  localize(TRAJECT_STATUS_LABELS[status as keyof typeof TRAJECT_STATUS_LABELS] ?? { nl: status, en: status });

export const trajectStatusCommand: Command = {
  path: ['traject', 'status'],
  summary: 'De status van een traject en waarom; de status wijzigen met een reden',
  help: `Gebruik: visieleren traject status ID [--status STATUS [--reden TEKST]] [--json]

Zonder --status: de huidige status en de redenen uit het audit-log (waarom het traject stopte, pauzeerde,
of werd geannuleerd of afgewezen), nieuwste eerst. Met --status: zet de nieuwe status en legt de reden vast,
zoals "Status wijzigen" in de console en POST /api/v1/trajecten/{id}/statuswijzigingen.
  --status STATUS  ${SETTABLE_STATUSES.join(', ')}
                   (welke stap kan, hangt af van de huidige status; een fout zegt welke niet kan)
  --reden TEKST    waarom; verplicht bij ${STATUSES_NEEDING_REASON.join(', ')} (3 tot 2000 tekens)
  --json           als JSON: { traject } na een wijziging, anders { status, redenen }
Een aanmelding accepteren of afwijzen gaat met visieleren aanmeldingen.

Voorbeelden:
  visieleren traject status voorbeeld-rivierenland --status gepauzeerd --reden "De wethouder wisselt; we hervatten na het zomerreces."
  visieleren traject status voorbeeld-rivierenland
`,
  options: { status: { type: 'string' }, reden: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const id = positionals[0]?.trim();
    if (!id || positionals.length > 1) {
      throw new UsageError(
        'Geef precies één traject-id, bijvoorbeeld: visieleren traject status voorbeeld-aan-zee',
      );
    }
    const status = values.status === undefined ? undefined : oneOf(values, 'status', SETTABLE_STATUSES);
    if (status === undefined && values.reden !== undefined) {
      throw new UsageError('Het argument --reden hoort bij --status: welke status krijgt het traject?');
    }
    const reason = typeof values.reden === 'string' ? values.reden.trim() : undefined;
    return withStore(io, async (store) => {
      if (status) {
        const traject = await withOptionNames({ reden: 'reden', status: 'status' }, () =>
          changeTrajectStatus(store, id, { status, ...(reason ? { reason } : {}) }, { actor: CLI_ACTOR }),
        );
        io.stdout.write(
          values.json
            ? `${JSON.stringify({ traject }, null, 2)}\n`
            : `Status van ${trajectName(traject)} (${traject.id}): ${statusLabel(traject.status)}${reason ? `. Reden: ${reason}` : ''}\n`,
        );
        return 0;
      }
      const traject = await store.trajects.get(id, { kind: 'all' });
      const redenen = await statusReasons(store, traject.id);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ status: traject.status, redenen }, null, 2)}\n`);
        return 0;
      }
      const lines = [`${trajectName(traject)} (${traject.id}): ${statusLabel(traject.status)}`];
      if (redenen.length === 0) lines.push('Geen redenen vastgelegd.');
      else {
        lines.push('Redenen, nieuwste eerst:');
        for (const reden of redenen) {
          lines.push(
            `  ${amsterdamDate(new Date(reden.at))}  ${statusLabel(reden.status)}: ${reden.reason} (${reden.by})`,
          );
        }
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};
