import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import type { LocalizedText } from '../i18n/index.js';
import type { TrajectStatus } from '../model/index.js';

/**
 * The traject's status machine: which status may follow which, and who may take each step. The API, the
 * console, Teams and Slack all ask it before they change a status, so a rule holds whatever the surface.
 *
 * The VNG team runs the traject: it accepts or declines an aanmelding, pauzes, stops and closes. A gemeente
 * follows its own traject and may withdraw its own aanmelding before the VNG has decided; it may not take any
 * other step (a declined gemeente cannot put its traject back to `lopend`, nor skip the acceptance).
 */

/** Who asks for a step: a VNG-team member, or a gemeente (its token, its Teams channel). */
export type TrajectStatusActor = 'vng' | 'gemeente';

export type TrajectStep =
  | 'accepteren'
  | 'afwijzen'
  | 'intrekken'
  | 'pauzeren'
  | 'hervatten'
  | 'borging-plannen'
  | 'inwonerssessie-plannen'
  | 'stoppen'
  | 'afsluiten';

interface StepRule {
  from: readonly TrajectStatus[];
  to: readonly TrajectStatus[];
  by: readonly TrajectStatusActor[];
  /** A step that ends or refuses a traject says why, for the dossier and the audit log. */
  needsReason: boolean;
  label: LocalizedText;
}

/** The statuses in which a traject runs (its sessions are being held). */
const RUNNING: readonly TrajectStatus[] = ['lopend', 'borgingssessie-gepland', 'inwonerssessie-gepland'];

export const TRAJECT_STEPS: Readonly<Record<TrajectStep, StepRule>> = {
  accepteren: {
    from: ['aangemeld'],
    to: ['lopend'],
    by: ['vng'],
    needsReason: false,
    label: { nl: 'Aanmelding accepteren', en: 'Accept the application' },
  },
  afwijzen: {
    from: ['aangemeld'],
    to: ['afgewezen'],
    by: ['vng'],
    needsReason: true,
    label: { nl: 'Aanmelding afwijzen', en: 'Decline the application' },
  },
  intrekken: {
    from: ['aangemeld'],
    to: ['geannuleerd'],
    by: ['vng', 'gemeente'],
    needsReason: false,
    label: { nl: 'Aanmelding intrekken', en: 'Withdraw the application' },
  },
  pauzeren: {
    from: RUNNING,
    to: ['gepauzeerd'],
    by: ['vng'],
    needsReason: false,
    label: { nl: 'Pauzeren', en: 'Pause' },
  },
  hervatten: {
    from: ['gepauzeerd'],
    to: ['lopend'],
    by: ['vng'],
    needsReason: false,
    label: { nl: 'Hervatten', en: 'Resume' },
  },
  'borging-plannen': {
    from: ['lopend', 'inwonerssessie-gepland'],
    to: ['borgingssessie-gepland'],
    by: ['vng'],
    needsReason: false,
    label: { nl: 'Borgingssessie nog gepland', en: 'Embedding session still planned' },
  },
  'inwonerssessie-plannen': {
    from: ['lopend', 'borgingssessie-gepland'],
    to: ['inwonerssessie-gepland'],
    by: ['vng'],
    needsReason: false,
    label: { nl: 'Inwonerssessie nog gepland', en: 'Residents session still planned' },
  },
  stoppen: {
    from: [...RUNNING, 'gepauzeerd'],
    to: ['tussentijds-gestopt'],
    by: ['vng'],
    needsReason: true,
    label: { nl: 'Tussentijds stoppen', en: 'Stop early' },
  },
  afsluiten: {
    from: [...RUNNING, 'gepauzeerd', 'afgerond'],
    to: ['afgerond', 'afgerond-werkbezoek'],
    by: ['vng'],
    needsReason: true,
    label: { nl: 'Afsluiten', en: 'Close' },
  },
};

export const MIN_REASON_LENGTH = 3;
export const MAX_REASON_LENGTH = 2000;

/** The step that takes a traject from `from` to `to`, or undefined when no step does. */
export function stepBetween(from: TrajectStatus, to: TrajectStatus): TrajectStep | undefined {
  for (const [step, rule] of Object.entries(TRAJECT_STEPS) as Array<[TrajectStep, StepRule]>) {
    // Closing an already closed traject only adds the werkbezoek.
    if (step === 'afsluiten' && from === 'afgerond' && to !== 'afgerond-werkbezoek') continue;
    if (rule.from.includes(from) && rule.to.includes(to)) return step;
  }
  return undefined;
}

/** The statuses `actor` may move a traject in status `from` to (for a menu of buttons). */
export function nextStatuses(from: TrajectStatus, actor: TrajectStatusActor): TrajectStatus[] {
  const next = new Set<TrajectStatus>();
  for (const rule of Object.values(TRAJECT_STEPS)) {
    if (!rule.by.includes(actor) || !rule.from.includes(from)) continue;
    for (const to of rule.to) if (stepBetween(from, to)) next.add(to);
  }
  return [...next];
}

export interface StatusChange {
  from: TrajectStatus;
  to: TrajectStatus;
  /** `undefined` when nothing changes (the traject already has the status). */
  step: TrajectStep | undefined;
  reason?: string;
}

/**
 * Checks a status change: the step must exist (else ConflictError, 409), the actor must be allowed to take
 * it (else ForbiddenError, 403), and a step that ends or refuses a traject needs a reason of 3 to 2,000
 * characters (else ValidationError naming `reden`, 422). Asking for the status a traject already has
 * changes nothing and is allowed.
 */
export function planStatusChange(input: {
  from: TrajectStatus;
  to: TrajectStatus;
  actor: TrajectStatusActor;
  reason?: string | undefined;
}): StatusChange {
  const { from, to, actor } = input;
  if (from === to) return { from, to, step: undefined };
  const step = stepBetween(from, to);
  if (!step) {
    throw new ConflictError(`Een traject met status "${from}" kan niet naar status "${to}".`);
  }
  const rule = TRAJECT_STEPS[step];
  if (!rule.by.includes(actor)) {
    throw new ForbiddenError(
      `Alleen het VNG-team kan deze stap zetten (${rule.label.nl.toLowerCase()}: "${from}" → "${to}").`,
    );
  }
  const reason = input.reason?.trim();
  if (rule.needsReason) {
    if (!reason || reason.length < MIN_REASON_LENGTH || reason.length > MAX_REASON_LENGTH) {
      throw new ValidationError(
        `Geef een reden voor deze stap (${rule.label.nl.toLowerCase()}): ${MIN_REASON_LENGTH} tot ${MAX_REASON_LENGTH} tekens.`,
        [{ path: 'reden', message: `verplicht, ${MIN_REASON_LENGTH} tot ${MAX_REASON_LENGTH} tekens` }],
      );
    }
  }
  return { from, to, step, ...(reason ? { reason } : {}) };
}
