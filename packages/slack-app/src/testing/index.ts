export * from './fake-slack.js';
export * from './fixtures.js';
export * from './signing.js';
