import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DeliveryOutcomeUnknownError,
  deliveryKeyOf,
  type OutgoingReminder,
  RateLimitError,
  type ReminderIntent,
} from '@visieleren/core';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/reminders/backoff.js';
import { createWebhookNotifier, signWebhookBody } from '../src/reminders/webhook-notifier.js';

const intent: ReminderIntent = {
  key: 'ede-2024:fase-start:luisteren',
  trajectId: 'ede-2024',
  ruleId: 'fase-start',
  kind: 'phase-start',
  occurrence: 'luisteren',
  dueAt: '2027-02-01T08:00:00.000Z',
  audience: ['ambtelijk-contactpersoon'],
  message: {
    nl: 'De fase Luisteren begint maandag 8 februari 2027.',
    en: 'The phase Listening starts Monday 8 February 2027.',
  },
  subject: { phaseKey: 'luisteren' },
};

/** A signing secret as serve requires it (32+ characters). */
const SECRET = 'webhook-geheim-van-minstens-32-tekens-lang';

const recipient = { channel: 'webhook', address: 'webhook', kind: 'endpoint' } as const;
const reminder: OutgoingReminder = {
  intent,
  recipient,
  deliveryKey: deliveryKeyOf(intent.key, recipient),
  attempt: 1,
};
/** The dispatcher's lease signal, far away unless a test says otherwise. */
const lease = () => new AbortController().signal;

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;

async function receiver(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('webhook notifier', () => {
  it('posts the intent with its idempotency key and a verifiable signature', async () => {
    const { url, received } = await receiver((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'ontvangen-1' }));
    });
    const notifier = createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 });
    const receipt = await notifier.deliver(reminder, lease());
    expect(receipt).toEqual({ externalId: 'ontvangen-1' });
    const [request] = received;
    // The delivery key: one per reminder and recipient, what a receiver dedupes on.
    expect(request?.headers['idempotency-key']).toBe('ede-2024:fase-start:luisteren|webhook|webhook');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      ...intent,
      deliveryKey: 'ede-2024:fase-start:luisteren|webhook|webhook',
      attempt: 1,
    });
    expect(request?.headers['x-visieleren-confirm']).toBeUndefined();
    const timestamp = String(request?.headers['x-visieleren-timestamp']);
    expect(request?.headers['x-visieleren-signature']).toBe(
      signWebhookBody(SECRET, timestamp, request?.body ?? ''),
    );
  });

  it('refuses to start without a signing secret of 32 characters, in Dutch', () => {
    for (const secret of [undefined, '', 'kort']) {
      expect(() =>
        createWebhookNotifier({ url: 'http://127.0.0.1:9/hook', secret: secret as never, timeoutMs: 2000 }),
      ).toThrow(/Zet VISIELEREN_WEBHOOK_SECRET/);
    }
  });

  it('follows no redirect: the signed reminder never reaches another address, and it counts as failed', async () => {
    const elsewhere: string[] = [];
    const other = createServer((req, res) => {
      elsewhere.push(String(req.headers['x-visieleren-signature']));
      res.end('ok');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/elders`;
    try {
      for (const status of [301, 302, 307, 308]) {
        const { url } = await receiver((_req, res) => {
          res.statusCode = status;
          res.setHeader('location', otherUrl);
          res.end();
        });
        const error = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 })
          .deliver(reminder, lease())
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(DeliveryOutcomeUnknownError);
        expect((error as Error).message).toMatch(new RegExp(`doorverwijzing \\(${status}\\)`));
        server?.closeAllConnections();
        await new Promise<void>((resolve) => server?.close(() => resolve()));
        server = undefined;
      }
      expect(elsewhere).toEqual([]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('reads at most 64 kB of an answer, however much the receiver sends', async () => {
    let written = 0;
    let stopped = false;
    const { url } = await receiver((_req, res) => {
      res.setHeader('content-type', 'application/json');
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        // 64 MB on offer; a reader that takes it all would hold it in memory.
        while (!stopped && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        stopped = true;
      });
      pump();
    });
    const receipt = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 5000 }).deliver(
      reminder,
      lease(),
    );
    expect(receipt).toEqual({});
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('turns 429 into a RateLimitError with Retry-After', async () => {
    const { url } = await receiver((_req, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '7');
      res.end();
    });
    const error = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 })
      .deliver(reminder, lease())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('treats a 5xx as a retryable failure, not an unknown outcome', async () => {
    const { url } = await receiver((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const error = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 })
      .deliver(reminder, lease())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect((error as Error).message).toMatch(/status 503/);
  });

  it('reports a timeout as an unknown outcome (the receiver may have it)', async () => {
    const { url } = await receiver(() => {
      // never answers
    });
    const error = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 150 })
      .deliver(reminder, lease())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryOutcomeUnknownError);
  });

  it('stops at the lease deadline: the signal aborts the call and the outcome is unknown', async () => {
    let arrived = 0;
    const { url } = await receiver(() => {
      arrived++; // holds the request past the lease
    });
    const deadline = new AbortController();
    const pending = createWebhookNotifier({ url, secret: SECRET, timeoutMs: 60_000 })
      .deliver(reminder, deadline.signal)
      .catch((caught: unknown) => caught);
    while (arrived === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    deadline.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect((error as Error).message).toMatch(/einde van de claim/);
  });

  it('confirms by repeating the request under the same key, which the receiver acknowledges once', async () => {
    const handled = new Set<string>();
    const { url, received } = await receiver((req, res) => {
      const key = String(req.headers['idempotency-key']);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: handled.has(key) ? 'al-ontvangen' : 'nieuw' }));
      handled.add(key);
    });
    const notifier = createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 });
    await notifier.deliver(reminder, lease());
    expect(await notifier.confirm?.({ ...reminder, attempt: 2 }, lease())).toEqual({
      externalId: 'al-ontvangen',
    });
    expect(received[1]?.headers['x-visieleren-confirm']).toBe('1');
    expect(received[1]?.headers['idempotency-key']).toBe(received[0]?.headers['idempotency-key']);
    expect(handled.size).toBe(1);
  });

  it('reports a refused connection as a plain, retryable failure', async () => {
    const { url } = await receiver((_req, res) => res.end());
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error = await createWebhookNotifier({ url, secret: SECRET, timeoutMs: 2000 })
      .deliver(reminder, lease())
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
  it('reports a port fetch refuses to use as a plain, retryable failure', async () => {
    const error = await createWebhookNotifier({
      url: 'http://127.0.0.1:9/hook',
      secret: SECRET,
      timeoutMs: 2000,
    })
      .deliver(reminder, lease())
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect((error as Error).message).toBe('Webhook niet bereikbaar (bad port).');
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };
  it('doubles per attempt within [half, full] of the ceiling and stops at the maximum', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(50, policy, () => 1)).toBe(60_000);
  });
});
