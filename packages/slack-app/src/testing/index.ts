export * from './fake-slack.js';
export * from './signing.js';
