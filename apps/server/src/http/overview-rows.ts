import type { IsoDate } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import type { AppDomain } from './app-domain.js';
import type { OverviewRow } from './overview-page.js';

/**
 * The overview's rows, recomputed only when a traject changed. Every change to a traject bumps its revision,
 * so the ids and revisions (a cheap summaries query) say whether the full aggregates and the forecasts
 * (the expensive part: about 90% of the page's time at 342 trajects) are still current; the date is in the key
 * because "today" moves the forecast. Per process; each instance checks against the shared database.
 */
export function createOverviewRows(store: Pick<Store, 'trajects'>, domain: Pick<AppDomain, 'overviewRows'>) {
  let cached: { key: string; rows: OverviewRow[] } | undefined;
  return async (today: IsoDate): Promise<OverviewRow[]> => {
    const summaries = await store.trajects.summaries({ kind: 'all' });
    const key = `${today}|${summaries.map((summary) => `${summary.id}@${summary.revision}`).join(',')}`;
    if (cached?.key !== key) {
      cached = { key, rows: domain.overviewRows(await store.trajects.list({ kind: 'all' }), today) };
    }
    return cached.rows;
  };
}
