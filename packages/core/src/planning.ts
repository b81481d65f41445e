/**
 * `@visieleren/core/planning`: the part of core that turns a template and a start date into a dated plan, and
 * prints it, without zod or the rest of the domain. `visieleren plan` and `visieleren templates` load only this,
 * which keeps them near a bare `node` start (bench/cli). Everything here is also exported by the main entry.
 * Reading a user's file (`parseTemplate`, `parseSchoolHolidays`) validates with zod: import those from the main
 * entry. `planning.test.ts` checks that nothing imported from here reaches zod.
 */
export * from './calendar/dates.js';
export * from './calendar/holidays.js';
export * from './calendar/school-holidays.js';
export * from './calendar/timezone.js';
export * from './calendar/working-calendar.js';
export * from './errors.js';
export * from './i18n/index.js';
export * from './ics/index.js';
export * from './lifecycle/nazorg-date.js';
export * from './model/vocabulary.js';
export * from './planner/plan.js';
export * from './planner/plan-json.js';
export * from './templates/registry.js';
export type * from './templates/schema.js';
