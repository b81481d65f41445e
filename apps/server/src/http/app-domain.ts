import type { WorkingCalendar } from '@visieleren/core';
import type { StoredTraject } from '@visieleren/store';
import type { OverviewRow } from './overview-page.js';
import type { TrajectDomain } from './trajecten-routes.js';

/**
 * What the HTTP app needs from the server's domain (`createTrajectDomain` in `domain.ts`). It lives apart from
 * `app.ts` so that the route modules and the domain can name it without importing the composition root back.
 */
export interface AppDomain extends TrajectDomain {
  /** The working calendar of this server (Goede Vrijdag, extra closed days); default: core's. */
  calendar?(): WorkingCalendar;
  overviewRows(trajects: StoredTraject[], today: string): OverviewRow[];
}
