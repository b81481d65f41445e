import { maxDate, minDate } from '../calendar/dates.js';
import type { LocalizedText } from '../i18n/index.js';
import type { Traject } from '../model/traject.js';
import type { IsoDate, Role } from '../model/vocabulary.js';
import type { Commitment, Template } from '../templates/schema.js';

/** The dates of one phase as the caller knows them: planned, actual or forecast (A's planner gives these). */
export interface PhaseDateRange {
  key: string;
  start: IsoDate;
  end: IsoDate;
}

export interface CommitmentSizeBasis {
  /** Total inwoners of the traject's gemeenten; undefined when any gemeente lacks the number. */
  inwoners: number | undefined;
  /** Index into the commitment's bySize bands, when one was applied. */
  bandIndex: number | undefined;
}

interface ResolvedBase {
  role: Role;
  /** The template's own name for the role, if it has one (e.g. "projectleider"). */
  roleLabel?: LocalizedText;
  /** Phases the norm applies to; null for the whole traject. */
  phaseKeys: string[] | null;
  /** The date ranges those phases cover (or the whole traject), when phase dates are known. */
  periods: Array<{ start: IsoDate; end: IsoDate }>;
  source: string;
  note?: LocalizedText;
}

export interface ResolvedHoursPerWeek extends ResolvedBase {
  kind: 'hours-per-week';
  minHours: number;
  maxHours: number;
  size: CommitmentSizeBasis;
}

export interface ResolvedDagdelen extends ResolvedBase {
  kind: 'dagdelen';
  minDagdelen: number;
  hoursPerDagdeel: number;
  /** minDagdelen × hoursPerDagdeel: the hours the norm asks for over the traject, preparation not included. */
  minHours: number;
  plusPreparation: boolean;
}

export type ResolvedCommitment = ResolvedHoursPerWeek | ResolvedDagdelen;

/** All gemeenten together: a shared traject is as large as its combined population. */
export function totalInwoners(traject: Pick<Traject, 'gemeenten'>): number | undefined {
  let total = 0;
  for (const gemeente of traject.gemeenten) {
    if (gemeente.inwoners === undefined) return undefined;
    total += gemeente.inwoners;
  }
  return total;
}

type HoursCommitment = Extract<Commitment, { kind: 'hours-per-week' }>;

/** The first band whose upper bound holds the population; above every bound, the last band. */
function sizeBand(commitment: HoursCommitment, inwoners: number | undefined) {
  const bands = commitment.bySize;
  if (!bands?.length || inwoners === undefined) return undefined;
  const index = bands.findIndex((band) => band.upToInwoners === undefined || inwoners <= band.upToInwoners);
  const bandIndex = index === -1 ? bands.length - 1 : index;
  return { band: bands[bandIndex]!, bandIndex };
}

/** Phase dates from the traject itself: actual dates where known, planned dates otherwise. */
export function trajectPhaseDates(traject: Pick<Traject, 'phases'>): PhaseDateRange[] {
  return traject.phases.map((phase) => ({
    key: phase.key,
    start: phase.actualStart ?? phase.plannedStart,
    end: phase.actualEnd ?? phase.plannedEnd,
  }));
}

function periodsFor(phaseKeys: string[] | null, phaseDates: readonly PhaseDateRange[]) {
  if (phaseDates.length === 0) return [];
  if (phaseKeys === null) {
    const start = phaseDates.map((phase) => phase.start).reduce(minDate);
    const end = phaseDates.map((phase) => phase.end).reduce(maxDate);
    return [{ start, end }];
  }
  return phaseDates
    .filter((phase) => phaseKeys.includes(phase.key))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * The norms per role for this traject: hour ranges scaled by the size of the gemeente(n), dagdelen turned into
 * hours, and the phases and dates they apply to. Phase dates default to the traject's own (actual, else planned).
 */
export function resolveCommitments(
  template: Template,
  traject: Pick<Traject, 'gemeenten' | 'phases'>,
  phaseDates: readonly PhaseDateRange[] = trajectPhaseDates(traject),
): ResolvedCommitment[] {
  const inwoners = totalInwoners(traject);
  return template.commitments.map((commitment): ResolvedCommitment => {
    const phaseKeys = commitment.phaseKeys ?? null;
    const base = {
      role: commitment.role,
      phaseKeys,
      periods: periodsFor(phaseKeys, phaseDates),
      source: commitment.source,
      ...(commitment.roleLabel ? { roleLabel: commitment.roleLabel } : {}),
      ...(commitment.note ? { note: commitment.note } : {}),
    };
    if (commitment.kind === 'dagdelen') {
      const { hoursPerDagdeel } = template.settings;
      return {
        ...base,
        kind: 'dagdelen',
        minDagdelen: commitment.minDagdelen,
        hoursPerDagdeel,
        minHours: commitment.minDagdelen * hoursPerDagdeel,
        plusPreparation: commitment.plusPreparation,
      };
    }
    const found = sizeBand(commitment, inwoners);
    return {
      ...base,
      kind: 'hours-per-week',
      minHours: found?.band.minHours ?? commitment.minHours,
      maxHours: found?.band.maxHours ?? commitment.maxHours,
      size: { inwoners, bandIndex: found?.bandIndex },
    };
  });
}
