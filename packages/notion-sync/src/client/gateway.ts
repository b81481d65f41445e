import {
  type AppendBlockChildrenParameters,
  Client,
  type CreateCommentParameters,
  type CreateDatabaseParameters,
  type CreatePageParameters,
  collectPaginatedAPI,
  isHTTPResponseError,
  type ListBlockChildrenParameters,
  type ListCommentsParameters,
  LogLevel,
  type QueryDataSourceParameters,
  RequestTimeoutError,
  type UpdateBlockParameters,
  type UpdateDataSourceParameters,
  type UpdatePageParameters,
} from '@notionhq/client';
import { MAX_CHILDREN_PER_REQUEST, NOTION_VERSION, PAGE_SIZE } from '../limits.js';
import { plainText, type RichTextItem } from '../render/rich-text.js';
import type { NotionSettings } from '../settings.js';
import {
  isGoneInNotion,
  NotionBlockCapError,
  NotionRefusedError,
  NotionUnavailableError,
  SyncAbortedError,
} from './errors.js';
import { Pacer, type PacerTime, realTime } from './pacer.js';

/** A Notion object as JSON; we read only the fields we use. */
export type NotionObject = Record<string, unknown> & { id: string };

/** What we know about a write whose answer did not arrive (503 after saving, a time-out, a reset). */
export interface LostAnswer {
  status?: number;
  /** Notion's 503 may name what it saved: the new page or database, or the parent of appended blocks. */
  committedResourceId?: string;
  committedChildIds?: string[];
}

export interface GatewayStats {
  reads: number;
  writes: number;
  /** Requests answered 429 or 529. */
  rateLimited: number;
  /** Reads repeated after a 5xx or a time-out. */
  retriedReads: number;
  /** Writes whose answer was lost and that were settled by reading back. */
  readBacks: number;
  /** Time spent waiting for the budget or for Retry-After. */
  waitedMs: number;
}

export interface GatewayOptions {
  settings: Pick<NotionSettings, 'token' | 'baseUrl' | 'timeoutMs' | 'requestsPerMinute'>;
  /** Shared by everything that uses the same token (one budget per connection). */
  pacer?: Pacer;
  time?: PacerTime;
  signal?: AbortSignal;
  /** Attempts for a read or an unsettled write before giving up (default 6). */
  maxAttempts?: number;
}

const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const MAX_BACKOFF_MS = 15_000;
/** 429/529 answers in a row for one request before giving up (each waited out for Retry-After). */
const MAX_RATE_LIMITED_IN_A_ROW = 20;

/**
 * The one door to Notion. Every request is paced under the connection's budget; 429 and 529 wait for
 * Retry-After; a read that fails with a 5xx or a time-out is repeated; a write is never repeated blindly:
 * when its answer is lost the caller's read-back decides whether it landed. The SDK's own retry is off
 * (`retry: false`) so these rules are the only ones, and its time-out is bounded (`NOTION_TIMEOUT_MS`).
 */
export class NotionGateway {
  readonly stats: GatewayStats = {
    reads: 0,
    writes: 0,
    rateLimited: 0,
    retriedReads: 0,
    readBacks: 0,
    waitedMs: 0,
  };
  readonly #client: Client;
  readonly #pacer: Pacer;
  readonly #time: PacerTime;
  readonly #signal: AbortSignal | undefined;
  readonly #maxAttempts: number;

  constructor(options: GatewayOptions) {
    this.#client = new Client({
      auth: options.settings.token,
      baseUrl: options.settings.baseUrl,
      timeoutMs: options.settings.timeoutMs,
      notionVersion: NOTION_VERSION,
      retry: false,
      // The SDK's time-out rejects but leaves the request open; this ends the socket shortly after.
      fetch: (url, init) =>
        fetch(url, { ...init, signal: AbortSignal.timeout(options.settings.timeoutMs + 1000) }),
      logLevel: LogLevel.ERROR,
      // The SDK would print to the console; our errors carry what matters and never the token.
      logger: () => {},
    });
    this.#time = options.time ?? realTime;
    this.#pacer = options.pacer ?? new Pacer(options.settings.requestsPerMinute, this.#time);
    this.#signal = options.signal;
    this.#maxAttempts = options.maxAttempts ?? 6;
  }

  get requests(): number {
    return this.stats.reads + this.stats.writes;
  }

  // ------------------------------------------------------------------------------------------------------
  // Reads: the SDK's typed endpoints, paged by its own helper
  // ------------------------------------------------------------------------------------------------------

  retrievePage(pageId: string): Promise<NotionObject> {
    return this.read(() => this.#client.pages.retrieve({ page_id: pageId }));
  }

  retrieveBlock(blockId: string): Promise<NotionObject> {
    return this.read(() => this.#client.blocks.retrieve({ block_id: blockId }));
  }

  retrieveDataSource(dataSourceId: string): Promise<NotionObject> {
    return this.read(() => this.#client.dataSources.retrieve({ data_source_id: dataSourceId }));
  }

  retrieveDatabase(databaseId: string): Promise<NotionObject> {
    return this.read(() => this.#client.databases.retrieve({ database_id: databaseId }));
  }

  /** A person (or bot) of the workspace: their name, for "afgevinkt door". */
  retrieveUser(userId: string): Promise<NotionObject> {
    return this.read(() => this.#client.users.retrieve({ user_id: userId }));
  }

  /** Every row matching the filter, page by page (100 per request). */
  queryDataSource(dataSourceId: string, body: Omit<QueryDataSourceParameters, 'data_source_id'>) {
    return collectPaginatedAPI(
      (args: QueryDataSourceParameters) => this.read(() => this.#client.dataSources.query(args)),
      { ...body, data_source_id: dataSourceId, page_size: PAGE_SIZE },
    ) as Promise<NotionObject[]>;
  }

  /** Every child block of a page or block, page by page. */
  listChildren(blockId: string): Promise<NotionObject[]> {
    return collectPaginatedAPI(
      (args: ListBlockChildrenParameters) => this.read(() => this.#client.blocks.children.list(args)),
      { block_id: blockId, page_size: PAGE_SIZE },
    ) as Promise<NotionObject[]>;
  }

  /** The comments on a page, page by page. */
  listComments(pageId: string): Promise<NotionObject[]> {
    return collectPaginatedAPI(
      (args: ListCommentsParameters) => this.read(() => this.#client.comments.list(args)),
      { block_id: pageId, page_size: PAGE_SIZE },
    ) as Promise<NotionObject[]>;
  }

  // ------------------------------------------------------------------------------------------------------
  // Writes: each names how to find out whether a lost answer landed
  // ------------------------------------------------------------------------------------------------------

  createDatabase(
    body: CreateDatabaseParameters,
    readBack: (lost: LostAnswer) => Promise<NotionObject | undefined>,
  ): Promise<NotionObject> {
    return this.write(() => this.#client.databases.create(body), readBack);
  }

  updateDataSource(
    dataSourceId: string,
    body: { properties: Record<string, unknown> },
    landed: (source: NotionObject) => boolean,
  ): Promise<NotionObject> {
    return this.write(
      () =>
        this.#client.dataSources.update({
          ...body,
          data_source_id: dataSourceId,
        } as UpdateDataSourceParameters),
      async () => {
        const source = await this.retrieveDataSource(dataSourceId);
        return landed(source) ? source : undefined;
      },
    );
  }

  createPage(
    body: CreatePageParameters,
    readBack: (lost: LostAnswer) => Promise<NotionObject | undefined>,
  ): Promise<NotionObject> {
    return this.write(() => this.#client.pages.create(body), readBack);
  }

  updatePage(
    pageId: string,
    body: Omit<UpdatePageParameters, 'page_id'>,
    landed: (page: NotionObject) => boolean,
  ): Promise<NotionObject> {
    return this.write(
      () => this.#client.pages.update({ ...body, page_id: pageId }),
      async () => {
        const page = await this.retrievePage(pageId);
        return landed(page) ? page : undefined;
      },
    );
  }

  updateBlock(
    blockId: string,
    body: Record<string, unknown>,
    landed: (block: NotionObject) => boolean,
  ): Promise<NotionObject> {
    return this.write(
      () => this.#client.blocks.update({ ...body, block_id: blockId } as UpdateBlockParameters),
      async () => {
        const block = await this.retrieveBlock(blockId);
        return landed(block) ? block : undefined;
      },
    );
  }

  async deleteBlock(blockId: string): Promise<void> {
    try {
      await this.write(
        () => this.#client.blocks.delete({ block_id: blockId }),
        async () => {
          const block = await this.retrieveBlock(blockId);
          return block.in_trash === true || block.archived === true ? block : undefined;
        },
      );
    } catch (error) {
      // Already gone: what we wanted.
      if (isGoneInNotion(error)) return;
      throw error;
    }
  }

  /**
   * Appends at most 100 children (the caller chunks) right after the block `after`, or at the start of the
   * page when there is none (`position`, which replaces the deprecated `after`).
   */
  appendChildren(
    blockId: string,
    children: unknown[],
    after: string | undefined,
    readBack: (lost: LostAnswer) => Promise<NotionObject[] | undefined>,
  ): Promise<NotionObject[]> {
    if (children.length > MAX_CHILDREN_PER_REQUEST) {
      throw new RangeError(`at most ${MAX_CHILDREN_PER_REQUEST} children per append`);
    }
    const position: AppendBlockChildrenParameters['position'] = after
      ? { type: 'after_block', after_block: { id: after } }
      : { type: 'start' };
    return this.write<{ results: NotionObject[] }>(
      () =>
        this.#client.blocks.children.append({
          block_id: blockId,
          children: children as AppendBlockChildrenParameters['children'],
          position,
        }) as Promise<{ results: NotionObject[] }>,
      async (lost) => {
        const found = await readBack(lost);
        return found ? { results: found } : undefined;
      },
    ).then((answer) => answer.results);
  }

  /** A comment on a page, for the person who changed it: a lost answer is settled by the page's comments. */
  createComment(pageId: string, richText: RichTextItem[]): Promise<NotionObject> {
    const text = richText.map((item) => item.text.content).join('');
    return this.write(
      () =>
        this.#client.comments.create({
          parent: { page_id: pageId },
          rich_text: richText,
        } as CreateCommentParameters),
      async () => {
        const comments = await this.listComments(pageId);
        return comments.find((comment) => plainText(comment.rich_text) === text);
      },
    );
  }

  // ------------------------------------------------------------------------------------------------------

  private async read<T>(call: () => Promise<T>): Promise<T & NotionObject> {
    let limited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.send('read', call);
      if (outcome.ok) return outcome.value as T & NotionObject;
      if (outcome.kind === 'rate-limited') {
        this.checkRateLimitStorm(++limited);
        attempt--;
        continue;
      }
      if (attempt >= this.#maxAttempts) {
        throw new NotionUnavailableError(
          `Notion bleef onbereikbaar (${outcome.description}) na ${attempt} pogingen; probeer het later opnieuw.`,
        );
      }
      this.stats.retriedReads++;
      await this.backoff(attempt);
    }
  }

  private async write<T = NotionObject>(
    call: () => Promise<unknown>,
    readBack: (lost: LostAnswer) => Promise<T | undefined>,
  ): Promise<T> {
    let limited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.send('write', call);
      if (outcome.ok) return outcome.value as T;
      // A 429/529 is answered before anything is done: sending again is safe.
      if (outcome.kind === 'rate-limited') {
        this.checkRateLimitStorm(++limited);
        attempt--;
        continue;
      }
      // The answer was lost: find out whether the write landed before doing anything else.
      this.stats.readBacks++;
      const found = await readBack(outcome.lost);
      if (found !== undefined) return found;
      if (attempt >= this.#maxAttempts) {
        throw new NotionUnavailableError(
          `Notion bleef onbereikbaar (${outcome.description}) na ${attempt} pogingen; probeer het later opnieuw.`,
        );
      }
      await this.backoff(attempt);
    }
  }

  private async send<T>(
    kind: 'read' | 'write',
    call: () => Promise<T>,
  ): Promise<
    | { ok: true; value: T }
    | { ok: false; kind: 'rate-limited' }
    | { ok: false; kind: 'lost'; lost: LostAnswer; description: string }
  > {
    this.throwIfAborted();
    const before = this.#pacer.waitedMs;
    await this.#pacer.take();
    this.stats.waitedMs += this.#pacer.waitedMs - before;
    this.throwIfAborted();
    if (kind === 'read') this.stats.reads++;
    else this.stats.writes++;
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      if (RequestTimeoutError.isRequestTimeoutError(error)) {
        return { ok: false, kind: 'lost', lost: {}, description: 'geen antwoord binnen de wachttijd' };
      }
      if (!isHTTPResponseError(error)) {
        // A reset connection or refused socket: like a time-out, we cannot know what happened.
        return {
          ok: false,
          kind: 'lost',
          lost: {},
          description: error instanceof Error ? error.message : 'netwerkfout',
        };
      }
      const additional = (error.additional_data ?? {}) as Record<string, string | string[] | undefined>;
      if (error.status === 429 || error.status === 529) {
        this.stats.rateLimited++;
        if (additional.rate_limit_reason === 'public_api_request_blocked') {
          throw new NotionRefusedError(
            'Notion heeft deze integratie geblokkeerd (public_api_request_blocked); neem contact op met de beheerder van de Notion-werkruimte.',
            error.status,
            error.code,
          );
        }
        const waitMs = retryAfterMs(error.headers, additional.retry_after);
        const before = this.#pacer.waitedMs;
        await this.#pacer.pauseFor(waitMs);
        this.stats.waitedMs += this.#pacer.waitedMs - before;
        return { ok: false, kind: 'rate-limited' };
      }
      if (RETRYABLE_STATUSES.has(error.status) || error.code === 'conflict_error') {
        const committed = additional.committed_resource_id;
        const children = additional.committed_child_ids;
        return {
          ok: false,
          kind: 'lost',
          lost: {
            status: error.status,
            ...(typeof committed === 'string' ? { committedResourceId: committed } : {}),
            ...(Array.isArray(children) ? { committedChildIds: children } : {}),
          },
          description: `HTTP ${error.status}`,
        };
      }
      if (isBlockCap(error.status, error.code, error.message, additional)) throw new NotionBlockCapError();
      throw refused(error.status, error.code, error.message);
    }
  }

  /** Notion keeps answering 429/529: after this many waits the run gives up and says so. */
  private checkRateLimitStorm(times: number): void {
    if (times > MAX_RATE_LIMITED_IN_A_ROW) {
      throw new NotionUnavailableError(
        `Notion bleef "te veel verzoeken" (429/529) antwoorden, ook na ${MAX_RATE_LIMITED_IN_A_ROW} keer wachten; probeer het later opnieuw.`,
      );
    }
  }

  private async backoff(attempt: number): Promise<void> {
    // Exponential with full jitter, bounded: 0.5 s, 1 s, 2 s … at most 15 s.
    const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (attempt - 1));
    const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.stats.waitedMs += wait;
    await this.#time.sleep(wait);
  }

  private throwIfAborted(): void {
    if (this.#signal?.aborted) throw new SyncAbortedError();
  }
}

function retryAfterMs(headers: unknown, bodyValue: unknown): number {
  let header: string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function')
    header = (headers as Headers).get('retry-after');
  const raw = header ?? (typeof bodyValue === 'string' ? bodyValue : undefined);
  if (raw !== undefined && raw !== null) {
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 15 * 60) * 1000;
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.max(0, Math.min(date - Date.now(), 15 * 60 * 1000));
  }
  // Notion always sends Retry-After; without it, wait for a per-connection window to pass.
  return 60_000;
}

function isBlockCap(
  status: number,
  code: string,
  message: string,
  additional: Record<string, unknown>,
): boolean {
  if (status !== 403 && status !== 400) return false;
  const text = `${code} ${message} ${JSON.stringify(additional)}`.toLowerCase();
  return /block[ _-]?limit/.test(text);
}

function refused(status: number, code: string, message: string): NotionRefusedError {
  const object = /(page|block|data source|database|user|comment)/i.exec(message)?.[1] ?? 'object';
  switch (status) {
    case 401:
      return new NotionRefusedError(
        'Notion weigert het token: controleer NOTION_TOKEN (het geheime token van de integratie).',
        status,
        code,
        message,
      );
    case 403:
      return new NotionRefusedError(
        `Notion staat deze handeling niet toe (${code}): geef de integratie toegang tot de pagina's in Notion ("Connections").`,
        status,
        code,
        message,
      );
    case 404:
      return new NotionRefusedError(
        `Notion kent dit object niet of de integratie heeft er geen toegang toe (${object}).`,
        status,
        code,
        message,
      );
    default:
      // A 400 is a bug on our side: say which request, never the body (it may hold personal data).
      return new NotionRefusedError(
        `Notion weigerde een verzoek (${object}, HTTP ${status}, ${code}): ${message.slice(0, 300)}`,
        status,
        code,
        message,
      );
  }
}
