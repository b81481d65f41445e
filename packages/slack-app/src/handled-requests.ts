import { createHash } from 'node:crypto';
import type { PlatformLinkPort } from '@visieleren/core';

/**
 * Slack re-sends a request it thinks we missed (`X-Slack-Retry-Num`). The job queue's singleton key stops a
 * second job while the first is queued or running; this remembers what was handled after that, across
 * instances, in one bookkeeping link (no audit row per request).
 */
const KIND = 'slack-requests';
const EXTERNAL_ID = 'handled';
/** Slack retries within about five minutes; a few hundred keys cover far more than that. */
const KEEP = 500;

/** The request's identity: the same for Slack's retries of it, different for a new click or command. */
export function requestKey(body: Record<string, unknown>): string {
  const event = body.event_id ?? body.trigger_id;
  if (typeof event === 'string' && event) return event;
  const view = body.view as { id?: string; hash?: string } | undefined;
  if (body.type === 'view_submission' && view?.id) return `${view.id}:${view.hash ?? ''}`;
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32);
}

export class HandledRequests {
  constructor(private readonly links: PlatformLinkPort) {}

  async has(key: string): Promise<boolean> {
    const link = await this.links.find(KIND, EXTERNAL_ID);
    const keys = link?.payload.keys;
    return Array.isArray(keys) && keys.includes(key);
  }

  async add(key: string): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const link = await this.links.find(KIND, EXTERNAL_ID);
      if (!link) {
        await this.links.link({ kind: KIND, externalId: EXTERNAL_ID, payload: { keys: [key] } }, 'slack');
        return;
      }
      const keys = Array.isArray(link.payload.keys) ? (link.payload.keys as string[]) : [];
      if (keys.includes(key)) return;
      const next = [...keys, key].slice(-KEEP);
      if (await this.links.updatePayload(KIND, EXTERNAL_ID, { keys: next }, link.revision)) return;
    }
  }
}
