export * from './create-traject.js';
export * from './forecast.js';
export * from './plan.js';
export * from './plan-json.js';
