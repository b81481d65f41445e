import {
  defaultVitBank,
  type HoursReport,
  hoursReport,
  type IsoDate,
  scoreVit,
  type Template,
  type Traject,
  type TrajectOverview,
  templateOf,
  trajectOverview,
  type VitProfile,
} from '@visieleren/core';

/**
 * Everything the cards and the tab show of one traject, from core's views only (so Teams agrees with the
 * overview page, the API and the other plugins).
 */
export interface TrajectView {
  traject: Traject;
  today: IsoDate;
  template?: Template;
  overview: TrajectOverview;
  hours?: HoursReport;
  /** Scored with the default (provisional) bank when the traject's answers belong to it. */
  vit?: VitProfile;
}

export function trajectView(traject: Traject, today: IsoDate): TrajectView {
  const template = templateOf(traject);
  const overview = trajectOverview(traject, today);
  const forecast = overview.forecast;
  const hours =
    template && forecast && forecast.phases.length > 0
      ? hoursReport(template, traject, forecast.phases, today)
      : undefined;
  const vit =
    traject.vit && traject.vit.bankId === defaultVitBank.id
      ? scoreVit(defaultVitBank, traject.vit.answers)
      : undefined;
  return {
    traject,
    today,
    overview,
    ...(template ? { template } : {}),
    ...(hours ? { hours } : {}),
    ...(vit ? { vit } : {}),
  };
}

/** The template's checklist items with their stored state, per phase in template order. */
export function checklistByPhase(view: TrajectView) {
  const state = new Map(view.traject.checklist.map((item) => [item.itemId, item]));
  const due = new Map((view.overview.forecast?.checklist ?? []).map((item) => [item.id, item.due]));
  const overdue = new Set(view.overview.overdue.map((item) => item.id));
  return (view.template?.phases ?? []).map((phase) => ({
    key: phase.key,
    name: phase.name,
    items: phase.checklist.map((item) => ({
      id: item.id,
      // Only items stored with the traject can be ticked (the store refuses others).
      stored: state.has(item.id),
      text: item.text,
      role: item.role,
      done: state.get(item.id)?.done ?? false,
      doneBy: state.get(item.id)?.doneBy,
      due: due.get(item.id),
      overdue: overdue.has(item.id),
    })),
  }));
}
