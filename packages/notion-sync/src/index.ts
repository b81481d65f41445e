export {
  NotionBlockCapError,
  NotionRefusedError,
  NotionUnavailableError,
  SyncAbortedError,
} from './client/errors.js';
export { type GatewayStats, NotionGateway, type RetrySettings } from './client/gateway.js';
export { createNotionPacer, type NotionPacer } from './client/pacing.js';
export { forgetInNotion } from './forget.js';
export * from './limits.js';
export { NOTION_PLUGIN_SETTINGS, NOTION_SYNC_JOB, notionPlugin } from './plugin.js';
export { renderTraject } from './render/traject.js';
export {
  NOTION_SETTING_NAMES,
  type NotionSettings,
  NotionSettingsError,
  readNotionSettings,
} from './settings.js';
export {
  type BlockEstimate,
  blocksOfTraject,
  describeBlocks,
  estimateBlocks,
} from './sync/blocks.js';
export type { Operation } from './sync/context.js';
export {
  failureSummary,
  runSync,
  type SyncEvent,
  type SyncOptions,
  type SyncReport,
} from './sync/engine.js';
export type { InboundChange } from './sync/inbound.js';
export { NOTION_SYNC_ACTOR, type NotionSyncPorts } from './sync/ports.js';
export type { SchemaProblem } from './sync/schema.js';
export { type InitReport, initWorkspace, parseNotionPageId } from './workspace.js';
export { WORKSPACE_TEMPLATE } from './workspace-template.js';
