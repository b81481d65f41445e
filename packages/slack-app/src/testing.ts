/** Test kit of the Slack app: a local fake of Slack's Web API and Slack's request signing. */
export * from './testing/index.js';
