import type { Traject } from '../model/traject.js';
import type { IsoDate } from '../model/vocabulary.js';

/** A traject known only as of a report (its `asOf` lies before today): shown as of then, never reminded. */
export function isFrozen(traject: Pick<Traject, 'asOf'>, today: IsoDate): boolean {
  return traject.asOf !== undefined && traject.asOf < today;
}

/** The day a view should treat as "today" for this traject: its `asOf` when frozen. */
export function viewDate(traject: Pick<Traject, 'asOf'>, today: IsoDate): IsoDate {
  return isFrozen(traject, today) ? (traject.asOf as IsoDate) : today;
}
