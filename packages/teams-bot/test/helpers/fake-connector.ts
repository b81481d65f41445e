import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot Connector (the `serviceUrl` of every test activity): the `v3/conversations/…` routes the Agents SDK
 * calls, Teams' throttling limits (docs/platform-limits.md §3.3) answered with 429 like Teams would, a bearer token
 * check, and injected faults.
 */
export interface ReceivedActivity {
  /** POST: a new message or a reply; PUT: an existing message updated for everyone. */
  method: 'POST' | 'PUT';
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  at: number;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Stores the activity (it landed) and never answers: the sender can only time out. */
  | { kind: 'accept-and-hang' };

/** Per bot per conversation (send): 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app per tenant: 50/s. */
const CONVERSATION_LIMITS: Array<[windowMs: number, max: number]> = [
  [1000, 7],
  [2000, 8],
  [30_000, 60],
  [3_600_000, 1800],
];
const TENANT_LIMIT: [number, number] = [1000, 50];

export interface FakeConnector {
  url: string;
  received: ReceivedActivity[];
  /** Requests answered 429 because a Teams limit was exceeded (not injected ones). */
  throttled: number;
  /** Which limit: per conversation or per tenant. */
  throttledBy: { conversation: number; tenant: number };
  requests: number;
  /** Arrival times (ms since epoch) of every POST. */
  arrivals: number[];
  /** Queue a fault for the next request to this conversation (or any, with '*'). */
  inject(conversationId: string, fault: Fault): void;
  /** Called with the bearer token of every request; throw to answer 401. */
  checkToken?: (token: string | undefined) => Promise<void>;
  tokenFailures: number;
  /** Makes a user (Entra object id) a member of a conversation, as Teams' roster would have them. */
  addMember(conversationId: string, objectId: string): void;
  /** Takes them out of it again (removed from the team). */
  removeMember(conversationId: string, objectId: string): void;
  /** Roster lookups (`GET …/members/{id}`) answered, by whom they asked for. */
  memberLookups: string[];
  close(): Promise<void>;
}

export interface FakeConnectorOptions {
  /**
   * `sent-at`: count a request at the moment the benchmark stamped on it (`x-bench-sent-at`) instead of when
   * this server got round to it. On an overloaded machine a starved server sees requests in bursts that no
   * real Teams server would see; the stamp is when the bot let the request go.
   */
  count?: 'arrival' | 'sent-at';
}

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const faults = new Map<string, Fault[]>();
  const sendTimes = new Map<string, number[]>();
  const tenantTimes: number[] = [];
  const hanging = new Set<ServerResponse>();
  const rosters = new Map<string, Set<string>>();
  let counter = 0;

  const connector: FakeConnector = {
    url: '',
    received: [],
    throttled: 0,
    throttledBy: { conversation: 0, tenant: 0 },
    requests: 0,
    arrivals: [],
    tokenFailures: 0,
    memberLookups: [],
    addMember(conversationId, objectId) {
      rosters.set(conversationId, (rosters.get(conversationId) ?? new Set()).add(objectId));
    },
    removeMember(conversationId, objectId) {
      rosters.get(conversationId)?.delete(objectId);
    },
    inject(conversationId, fault) {
      faults.set(conversationId, [...(faults.get(conversationId) ?? []), fault]);
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /**
   * Which Teams limit this send would exceed, if any (one tenant in these tests). Both windows that end and
   * start at this moment are checked, since stamped times can come in slightly out of order.
   */
  function overLimit(conversationId: string, now: number): 'conversation' | 'tenant' | undefined {
    const within = (times: number[], window: number) =>
      Math.max(
        times.filter((time) => time > now - window && time <= now).length,
        times.filter((time) => time >= now && time < now + window).length,
      );
    const times = sendTimes.get(conversationId) ?? [];
    if (CONVERSATION_LIMITS.some(([window, max]) => within(times, window) >= max)) return 'conversation';
    return within(tenantTimes, TENANT_LIMIT[0]) >= TENANT_LIMIT[1] ? 'tenant' : undefined;
  }

  function nextFault(conversationId: string): Fault | undefined {
    for (const key of [conversationId, '*']) {
      const queue = faults.get(key);
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Teams counts a request when it arrives, not when its body is read or its token checked.
    const stamped = Number(req.headers['x-bench-sent-at']);
    const now = options.count === 'sent-at' && Number.isFinite(stamped) ? stamped : Date.now();
    connector.requests += 1;
    if (req.method === 'POST') connector.arrivals.push(now);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    let body = '';
    for await (const chunk of req) body += chunk;
    if (!(member && req.method === 'GET') && (!match || (req.method !== 'POST' && req.method !== 'PUT'))) {
      res.writeHead(404).end();
      return;
    }
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (connector.checkToken) {
      try {
        await connector.checkToken(token);
      } catch {
        connector.tokenFailures += 1;
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'Unauthorized' } }));
        return;
      }
    }
    if (member) {
      const conversationId = decodeURIComponent(member[1] ?? '');
      const objectId = decodeURIComponent(member[2] ?? '');
      connector.memberLookups.push(objectId);
      const fault = nextFault(conversationId);
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      if (!rosters.get(conversationId)?.has(objectId)) {
        // What Teams answers for someone outside the conversation.
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'MemberNotFoundInConversation' } }));
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `29:${objectId}`, aadObjectId: objectId, name: 'Lid van het kanaal' }));
      return;
    }
    if (!match) return;
    const conversationId = decodeURIComponent(match[1] ?? '');
    const activity = JSON.parse(body) as Record<string, unknown>;
    if (req.method === 'POST') {
      const exceeded = overLimit(conversationId, now);
      if (exceeded) {
        connector.throttledBy[exceeded] += 1;
        connector.throttled += 1;
        res
          .writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'Throttled' } }));
        return;
      }
      sendTimes.set(conversationId, [...(sendTimes.get(conversationId) ?? []), now]);
      tenantTimes.push(now);
    }
    const fault = nextFault(conversationId);
    if (fault?.kind === 'status') {
      res
        .writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
        })
        .end(JSON.stringify({ error: { code: `Status${fault.status}` } }));
      return;
    }
    counter += 1;
    const id = `activity-${counter}`;
    connector.received.push({
      method: req.method === 'PUT' ? 'PUT' : 'POST',
      conversationId,
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      activity,
      at: now,
    });
    if (fault?.kind === 'accept-and-hang') {
      hanging.add(res);
      return;
    }
    res
      .writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id }));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  // Node closes an idle kept-alive connection after 5 s, racing a client that reuses it at that moment (the
  // request is written, the socket then closes: "outcome unknown"); Azure's front ends keep them far longer.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return connector;
}
