import { demoPortfolio, getBuiltInTemplate } from '@visieleren/core';
import { withFullChecklist } from './support.js';

export const CRASH_PARENT_PAGE = '0f0e0d0c-0b0a-4908-8706-050403020100';

/** Four demo trajects, the same in every process. */
export function crashTrajects() {
  return demoPortfolio('2027-02-01', getBuiltInTemplate('visieleertraject'))
    .slice(0, 4)
    .map(withFullChecklist);
}
