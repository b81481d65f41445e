import PQueue from 'p-queue';

/** One request budget per Notion connection, shared by every gateway that uses the same token. */
export type NotionPacer = PQueue;

/**
 * At most `requests` requests start in any window of `windowMs` (p-queue's sliding window, `strict`). Notion allows
 * an average of 3 requests a second per integration and lets bursts through (docs/platform-limits.md §1.1); 150 in
 * any 60 seconds lets a burst of 150 go at once and keeps every minute under Notion's 180. Tests pass a shorter
 * window so the same queue paces them in seconds.
 */
export function createNotionPacer(requests: number, windowMs = 60_000): NotionPacer {
  return new PQueue({ intervalCap: requests, interval: windowMs, strict: true });
}
