import { defaultWorkingCalendar, type WorkingCalendar } from '../calendar/working-calendar.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Traject } from '../model/traject.js';
import type { IsoDate } from '../model/vocabulary.js';
import { signedWorkingDays } from '../planner/forecast.js';

export interface SessionMove {
  /** The moved session (on a working day) and every later session not yet held, each shifted alike. */
  sessions: Array<{ sessionKey: string; plannedDate: IsoDate }>;
  /** Phases whose planned dates shift with them. */
  phases: Array<{ key: string; plannedStart?: IsoDate; plannedEnd?: IsoDate }>;
  /** Working days the plan moved (negative: earlier). */
  workingDays: number;
}

/**
 * Moving a session re-plans what follows: later sessions that were not held and the phases after it shift by
 * the same number of working days, so holidays stay skipped (every new date is a working day). The phase
 * the session is in ends later when the session moves past its end.
 */
export function moveSession(
  traject: Pick<Traject, 'sessions' | 'phases'>,
  sessionKey: string,
  to: IsoDate,
  calendar: WorkingCalendar = defaultWorkingCalendar,
): SessionMove {
  const session = traject.sessions.find((candidate) => candidate.key === sessionKey);
  if (!session) throw new NotFoundError(`Het traject heeft geen sessie "${sessionKey}".`);
  if (session.actualDate) {
    throw new ValidationError(
      `De sessie "${sessionKey}" is al gehouden; leg een andere datum vast als werkelijke datum.`,
      [{ path: 'sessie', message: 'al gehouden' }],
    );
  }
  const from = session.plannedDate;
  const target = calendar.workingDayOnOrAfter(to);
  const workingDays = signedWorkingDays(calendar, from, target);
  const shift = (date: IsoDate) => calendar.addWorkingDays(calendar.workingDayOnOrAfter(date), workingDays);
  // Earlier: only this session moves (nothing forces the rest forward). Later: everything after it follows.
  const later = workingDays > 0;
  const sessions = traject.sessions
    .filter((other) => other.key === sessionKey || (later && !other.actualDate && other.plannedDate > from))
    .map((other) => ({
      sessionKey: other.key,
      plannedDate: other.key === sessionKey ? target : shift(other.plannedDate),
    }));
  const phases: SessionMove['phases'] = [];
  if (later) {
    for (const phase of traject.phases) {
      if (phase.actualEnd) continue;
      if (phase.key === session.phaseKey)
        phases.push({ key: phase.key, plannedEnd: shift(phase.plannedEnd) });
      else if (phase.plannedStart > from) {
        phases.push({
          key: phase.key,
          plannedStart: shift(phase.plannedStart),
          plannedEnd: shift(phase.plannedEnd),
        });
      }
    }
  }
  return { sessions, phases, workingDays };
}
