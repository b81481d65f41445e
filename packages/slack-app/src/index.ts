export { type AnyBlock, blocks, button, escapeMrkdwn } from './block-kit/blocks.js';
export { BLOCK_LIMITS, modalTitle, splitBlocks, truncate } from './block-kit/limits.js';
export { parseCommand } from './commands.js';
export { ROUND_LINK_KIND, type RoundBook } from './duo/bookkeeping.js';
export { interviewUid } from './duo/invites.js';
export { MAX_SLOTS, parsePlanSubmission, planModal } from './duo/plan-modal.js';
export { JOB_NAMES, RoundFlow } from './duo/round-flow.js';
export { homeView, portfolioBlocks } from './home.js';
export { SLACK_BOT_SCOPES, type SlackManifestOptions, slackManifest } from './manifest.js';
export { createSlackNotifier } from './notifier.js';
export { SLACK_ROUTE_PATH, slackPlugin } from './plugin.js';
export { METADATA_EVENT_TYPES, SlackPoster } from './poster.js';
export {
  DEFAULT_SLACK_API_URL,
  readSlackConfig,
  SLACK_SETTINGS,
  type SlackConfig,
  slackActivation,
} from './settings.js';
export { createSlackApp, SLACK_EVENTS_PATH, type SlackApp, type SlackAppOptions } from './slack-app.js';
export {
  createSlackClients,
  POST_RETRY_POLICY,
  READ_RETRY_POLICY,
  REQUEST_TIMEOUT_MS,
} from './web-client.js';
