export * from './hours-report.js';
export * from './resolve.js';
