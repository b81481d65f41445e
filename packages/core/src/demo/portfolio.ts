import { addDays, mondayOfWeek } from '../calendar/dates.js';
import { amsterdamToUtc } from '../calendar/timezone.js';
import { defaultWorkingCalendar } from '../calendar/working-calendar.js';
import type { ExtraSession } from '../lifecycle/extra-sessions.js';
import { moveSession } from '../lifecycle/move-session.js';
import type { HourLog, Participant, Traject } from '../model/traject.js';
import type { IsoDate, Role } from '../model/vocabulary.js';
import { createTrajectFromTemplate } from '../planner/create-traject.js';
import { forecastTraject } from '../planner/forecast.js';
import type { Template } from '../templates/schema.js';
import { type DemoHistory, type DemoTrajectSpec, TABLE_1_AS_OF, TABLE_1_TRAJECTS } from './table-1.js';

const calendar = defaultWorkingCalendar;

interface HistoryOptions {
  /** Sessions of the running phase before this day were held (a stopped phase: before it stopped). */
  heldBefore?: IsoDate;
  /** Leave the last item of the most recently ended phase open, so there is an overdue item to show. */
  leaveLastItemOpen?: boolean;
  /** Tick the items of ended phases (fictional trajects only: no source says what a real one ticked). */
  tickChecklist?: boolean;
}

/** Fills in what happened: actual phase dates with the given overruns, sessions held, items ticked. */
function applyHistory(
  traject: Traject,
  template: Template,
  history: DemoHistory,
  options: HistoryOptions = {},
): Traject {
  const completed = history.completedPhases === 'all' ? traject.phases.length : history.completedPhases;
  let cursor = traject.startDate;
  const phases = traject.phases.map((phase, index) => {
    if (index < completed) {
      const workingDays = calendar.countWorkingDays(phase.plannedStart, phase.plannedEnd);
      const actualStart = calendar.workingDayOnOrAfter(cursor);
      const actualEnd = calendar.addWorkingDays(
        actualStart,
        workingDays - 1 + (history.overrunWorkingDays[index] ?? 0),
      );
      cursor = calendar.nextWorkingDay(actualEnd);
      return { ...phase, actualStart, actualEnd };
    }
    if (index === completed && history.nextStarted) {
      const actualStart = calendar.workingDayOnOrAfter(cursor);
      if (history.stoppedAfterWorkingDays === undefined) return { ...phase, actualStart };
      // A stopped traject ends its running phase when it stops, so its forecast does not run on to today.
      const actualEnd = calendar.addWorkingDays(actualStart, history.stoppedAfterWorkingDays - 1);
      return { ...phase, actualStart, actualEnd };
    }
    return phase;
  });
  const withPhases = { ...traject, phases };
  // Sessions of completed phases were held on the dates the forecast gives them (they moved with overruns).
  const forecast = forecastTraject(template, withPhases, { today: cursor });
  const ended = new Set(phases.slice(0, completed).map((phase) => phase.key));
  const current = phases[completed];
  const heldBefore = current?.actualEnd ?? options.heldBefore;
  const sessions = traject.sessions.map((session) => {
    const moved = forecast.sessions.find((candidate) => candidate.key === session.key);
    if (!moved) return session;
    const inRunningPhase = current?.actualStart !== undefined && session.phaseKey === current.key;
    const held =
      ended.has(session.phaseKey) || (inRunningPhase && heldBefore !== undefined && moved.date < heldBefore);
    return held ? { ...session, actualDate: moved.date } : session;
  });
  // Every item of an ended phase is ticked at its due date; in a running phase, the first half.
  const currentItems = forecast.checklist.filter(
    (item) => current?.actualStart && item.phaseKey === current.key,
  );
  let endedItems = forecast.checklist.filter((item) => ended.has(item.phaseKey));
  if (options.leaveLastItemOpen) endedItems = endedItems.slice(0, -1);
  const ticked = options.tickChecklist
    ? [...endedItems, ...currentItems.slice(0, Math.floor(currentItems.length / 2))]
    : [];
  const checklist = ticked.map((item) => ({
    itemId: item.id,
    done: true,
    doneAt: amsterdamToUtc(item.due, '16:00').toISOString(),
    doneBy: 'Ambtelijk contactpersoon',
  }));
  return { ...withPhases, sessions, checklist };
}

/** Weekly hours on the last working day of each full week from the start until `today`. */
function hourLogs(traject: Traject, template: Template, today: IsoDate): HourLog[] {
  const logs: HourLog[] = [];
  const forecast = forecastTraject(template, traject, { today });
  const luisteren = forecast.phases[2];
  const contactPattern = [7, 6, 8, 7, 5, 9, 7, 6];
  const supportPattern = [12, 10, 12, 13];
  const add = (role: Role, date: IsoDate, hours: number, note?: string) =>
    logs.push({ id: `${traject.id}-uren-${logs.length + 1}`, role, date, hours, ...(note ? { note } : {}) });

  let week = 0;
  for (
    let monday = mondayOfWeek(traject.startDate);
    addDays(monday, 4) < today;
    monday = addDays(monday, 7)
  ) {
    const friday = calendar.workingDayOnOrBefore(addDays(monday, 4));
    add('ambtelijk-contactpersoon', friday, contactPattern[week % contactPattern.length]!);
    if (luisteren && luisteren.start <= friday && friday <= luisteren.end) {
      add(
        'ambtelijke-ondersteuning',
        friday,
        supportPattern[week % supportPattern.length]!,
        'Duo-interviews plannen',
      );
    }
    week++;
  }
  for (const session of forecast.sessions) {
    if (!session.actualDate || session.actualDate >= today) continue;
    if (session.withBestuurders) add('bestuurder', session.actualDate, 4, sessionNote(session.name.nl));
    add('professional', session.actualDate, 4, sessionNote(session.name.nl));
  }
  return logs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}

const sessionNote = (sessionName: string) => `Sessie: ${sessionName}`;

function participants(
  prefix: string,
  names: Array<[string, Role, Participant['perspective']]>,
): Participant[] {
  return names.map(([name, role, perspective], index) => ({
    id: `${prefix}-p${index + 1}`,
    name,
    role,
    ...(perspective ? { perspective } : {}),
  }));
}

function build(
  template: Template,
  spec: DemoTrajectSpec,
  extra: Partial<Traject> = {},
  options: HistoryOptions = {},
): Traject {
  const planned = createTrajectFromTemplate(template, {
    id: spec.id,
    gemeenten: spec.gemeenten,
    kernvraag: spec.kernvraag,
    themes: spec.themes,
    start: spec.start,
    status: spec.status,
    ...(spec.region ? { region: spec.region } : {}),
  });
  const traject = applyHistory(planned, template, spec.history, options);
  return {
    ...withSessionsStillPlanned(traject, spec),
    ...(spec.statusReason ? { statusReason: spec.statusReason } : {}),
    ...extra,
  };
}

/** The template sessions the source says were still to come: moved (with what follows) to their date. */
function withSessionsStillPlanned(traject: Traject, spec: DemoTrajectSpec): Traject {
  let result = traject;
  for (const { session, date } of spec.stillPlanned ?? []) {
    if (!result.sessions.some((candidate) => candidate.key === session)) continue;
    const move = moveSession(result, session, date, calendar);
    const sessionDates = new Map(move.sessions.map((change) => [change.sessionKey, change.plannedDate]));
    const phaseDates = new Map(move.phases.map((change) => [change.key, change]));
    result = {
      ...result,
      sessions: result.sessions.map((candidate) => {
        const plannedDate = sessionDates.get(candidate.key);
        return plannedDate ? { ...candidate, plannedDate } : candidate;
      }),
      phases: result.phases.map((phase) => {
        const change = phaseDates.get(phase.key);
        return change
          ? {
              ...phase,
              ...(change.plannedStart ? { plannedStart: change.plannedStart } : {}),
              ...(change.plannedEnd ? { plannedEnd: change.plannedEnd } : {}),
            }
          : phase;
      }),
    };
  }
  return result;
}

/**
 * Extra sessions of the Tabel 1 trajects that the source names as still to come (Twenterand's
 * inwonerssessie), on the same illustrative dates: the demo seed stores them with the trajects.
 */
export function demoExtraSessions(): Array<{ trajectId: string; session: ExtraSession }> {
  return TABLE_1_TRAJECTS.flatMap((spec) =>
    (spec.stillPlanned ?? [])
      .filter((planned) => planned.session === 'inwonerssessie')
      .map((planned) => ({
        trajectId: spec.id,
        session: {
          key: 'inwonerssessie',
          kind: 'inwonerssessie' as const,
          plannedDate: planned.date,
          note: 'Illustratieve datum: de Rapportage Visieleren (Tabel 1) zegt alleen dat deze sessie in 2024 plaatsvindt.',
        },
      })),
  );
}

/**
 * The demo portfolio: the nine trajects of seed 002 Tabel 1 (status, themes, vraagstuk and reasons from the
 * table; dates illustrative and marked so; nothing ticked, no hours) plus three
 * running ones around `today` in fictional gemeenten, so the overview page and the reminders have live
 * data: one in its second phase, one whose third phase has run over (a slipped plan), and one that is
 * about to start. Deterministic for the same `today` and template.
 */
export function demoPortfolio(today: IsoDate, template: Template): Traject[] {
  const thisMonday = mondayOfWeek(today);
  // Frozen at the report's date: the table says where they stood then, not where they stand today.
  const table = TABLE_1_TRAJECTS.map((spec) =>
    build(template, spec, { asOf: TABLE_1_AS_OF, illustrative: ['data'] }),
  );

  const aanZee: DemoTrajectSpec = {
    id: 'voorbeeld-aan-zee',
    gemeenten: [{ name: 'Aan Zee (fictief)', inwoners: 42_000 }],
    kernvraag: 'Hoe zorgen we dat inwoners met meerdere vragen één vast aanspreekpunt in de toegang hebben?',
    themes: ['inwoner-centraal'],
    status: 'lopend',
    region: 'noord',
    start: addDays(thisMonday, -21),
    history: { completedPhases: 1, nextStarted: true, overrunWorkingDays: [0] },
  };
  const rivierenland: DemoTrajectSpec = {
    id: 'voorbeeld-rivierenland',
    gemeenten: [
      { name: 'Rivierstad (fictief)', inwoners: 58_000 },
      { name: 'Dijkdorp (fictief)', inwoners: 17_000 },
    ],
    kernvraag: 'Hoe houden we de couleur locale van twee gemeenten in één regionale toegang?',
    themes: ['balans-lokaal-regionaal', 'rust-en-regie'],
    status: 'lopend',
    region: 'midden',
    start: addDays(thisMonday, -63),
    history: { completedPhases: 2, nextStarted: true, overrunWorkingDays: [0, 5] },
  };
  const heuvelland: DemoTrajectSpec = {
    id: 'voorbeeld-heuvelland',
    gemeenten: [{ name: 'Heuvelland (fictief)', inwoners: 24_000 }],
    kernvraag: 'Hoe brengen we rust en regie terug in de toegang na een reorganisatie?',
    themes: ['rust-en-regie'],
    status: 'aangemeld',
    region: 'zuid',
    start: addDays(thisMonday, 7),
    history: { completedPhases: 0, nextStarted: false, overrunWorkingDays: [] },
  };

  const running = [aanZee, rivierenland].map((spec) => {
    const traject = build(
      template,
      spec,
      {
        participants: participants(spec.id, [
          ['Contactpersoon (fictief)', 'ambtelijk-contactpersoon', 'beleid'],
          ['Ondersteuner (fictief)', 'ambtelijke-ondersteuning', undefined],
          ['Wethouder (fictief)', 'bestuurder', 'bestuur'],
          ['Teamleider toegang (fictief)', 'professional', 'management'],
          ['Consulent sociaal team (fictief)', 'professional', 'uitvoering'],
          ['Ervaringsdeskundige (fictief)', 'inwoner', 'inwoner'],
        ]),
        illustrative: ['data', 'checklist', 'uren', 'deelnemers'],
      },
      { heldBefore: today, leaveLastItemOpen: true, tickChecklist: true },
    );
    return { ...traject, hours: hourLogs(traject, template, today) };
  });
  const upcoming = build(template, heuvelland, { illustrative: ['data'] });
  return [...table, ...running, upcoming];
}
