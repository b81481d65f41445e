export * from './aanmelding.js';
export * from './aftercare.js';
export * from './deliverables.js';
export * from './extra-sessions.js';
export * from './form-answers.js';
export * from './frozen.js';
export * from './move-session.js';
export * from './team.js';
