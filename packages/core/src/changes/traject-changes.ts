/**
 * Which audit actions the change feed (`ChangeFeedPort`) reports. Everything written about a traject counts,
 * except the integrations' own bookkeeping (links and link codes): a sync that links a Notion page must not
 * see its own write come back as a change to sync.
 */
export const NON_TRAJECT_CHANGE_PREFIXES = ['platform.', 'linkcode.'] as const;

export function isTrajectChangeAction(action: string): boolean {
  return !NON_TRAJECT_CHANGE_PREFIXES.some((prefix) => action.startsWith(prefix));
}

/** Default and maximum page of `changesSince`. */
export const CHANGE_FEED_PAGE = 1000;

export function changeFeedLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? CHANGE_FEED_PAGE), 1), CHANGE_FEED_PAGE);
}
