export * from './activation.js';
export * from './plugin.js';
