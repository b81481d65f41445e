/**
 * Notion's limits (docs/platform-limits.md §1), each with why we keep under it. Exceeding a size limit is a 400
 * `validation_error` that no retry fixes, so the renderer never produces a request that breaks one.
 */

/** The API version that has data sources (§1.4); `@notionhq/client` 5's default. */
export const NOTION_VERSION = '2025-09-03';

/** Children per append (and per page create) request: more is a 400 (§1.2). */
export const MAX_CHILDREN_PER_REQUEST = 100;

/** `text.content` of one rich-text object: more is a 400 (§1.2). */
export const MAX_RICH_TEXT_CHARS = 2000;

/** Any array of rich-text objects or blocks in one request: more is a 400 (§1.2). */
export const MAX_ARRAY_ELEMENTS = 100;

/** The whole request body: 500 KB (§1.2). We stay well under it with 100 compact blocks. */
export const MAX_PAYLOAD_BYTES = 500_000;

/** Results per page of a list or query; 100 is the maximum (§1.3). */
export const PAGE_SIZE = 100;

/** An e-mail property holds at most 200 characters (§1.2). */
export const MAX_EMAIL_CHARS = 200;

/**
 * Requests per minute we allow ourselves per connection. Notion gives 180 per 60-second window on the Free and
 * Plus plans (600 on Business); staying at 150 leaves room for the workspace-wide limit we cannot see (§1.1).
 */
export const DEFAULT_REQUESTS_PER_MINUTE = 150;

/**
 * A request that takes longer is abandoned (the client's own default is 60 s). Notion answers in well under a
 * second; 30 s is long enough for a slow page create and short enough that a sync does not hang.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The SDK's own retry for what it may send again (429 and 529 for every request, 500 and 503 for GET and DELETE):
 * Notion asks to wait for Retry-After, which the SDK honours up to `maxRetryDelayMs`; without it the SDK backs off
 * from `initialRetryDelayMs`, doubling. Five tries ride out a burst of 429s from other integrations on the same
 * workspace; its default of 2 would end a long sync on the third.
 */
export const DEFAULT_RETRY = { maxRetries: 5, initialRetryDelayMs: 1000, maxRetryDelayMs: 60_000 } as const;

/** Notion rounds `last_edited_time` down to the minute, so a read window must reach back at least that far. */
export const EDIT_TIME_GRANULARITY_MS = 60_000;

/** How far the inbound read window reaches back past the previous read: the rounding plus clock skew. */
export const INBOUND_OVERLAP_MS = 2 * EDIT_TIME_GRANULARITY_MS;

/** Change-feed positions re-read every sync: on PostgreSQL a transaction can commit after a later one. */
export const CHANGE_FEED_OVERLAP = 50;

/** The lifetime block cap of a multi-member Free workspace (§1.2), for the stop message. */
export const FREE_WORKSPACE_BLOCK_CAP = 1000;
