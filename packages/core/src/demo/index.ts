export * from './portfolio.js';
export * from './table-1.js';
