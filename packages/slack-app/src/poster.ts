import type { WebClient } from '@slack/web-api';
import {
  DeliveryOutcomeUnknownError,
  type Logger,
  RateLimitError,
  RecipientGoneError,
  VisielerenError,
} from '@visieleren/core';
import type { AnyBlock } from './block-kit/blocks.js';
import { BLOCK_LIMITS, truncate } from './block-kit/limits.js';
import { classifySlackError, describeFailure, type SlackFailure } from './slack-errors.js';
import type { SlackClients } from './web-client.js';

/**
 * Posting to Slack so that nothing is lost and nothing appears twice. Slack has no idempotency key for
 * chat.postMessage; so every message carries our key in its metadata, and when an attempt ends without a
 * clear answer the channel's recent history is read for that key before anything is sent again.
 */

/** chat.postMessage: "1 message per second per channel" (docs/platform-limits.md §2.3). */
export const PER_CHANNEL_INTERVAL_MS = 1000;
/** A Retry-After longer than this is not waited out in-process: the job is retried later instead. */
const MAX_INLINE_WAIT_MS = 30_000;
const MAX_ATTEMPTS = 4;
/** How far back `findByKey` looks: the messages of the last minutes, not the whole channel. */
const HISTORY_LIMIT = 100;

export const METADATA_EVENT_TYPES = {
  reminder: 'visieleren_reminder',
  message: 'visieleren_message',
} as const;

export interface PostInput {
  channel: string;
  text: string;
  blocks?: AnyBlock[];
  /** Our idempotency key, stored in the message's metadata. */
  key: string;
  eventType?: string;
  threadTs?: string;
}

export interface Posted {
  channel: string;
  ts: string;
  /** True when an earlier attempt had landed and nothing new was sent. */
  found?: boolean;
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces sends per channel in this process, so a burst meets no 429 in the first place: sends to one channel
 * run one after another, each starting at least `intervalMs` after the previous one finished (Slack counts
 * from when a post arrives, which is before we hear back).
 */
export class ChannelPacer {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly lastDone = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly sleep: Sleep,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(channel: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(channel) ?? Promise.resolve();
    const next = previous.then(async () => {
      const last = this.lastDone.get(channel);
      const wait = last === undefined ? 0 : last + this.intervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await work();
      } finally {
        this.lastDone.set(channel, this.now());
      }
    });
    this.chains.set(
      channel,
      next.catch(() => undefined),
    );
    return next;
  }
}

/**
 * The bot is not a member of the channel (`not_in_channel`): a setup problem a person fixes with
 * `/invite @Visieleren`, not a channel gone for good.
 */
export class BotNotInChannelError extends RecipientGoneError {
  constructor(readonly channel?: string) {
    super('De Visieleren-app is geen lid van dit kanaal (not_in_channel).');
  }
}

export function toCoreError(failure: SlackFailure, what: string, channel?: string): Error {
  if (failure.kind === 'gone' && failure.code === 'not_in_channel') return new BotNotInChannelError(channel);
  switch (failure.kind) {
    case 'rate-limited':
      return new RateLimitError(`Slack vraagt om te wachten (${what}).`, failure.retryAfterMs);
    case 'gone':
      return new RecipientGoneError(`Slack neemt geen berichten meer aan voor dit kanaal (${failure.code}).`);
    case 'ambiguous':
      return new DeliveryOutcomeUnknownError(`Onbekend of Slack het bericht kreeg (${failure.detail}).`);
    case 'refused':
      return new VisielerenError('INTERNAL', `Slack weigerde ${what}: ${failure.code}.`);
  }
}

export class SlackPoster {
  readonly pacer: ChannelPacer;
  private readonly sleep: Sleep;

  constructor(
    private readonly clients: SlackClients,
    private readonly logger: Logger,
    options: { sleep?: Sleep; intervalMs?: number } = {},
  ) {
    this.sleep = options.sleep ?? realSleep;
    // Pacing measures real time even when the domain clock is fixed (tests, replays).
    this.pacer = new ChannelPacer(options.intervalMs ?? PER_CHANNEL_INTERVAL_MS, this.sleep);
  }

  get post(): WebClient {
    return this.clients.post;
  }

  /** One attempt, no retry: the raw outcome for the reminder notifier. */
  postOnce(input: PostInput): Promise<Posted> {
    return this.pacer.run(input.channel, () => this.send(input));
  }

  private async send(input: PostInput): Promise<Posted> {
    const result = await this.clients.post.chat.postMessage({
      channel: input.channel,
      text: truncate(input.text, BLOCK_LIMITS.messageText),
      ...(input.blocks ? { blocks: input.blocks } : {}),
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      unfurl_links: false,
      metadata: {
        event_type: input.eventType ?? METADATA_EVENT_TYPES.message,
        event_payload: { key: input.key },
      },
    });
    return { channel: result.channel ?? input.channel, ts: result.ts as string };
  }

  /**
   * Posts unless it is already there. `mayExist`: an earlier attempt might have landed (a retried job), so
   * look first. Waits out short 429s; after an unclear outcome looks in the history before trying again.
   */
  async postUnique(input: PostInput, mayExist = false): Promise<Posted> {
    if (mayExist) {
      const found = await this.findByKey(input.channel, input.key, input.eventType, input.threadTs);
      if (found) return { channel: input.channel, ts: found, found: true };
    }
    let last: SlackFailure | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return await this.postOnce(input);
      } catch (error) {
        const failure = classifySlackError(error);
        last = failure;
        this.logger.warn('slack-bericht niet geplaatst', { attempt, reason: describeFailure(failure) });
        if (failure.kind === 'rate-limited') {
          if (failure.retryAfterMs > MAX_INLINE_WAIT_MS) throw toCoreError(failure, 'een bericht');
          await this.sleep(failure.retryAfterMs);
          continue;
        }
        if (failure.kind === 'ambiguous') {
          const found = await this.findByKey(input.channel, input.key, input.eventType, input.threadTs);
          if (found) return { channel: input.channel, ts: found, found: true };
          continue;
        }
        throw toCoreError(failure, 'een bericht', input.channel);
      }
    }
    throw toCoreError(last ?? { kind: 'ambiguous', detail: 'onbekend' }, 'een bericht');
  }

  /** The ts of a recent message in the channel (or thread) that carries this key, if any. */
  async findByKey(
    channel: string,
    key: string,
    eventType: string = METADATA_EVENT_TYPES.message,
    threadTs?: string,
  ): Promise<string | undefined> {
    const read = () =>
      threadTs
        ? this.clients.api.conversations.replies({
            channel,
            ts: threadTs,
            limit: HISTORY_LIMIT,
            include_all_metadata: true,
          })
        : this.clients.api.conversations.history({
            channel,
            limit: HISTORY_LIMIT,
            include_all_metadata: true,
          });
    const page = await read().catch((error: unknown) => {
      throw toCoreError(classifySlackError(error), 'de kanaalgeschiedenis', channel);
    });
    const match = (page.messages ?? []).find((message) => {
      const metadata = (message as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } })
        .metadata;
      return metadata?.event_type === eventType && metadata.event_payload?.key === key;
    });
    return match?.ts;
  }

  /** Replaces a message's content (chat.update is idempotent: the same content twice changes nothing). */
  async update(channel: string, ts: string, text: string, blocks?: AnyBlock[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.clients.post.chat.update({
          channel,
          ts,
          text: truncate(text, BLOCK_LIMITS.messageText),
          ...(blocks ? { blocks } : {}),
        });
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        const retry =
          attempt < MAX_ATTEMPTS &&
          (failure.kind === 'ambiguous' ||
            (failure.kind === 'rate-limited' && failure.retryAfterMs <= MAX_INLINE_WAIT_MS));
        if (!retry) throw toCoreError(failure, 'een bijgewerkt bericht');
        if (failure.kind === 'rate-limited') await this.sleep(failure.retryAfterMs);
      }
    }
  }

  /**
   * Uploads a file into a thread. A file that may already be there (a retried job) is looked for first by
   * its name among the thread's replies.
   */
  async uploadFile(
    input: { channel: string; threadTs: string; filename: string; title: string; content: string },
    mayExist = false,
  ): Promise<void> {
    if (mayExist && (await this.fileInThread(input.channel, input.threadTs, input.filename))) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pacer.run(input.channel, () =>
          this.clients.post.filesUploadV2({
            channel_id: input.channel,
            thread_ts: input.threadTs,
            filename: input.filename,
            title: input.title,
            file: Buffer.from(input.content, 'utf8'),
          }),
        );
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (attempt >= MAX_ATTEMPTS) throw toCoreError(failure, 'een bestand');
        if (failure.kind === 'rate-limited' && failure.retryAfterMs <= MAX_INLINE_WAIT_MS) {
          await this.sleep(failure.retryAfterMs);
        } else if (failure.kind === 'ambiguous') {
          if (await this.fileInThread(input.channel, input.threadTs, input.filename)) return;
        } else {
          throw toCoreError(failure, 'een bestand');
        }
      }
    }
  }

  private async fileInThread(channel: string, threadTs: string, filename: string): Promise<boolean> {
    const page = await this.clients.api.conversations.replies({
      channel,
      ts: threadTs,
      limit: HISTORY_LIMIT,
    });
    return (page.messages ?? []).some((message) =>
      (message.files ?? []).some((file) => (file as { name?: string }).name === filename),
    );
  }
}
