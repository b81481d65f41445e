import { demoExtraSessions, demoPortfolio, getBuiltInTemplate } from '@visieleren/core';
import { lifecycleOf, type Store } from '@visieleren/store';
import { withFullChecklist } from './domain.js';

const DEMO_ACTOR = 'demo (visieleren serve)';

/**
 * Fills an empty embedded database with core's demo trajects, so `npm start` shows something real: the nine
 * of the Rapportage Visieleren (Tabel 1) with the sessions it names as still to come, and three fictional ones.
 */
export async function seedDemoPortfolio(store: Store, today: string): Promise<number> {
  const template = getBuiltInTemplate('visieleertraject');
  const trajects = demoPortfolio(today, template);
  for (const traject of trajects) {
    await store.trajects.create(withFullChecklist(traject, template), DEMO_ACTOR);
  }
  const lifecycle = lifecycleOf(store);
  for (const { trajectId, session } of demoExtraSessions()) {
    await lifecycle.upsertExtraSession(trajectId, session, DEMO_ACTOR);
  }
  return trajects.length;
}
