import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's Web API, speaking its wire format (form-encoded or JSON requests, `{ok}`
 * answers, 429 with Retry-After), for tests and benchmarks. It keeps channels and messages, checks Block Kit
 * limits and Slack's 1 message per second per channel, and injects faults on request: 429s, `ok:false`
 * errors, a lost answer after the message was stored, and hangs.
 */

export interface FakeMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  files?: Array<{ id: string; name: string; title?: string; content: string }>;
  user?: string;
}

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
}

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  /** Store the message, then never answer (the client times out): the ambiguous case. */
  | { kind: 'lost-answer' }
  /** Answer 500 after storing the message. */
  | { kind: 'server-error-after-accept' }
  /** Never answer and store nothing. */
  | { kind: 'hang' };

export interface FakeSlackOptions {
  teamId?: string;
  /** E-mail → user id of the people in the workspace; `guest`: a multi- or single-channel guest. */
  users?: Record<string, { id: string; name: string; guest?: 'restricted' | 'ultra-restricted' }>;
  /** Channels (C…/G…) the bot was not invited to: posts there answer `not_in_channel` until `inviteBot`. */
  botNotIn?: string[];
  /** User group id → its members (usergroups.users.list). */
  usergroups?: Record<string, string[]>;
  /** Minimum time between two posts in one channel; default 1,000 ms (Slack's documented limit). */
  perChannelIntervalMs?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a test double reads arbitrary request JSON.
type Json = any;

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'files.completeUploadExternal']);

/** Block Kit limits checked on every message and view (see block-kit/limits.ts for the sources). */
export function blockKitProblems(blocks: unknown, maxBlocks: number): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'blocks is not an array';
  if (blocks.length > maxBlocks) return `too many blocks (${blocks.length} > ${maxBlocks})`;
  for (const [index, block] of blocks.entries()) {
    const b = block as Record<string, Json>;
    const text = b.text?.text as string | undefined;
    if (b.type === 'header' && text && [...text].length > 150) return `blocks[${index}] header text > 150`;
    if (b.type === 'section' && text && [...text].length > 3000)
      return `blocks[${index}] section text > 3000`;
    if (b.type === 'actions' && (b.elements?.length ?? 0) > 25) return `blocks[${index}] > 25 elements`;
    if (b.type === 'context' && (b.elements?.length ?? 0) > 10) return `blocks[${index}] > 10 elements`;
    const elements = [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])] as Array<
      Record<string, Json>
    >;
    for (const element of elements) {
      if (element.type === 'button' && [...(element.text?.text ?? '')].length > 75)
        return `blocks[${index}] button text > 75`;
      if (element.type === 'button' && String(element.value ?? '').length > 2000)
        return `blocks[${index}] button value > 2000`;
    }
    if (b.block_id && String(b.block_id).length > 255) return `blocks[${index}] block_id > 255`;
  }
  return undefined;
}

function viewProblems(view: Record<string, Json> | undefined): string | undefined {
  if (!view) return 'view missing';
  const limit = (value: unknown, max: number) =>
    value !== undefined && [...String((value as { text?: string }).text ?? '')].length > max;
  if (view.type === 'modal') {
    if (limit(view.title, 24)) return 'modal title > 24';
    if (limit(view.submit, 24) || limit(view.close, 24)) return 'modal button > 24';
    if ((view.private_metadata ?? '').length > 3000) return 'private_metadata > 3000';
  }
  return blockKitProblems(view.blocks, 100);
}

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly channels = new Map<string, FakeMessage[]>();
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  readonly views: Array<{
    method: string;
    view: Record<string, unknown>;
    user_id?: string;
    trigger_id?: string;
  }> = [];
  /** Posts refused with 429 because they came too soon after the previous one in the channel. */
  paceViolations = 0;
  readonly archived = new Set<string>();
  /** Channels the bot is not a member of. */
  readonly botOutside: Set<string>;
  private readonly faults = new Map<string, Fault[]>();
  private readonly lastPost = new Map<string, number>();
  private readonly uploads = new Map<string, { filename: string; content?: string }>();
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  private tsCounter = 0;
  url = '';

  constructor(private readonly options: FakeSlackOptions = {}) {
    this.botOutside = new Set(options.botNotIn ?? []);
  }

  /** `/invite @Visieleren` in a channel: from now on the bot may post there. */
  inviteBot(channel: string): void {
    this.botOutside.delete(channel);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for a slash command, answered by this server. */
  responseUrl(): string {
    return `${this.url}/response/${randomUUID()}`;
  }

  /** The next call(s) of `method` fail like this, in order. */
  inject(method: string, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  messages(channel: string): FakeMessage[] {
    return this.channels.get(channel) ?? [];
  }

  allMessages(): FakeMessage[] {
    return [...this.channels.values()].flat();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private nextTs(): string {
    this.tsCounter++;
    return `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = req.url ?? '';
    if (path.startsWith('/response/')) {
      this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw.toString('utf8')) });
      res.writeHead(200).end('ok');
      return;
    }
    if (path.startsWith('/upload/')) {
      const id = path.slice('/upload/'.length);
      const upload = this.uploads.get(id);
      const form = await new Response(raw, {
        headers: { 'content-type': String(req.headers['content-type']) },
      }).formData();
      const file = form.get('body');
      if (upload) upload.content = typeof file === 'string' ? file : await (file as Blob).text();
      res.writeHead(200).end('OK');
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = this.parseArgs(raw, String(req.headers['content-type'] ?? ''));
    this.calls.push({ method, args });
    if (!/^Bearer xoxb-/.test(String(req.headers.authorization ?? '')) && !args.token) {
      return this.json(res, { ok: false, error: 'not_authed' });
    }
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'rate-limit') {
      res.writeHead(429, {
        'retry-after': String(fault.retryAfterSeconds),
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (fault?.kind === 'error') return this.json(res, { ok: false, error: fault.error });
    if (fault?.kind === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (MESSAGE_METHODS.has(method) && method !== 'files.completeUploadExternal') {
      const channel = String(args.channel ?? '');
      const last = this.lastPost.get(channel);
      const interval = this.options.perChannelIntervalMs ?? 1000;
      if (method === 'chat.postMessage' && last !== undefined && Date.now() - last < interval) {
        this.paceViolations++;
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
    }
    const answer = this.answer(method, args);
    if (fault?.kind === 'lost-answer') {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === 'server-error-after-accept') {
      res.writeHead(500).end('internal error');
      return;
    }
    this.json(res, answer);
  }

  private parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
    const text = raw.toString('utf8');
    if (contentType.includes('application/json'))
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
    }
    return args;
  }

  private json(res: ServerResponse, body: Record<string, unknown>): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private post(channel: string, message: Omit<FakeMessage, 'ts' | 'channel'>): FakeMessage {
    const stored: FakeMessage = { ts: this.nextTs(), channel, ...message };
    this.channels.set(channel, [...this.messages(channel), stored]);
    this.lastPost.set(channel, Date.now());
    return stored;
  }

  private answer(method: string, args: Record<string, Json>): Record<string, unknown> {
    const teamId = this.options.teamId ?? 'T0VNG';
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: teamId, team: 'VNG' };
      case 'users.lookupByEmail': {
        const user = this.options.users?.[String(args.email).toLowerCase()];
        return user
          ? { ok: true, user: { id: user.id, name: user.name, real_name: user.name, deleted: false } }
          : { ok: false, error: 'users_not_found' };
      }
      case 'users.info': {
        const entry = Object.entries(this.options.users ?? {}).find(([, user]) => user.id === args.user);
        return entry
          ? {
              ok: true,
              user: {
                id: entry[1].id,
                real_name: entry[1].name,
                is_restricted: entry[1].guest !== undefined,
                is_ultra_restricted: entry[1].guest === 'ultra-restricted',
                profile: { email: entry[0], real_name: entry[1].name },
              },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'usergroups.users.list': {
        const members = this.options.usergroups?.[String(args.usergroup)];
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      }
      case 'conversations.info': {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: channel,
            is_channel: channel.startsWith('C'),
            is_member: !this.botOutside.has(channel),
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (this.archived.has(channel)) return { ok: false, error: 'is_archived' };
        if (this.botOutside.has(channel)) return { ok: false, error: 'not_in_channel' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        if (String(args.text ?? '').length > 40_000) return { ok: false, error: 'msg_too_long' };
        const problem = blockKitProblems(args.blocks, 50);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        const target = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
        const stored = this.post(target, {
          text: args.text,
          blocks: args.blocks,
          ...(args.metadata ? { metadata: args.metadata } : {}),
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(method === 'chat.postEphemeral' ? { user: String(args.user) } : {}),
        });
        return { ok: true, channel: target, ts: stored.ts, message: { text: args.text } };
      }
      case 'chat.update': {
        const message = this.messages(String(args.channel)).find((candidate) => candidate.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        const problem = blockKitProblems(args.blocks, 50);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        message.text = args.text;
        if (args.blocks) message.blocks = args.blocks;
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.history': {
        if (this.botOutside.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const list = this.messages(String(args.channel)).filter((message) => !message.thread_ts);
        const limit = Number(args.limit ?? 100);
        return {
          ok: true,
          messages: list
            .slice(-limit)
            .reverse()
            .map((message) => this.render(message, args.include_all_metadata)),
          has_more: list.length > limit,
        };
      }
      case 'conversations.replies': {
        const list = this.messages(String(args.channel)).filter(
          (message) => message.ts === args.ts || message.thread_ts === args.ts,
        );
        return { ok: true, messages: list.map((message) => this.render(message, args.include_all_metadata)) };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update': {
        const problem = viewProblems(args.view);
        if (problem)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [problem] } };
        this.views.push({ method, view: args.view, user_id: args.user_id, trigger_id: args.trigger_id });
        return { ok: true, view: { id: `V${this.views.length}`, ...args.view } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${randomUUID().slice(0, 8).toUpperCase()}`;
        this.uploads.set(id, { filename: String(args.filename) });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
        const channel = String(args.channel_id ?? '');
        if (this.archived.has(channel)) return { ok: false, error: 'is_archived' };
        const stored = files.map((file) => {
          const upload = this.uploads.get(file.id);
          return {
            id: file.id,
            name: upload?.filename ?? file.id,
            ...(file.title ? { title: file.title } : {}),
            content: upload?.content ?? '',
          };
        });
        if (channel) {
          this.post(channel, {
            text: String(args.initial_comment ?? ''),
            files: stored,
            ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          });
        }
        return { ok: true, files: stored.map(({ id, name, title }) => ({ id, name, title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private render(message: FakeMessage, withMetadata: unknown): Record<string, unknown> {
    const { metadata, files, ...rest } = message;
    return {
      type: 'message',
      ...rest,
      ...(files ? { files: files.map(({ id, name, title }) => ({ id, name, title })) } : {}),
      ...(metadata && (withMetadata === true || withMetadata === 'true') ? { metadata } : {}),
    };
  }
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Starts a fake Slack Web API on 127.0.0.1 and a random port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(options).start();
}
