import { randomBytes } from 'node:crypto';
import {
  amsterdamDate,
  type Clock,
  createTrajectFromTemplate,
  DEFAULT_NAZORG_MONTHS,
  defaultVitBank,
  defaultWorkingCalendar,
  forecastTraject,
  formatDate,
  getBuiltInTemplate,
  type HoursReport,
  hoursReport,
  ILLUSTRATIVE_LABEL,
  localize,
  scoreVit,
  type Template,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  type Traject,
  type TrajectForecast,
  type TrajectOverview,
  templateOf,
  trajectOverview,
  type VitProfile,
  viewDate,
  type WorkingCalendar,
} from '@visieleren/core';
import type { StoredTraject } from '@visieleren/store';
import type { CreateTrajectBody } from './http/api-schemas.js';
import type { AppDomain } from './http/app.js';
import type { OverviewRow } from './http/overview-page.js';
import type { LifecycleDomain, LifecycleSettings } from './lifecycle/views.js';

/** The template a traject follows (its own, or the built-in one it names): core's one rule. */
export { templateOf };

/**
 * Every checklist item of the template as a row (not done unless already ticked): the store updates rows that
 * exist, so a traject must carry all its items from the start to be tickable through the API.
 */
export function withFullChecklist(traject: Traject, template: Template): Traject {
  const present = new Set(traject.checklist.map((item) => item.itemId));
  const missing = template.phases
    .flatMap((phase) => phase.checklist)
    .filter((item) => !present.has(item.id))
    .map((item) => ({ itemId: item.id, done: false }));
  return missing.length ? { ...traject, checklist: [...traject.checklist, ...missing] } : traject;
}

function forecastOf(
  traject: Traject,
  template: Template,
  today: string,
  calendar?: WorkingCalendar,
): TrajectForecast {
  return forecastTraject(
    template,
    {
      startDate: traject.startDate,
      phases: traject.phases,
      sessions: traject.sessions,
      status: traject.status,
      ...(traject.region ? { region: traject.region } : {}),
    },
    { today, ...(calendar ? { calendar } : {}) },
  );
}

export type TrajectDescription = {
  forecast: TrajectForecast | null;
  hours: HoursReport | null;
  vit: VitProfile | null;
};

/** Forecast, hours against the norms and the VIT profile of one traject (null where its template is unknown). */
export function describeTraject(
  traject: Traject,
  today: string,
  calendar?: WorkingCalendar,
): TrajectDescription {
  const template = templateOf(traject);
  if (!template) return { forecast: null, hours: null, vit: null };
  const forecast = forecastOf(traject, template, viewDate(traject, today), calendar);
  const hours = hoursReport(template, traject, forecast.phases, today);
  const vit =
    traject.vit && traject.vit.bankId === defaultVitBank.id
      ? scoreVit(defaultVitBank, traject.vit.answers)
      : null;
  return { forecast, hours, vit };
}

/** `Stede Broec` + 2027-01-11 → `stede-broec-2027-3f9a`: readable, and two trajects never collide by accident. */
export function newTrajectId(gemeente: string, startDate: string): string {
  const slug = gemeente
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'traject'}-${startDate.slice(0, 4)}-${randomBytes(2).toString('hex')}`;
}

function currentPhaseLabel(view: TrajectOverview): string {
  switch (view.stage) {
    case 'afgesloten':
      return 'Afgelopen';
    case 'onbekend':
      return 'Onbekend (template ontbreekt)';
    case 'fasen-afgerond':
      return 'Alle fasen afgerond';
    case 'nog-niet-begonnen':
      return view.nextPhase ? `Nog niet begonnen (${localize(view.nextPhase.name)})` : '—';
    case 'loopt': {
      const phase = view.currentPhase;
      if (!phase) return '—';
      return `${localize(phase.name)}${phase.state === 'uitgelopen' ? ' (uitgelopen)' : ''}`;
    }
  }
}

/** The overview page's row: core's traject view in Dutch words. */
export function overviewRow(traject: Traject, today: string, calendar?: WorkingCalendar): OverviewRow {
  const view = trajectOverview(traject, today, calendar ? { calendar } : {});
  return {
    trajectId: traject.id,
    gemeente: view.name,
    themes: traject.themes.map((theme) => localize(THEME_LABELS[theme])),
    currentPhase: currentPhaseLabel(view),
    // A traject known only as of a report says so (Tabel 1: "stand 30 april 2024"), with its reason and
    // whether its dates are illustrative.
    status: [
      localize(TRAJECT_STATUS_LABELS[traject.status]),
      view.statusReason ? `: ${view.statusReason.toLowerCase()}` : '',
      view.asOf ? ` (stand ${formatDate(view.asOf)})` : '',
      view.illustrative ? ` — ${localize(ILLUSTRATIVE_LABEL).toLowerCase()}` : '',
    ].join(''),
    ...(view.nextSession
      ? { nextSession: { name: localize(view.nextSession.name), date: view.nextSession.date } }
      : {}),
    overdueItems: view.overdue.length,
    ...(view.forecastEnd !== undefined && !view.closed
      ? { forecastEnd: view.forecastEnd, slipDays: view.slipWorkingDays ?? 0 }
      : {}),
  };
}

/**
 * Binds core's rules to the server: "today" in Europe/Amsterdam, built-in templates, the VIT bank, and the
 * lifecycle settings (`lifecycleSettingsFromEnv`: working calendar, months until the nazorggesprek).
 */
export function createTrajectDomain(
  clock: Clock,
  options: Partial<LifecycleSettings> = {},
): AppDomain & LifecycleDomain {
  const { calendar } = options;
  const settings: LifecycleSettings = {
    nazorgMonths: options.nazorgMonths ?? DEFAULT_NAZORG_MONTHS,
    ...(calendar ? { calendar } : {}),
  };
  return {
    today: () => amsterdamDate(clock.now()),
    calendar: () => calendar ?? defaultWorkingCalendar,
    lifecycleSettings: () => settings,

    /** From a built-in template by key, or from a loaded one, which then travels with the traject. */
    createTraject(input: CreateTrajectBody, loaded?: Template): Traject {
      const template = loaded ?? getBuiltInTemplate(input.templateKey);
      const first = input.gemeenten[0]?.name ?? 'traject';
      const traject = createTrajectFromTemplate(
        template,
        {
          id: input.id ?? newTrajectId(first, input.startDate),
          gemeenten: input.gemeenten,
          kernvraag: input.kernvraag,
          themes: input.themes,
          start: input.startDate,
          participants: input.participants,
          ...(input.status ? { status: input.status } : {}),
          ...(input.region ? { region: input.region } : {}),
        },
        calendar ? { calendar } : {},
      );
      const full = withFullChecklist(traject, template);
      return loaded ? { ...full, templateKey: loaded.key, template: loaded } : full;
    },

    describeTraject: (traject, today) => describeTraject(traject, today, calendar),

    checklistItemIds(traject) {
      const template = templateOf(traject);
      return new Set(template?.phases.flatMap((phase) => phase.checklist.map((item) => item.id)) ?? []);
    },

    scoreVit(answers) {
      return {
        bankId: defaultVitBank.id,
        bankVersion: defaultVitBank.version,
        profile: scoreVit(defaultVitBank, answers),
      };
    },

    overviewRows(trajects: StoredTraject[], today) {
      return trajects
        .map((traject) => overviewRow(traject, today, calendar))
        .sort((a, b) => a.gemeente.localeCompare(b.gemeente, 'nl'));
    },
  };
}
