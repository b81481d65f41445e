import { randomBytes } from 'node:crypto';
import {
  amsterdamDate,
  CLOSED_STATUSES,
  type Clock,
  createTrajectFromTemplate,
  defaultVitBank,
  findBuiltInTemplate,
  forecastTraject,
  getBuiltInTemplate,
  hoursReport,
  localize,
  scoreVit,
  type Template,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  type Traject,
  type TrajectForecast,
  trajectName,
} from '@visieleren/core';
import type { StoredTraject } from '@visieleren/store';
import type { AppDomain } from './http/app.js';
import type { OverviewRow } from './http/overview-page.js';

/** The template a stored traject was made from; a traject on an unknown template still lists, without plan. */
export function templateOf(traject: Pick<Traject, 'templateKey'>): Template | undefined {
  return findBuiltInTemplate(traject.templateKey);
}

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

function forecastOf(traject: Traject, template: Template, today: string): TrajectForecast {
  return forecastTraject(
    template,
    {
      startDate: traject.startDate,
      phases: traject.phases,
      sessions: traject.sessions,
      ...(traject.region ? { region: traject.region } : {}),
    },
    { today },
  );
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

function overdueItems(traject: Traject, forecast: TrajectForecast, today: string): number {
  if (CLOSED_STATUSES.has(traject.status)) return 0;
  const done = new Set(traject.checklist.filter((item) => item.done).map((item) => item.itemId));
  return forecast.checklist.filter((item) => item.due < today && !done.has(item.id)).length;
}

function currentPhase(traject: Traject, forecast: TrajectForecast | undefined): string {
  if (CLOSED_STATUSES.has(traject.status)) return 'Afgelopen';
  if (!forecast) return 'Onbekend (template ontbreekt)';
  const running = forecast.phases.find((phase) => phase.state === 'bezig' || phase.state === 'uitgelopen');
  if (running) return `${localize(running.name)}${running.state === 'uitgelopen' ? ' (uitgelopen)' : ''}`;
  if (forecast.phases.every((phase) => phase.state === 'afgerond')) return 'Alle fasen afgerond';
  const next = forecast.phases.find((phase) => phase.state === 'gepland');
  if (next && next.start > forecast.today) return `Nog niet begonnen (${localize(next.name)})`;
  return next ? localize(next.name) : '—';
}

export function overviewRow(traject: Traject, today: string): OverviewRow {
  const template = templateOf(traject);
  const forecast = template ? forecastOf(traject, template, today) : undefined;
  const closed = CLOSED_STATUSES.has(traject.status);
  const next = closed
    ? undefined
    : forecast?.sessions
        .filter((session) => session.actualDate === undefined && session.date >= today)
        .sort((a, b) => a.date.localeCompare(b.date))[0];
  return {
    gemeente: trajectName(traject),
    themes: traject.themes.map((theme) => localize(THEME_LABELS[theme])),
    currentPhase: currentPhase(traject, forecast),
    status: localize(TRAJECT_STATUS_LABELS[traject.status]),
    ...(next ? { nextSession: { name: localize(next.name), date: next.date } } : {}),
    overdueItems: forecast ? overdueItems(traject, forecast, today) : 0,
    ...(forecast && !closed ? { forecastEnd: forecast.forecastEnd, slipDays: forecast.slipWorkingDays } : {}),
  };
}

/** Binds core's rules to the server: "today" in Europe/Amsterdam, built-in templates, the VIT bank. */
export function createTrajectDomain(clock: Clock): AppDomain {
  return {
    today: () => amsterdamDate(clock.now()),

    createTraject(input) {
      const template = getBuiltInTemplate(input.templateKey);
      const first = input.gemeenten[0]?.name ?? 'traject';
      const traject = createTrajectFromTemplate(template, {
        id: input.id ?? newTrajectId(first, input.startDate),
        gemeenten: input.gemeenten,
        kernvraag: input.kernvraag,
        themes: input.themes,
        start: input.startDate,
        participants: input.participants,
        ...(input.status ? { status: input.status } : {}),
        ...(input.region ? { region: input.region } : {}),
      });
      return withFullChecklist(traject, template);
    },

    describeTraject(traject, today) {
      const template = templateOf(traject);
      if (!template) return { forecast: null, hours: null, vit: null };
      const forecast = forecastOf(traject, template, today);
      const hours = hoursReport(template, traject, forecast.phases, today);
      const vit =
        traject.vit && traject.vit.bankId === defaultVitBank.id
          ? scoreVit(defaultVitBank, traject.vit.answers)
          : null;
      return { forecast, hours, vit };
    },

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
        .map((traject) => overviewRow(traject, today))
        .sort((a, b) => a.gemeente.localeCompare(b.gemeente, 'nl'));
    },
  };
}
