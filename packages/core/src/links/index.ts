export * from './base64url.js';
export * from './link-code.js';
export * from './link-kinds.js';
export * from './link-payload.js';
