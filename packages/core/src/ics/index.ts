export { escapeText as escapeIcsText, foldLine as foldIcsLine } from './format.js';
export * from './interview-invite.js';
export * from './plan-to-ics.js';
