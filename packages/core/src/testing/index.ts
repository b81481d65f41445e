export { createManualClock, type ManualClock } from './manual-clock.js';
export type { AuditInput, MemoryAudit, MemoryAuditEntry } from './memory-audit.js';
export type { MemoryFormSubmissions } from './memory-forms.js';
export type { JobRun, MemoryJobs, QueuedJob } from './memory-jobs.js';
export type { MemoryMailer } from './memory-mailer.js';
export { createMemoryPorts, type MemoryPorts, type MemoryPortsOptions } from './memory-ports.js';
export type { MemoryTrajects } from './memory-trajects.js';
export {
  createTestPluginContext,
  type TestPluginContext,
  type TestPluginContextOverrides,
  testLinkSigner,
} from './plugin-context.js';
