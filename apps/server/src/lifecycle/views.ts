import {
  aftercarePlan,
  citeSource,
  DEFAULT_NAZORG_MONTHS,
  DEMO_PROGRAMMES,
  type Lesson,
  latestDeliverables,
  localize,
  NotFoundError,
  type Programme,
  type ProgrammeProgress,
  programmeProgress,
  SEED_LESSONS,
  TRAJECT_STATUS_LABELS,
  type Traject,
  type TrajectStatus,
  teamGaps,
  viewDate,
  type WorkingCalendar,
} from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import { templateOf } from '../domain.js';

/**
 * Settings of the lifecycle (server and CLI): months between the borgingssessie and the nazorggesprek
 * (VISIELEREN_NAZORG_MAANDEN) and the working calendar that plans the borgingssessie and moves the talk off a
 * closed day (default: core's). The reminders (`aftercare-source.ts`) use the same two.
 */
export interface LifecycleSettings {
  nazorgMonths: number;
  calendar?: WorkingCalendar;
}
export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = { nazorgMonths: DEFAULT_NAZORG_MONTHS };

/** What the server's domain (`createTrajectDomain`) adds for the lifecycle API: the server's own settings. */
export interface LifecycleDomain {
  lifecycleSettings(): LifecycleSettings;
}

/** Everything the lifecycle adds to one traject's dossier, for the API and the export. */
export async function lifecycleDossierView(
  store: Store,
  traject: Traject,
  today: string,
  options: { settings?: LifecycleSettings; withContact: boolean },
) {
  const lifecycle = lifecycleOf(store);
  const dossier = await lifecycle.dossier(traject.id);
  const template = templateOf(traject);
  const settings = options.settings ?? DEFAULT_LIFECYCLE_SETTINGS;
  const nazorg = template
    ? aftercarePlan(traject, template, {
        today: viewDate(traject, today),
        months: settings.nazorgMonths,
        ...(settings.calendar ? { calendar: settings.calendar } : {}),
        extraSessions: dossier.extraSessions,
        formAnswers: dossier.formAnswers,
      })
    : undefined;
  const { intake, ...rest } = dossier;
  return {
    ...(intake
      ? {
          aanmelding: options.withContact
            ? intake
            : { vraagstuk: intake.vraagstuk, submittedAt: intake.submittedAt, decision: intake.decision },
        }
      : {}),
    kernvragen: rest.kernvraag,
    formulierantwoorden: rest.formAnswers,
    producten: latestDeliverables(rest.deliverables),
    productversies: rest.deliverables,
    team: rest.team,
    tekorten: teamGaps(rest.team, traject.participants),
    extraSessies: rest.extraSessions,
    nazorg: nazorg ?? null,
    nazorgMaanden: settings.nazorgMonths,
    lessen: rest.lessons,
    programmas: rest.programmes,
  };
}

/**
 * The lessons library: seed 002's dilemmas and werkzame elementen first, then the stored ones; each source
 * named as the document people know ("Rapportage Visieleren, VNG, april 2024, §2.1").
 */
export async function allLessons(store: Store): Promise<Lesson[]> {
  return [...SEED_LESSONS, ...(await lifecycleOf(store).listLessons())].map((lesson) =>
    lesson.source ? { ...lesson, source: citeSource(lesson.source) } : lesson,
  );
}

/** Stored programmes, plus the demo programmes of core that were not stored (yet). */
export async function allProgrammes(store: Store): Promise<Programme[]> {
  const stored = await lifecycleOf(store).listProgrammes();
  const keys = new Set(stored.map((programme) => programme.key));
  return [...stored, ...DEMO_PROGRAMMES.filter((programme) => !keys.has(programme.key))].sort((a, b) =>
    a.name.localeCompare(b.name, 'nl'),
  );
}

export async function findProgramme(store: Store, key: string): Promise<Programme> {
  const programme = (await allProgrammes(store)).find((candidate) => candidate.key === key);
  if (!programme) throw new NotFoundError(`Programma ${JSON.stringify(key)} bestaat niet.`);
  return programme;
}

export async function programmeWithProgress(
  store: Store,
  programme: Programme,
  today: string,
): Promise<ProgrammeProgress> {
  const summaries = await store.trajects.summaries({ kind: 'all' });
  const measurements = await lifecycleOf(store)
    .measurements(programme.key)
    .catch(() => []);
  return programmeProgress(programme, summaries, measurements, today);
}

/** A measurement for a demo programme stores that programme first (its trajects if they exist). */
export async function ensureStoredProgramme(
  store: Store,
  programme: Programme,
  actor: string,
): Promise<void> {
  const lifecycle = lifecycleOf(store);
  const stored = await lifecycle.listProgrammes();
  if (stored.some((candidate) => candidate.key === programme.key)) return;
  const existing = new Set((await store.trajects.summaries({ kind: 'all' })).map((traject) => traject.id));
  await lifecycle.upsertProgramme(
    { ...programme, trajectIds: programme.trajectIds.filter((id) => existing.has(id)) },
    actor,
  );
}

/** "9 trajecten (Afgerond: 4, …), 3 programmalijnen": one line for the overview and the programme pages. */
export function programmeSummaryText(programme: Programme, progress: ProgrammeProgress): string {
  const statuses = Object.entries(progress.trajects.byStatus)
    .map(([status, count]) => `${localize(TRAJECT_STATUS_LABELS[status as TrajectStatus])}: ${count}`)
    .join(', ');
  const trajects = `${progress.trajects.total} traject${progress.trajects.total === 1 ? '' : 'en'}`;
  const lines = `${programme.lines.length} programmalijn${programme.lines.length === 1 ? '' : 'en'}`;
  const reached = progress.indicators.filter((indicator) => indicator.reached).length;
  const targets = progress.indicators.filter((indicator) => indicator.target !== undefined).length;
  const indicators = targets > 0 ? `, ${reached} van ${targets} streefwaarden gehaald` : '';
  return `${trajects}${statuses ? ` (${statuses})` : ''}, ${lines}${indicators}`;
}

/** Every programme with its one-line progress, for the overview page. */
export async function programmeSummaries(
  store: Store,
  today: string,
): Promise<Array<{ key: string; name: string; summary: string }>> {
  return Promise.all(
    (await allProgrammes(store)).map(async (programme) => ({
      key: programme.key,
      name: programme.name,
      summary: programmeSummaryText(programme, await programmeWithProgress(store, programme, today)),
    })),
  );
}
