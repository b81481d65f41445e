import { demoPortfolio, getBuiltInTemplate } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import { withFullChecklist } from './domain.js';

/** Fills an empty embedded database with core's demo trajects, so `npm start` shows something real. */
export async function seedDemoPortfolio(store: Store, today: string): Promise<number> {
  const template = getBuiltInTemplate('visieleertraject');
  const trajects = demoPortfolio(today, template);
  for (const traject of trajects) {
    await store.trajects.create(withFullChecklist(traject, template), 'demo (visieleren serve)');
  }
  return trajects.length;
}
