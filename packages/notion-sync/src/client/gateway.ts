import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AppendBlockChildrenParameters,
  Client,
  type CreateCommentParameters,
  type CreateDatabaseParameters,
  type CreatePageParameters,
  type CreateViewParameters,
  collectPaginatedAPI,
  isHTTPResponseError,
  type ListBlockChildrenParameters,
  type ListCommentsParameters,
  type ListDatabaseViewsParameters,
  LogLevel,
  type QueryDataSourceParameters,
  RequestTimeoutError,
  type UpdateBlockParameters,
  type UpdateDataSourceParameters,
  type UpdatePageParameters,
} from '@notionhq/client';
import { DEFAULT_RETRY, MAX_CHILDREN_PER_REQUEST, NOTION_VERSION, PAGE_SIZE } from '../limits.js';
import { plainText, type RichTextItem } from '../render/rich-text.js';
import type { NotionSettings } from '../settings.js';
import {
  isGoneInNotion,
  NotionBlockCapError,
  NotionRefusedError,
  NotionUnavailableError,
  SyncAbortedError,
} from './errors.js';
import { createNotionPacer, type NotionPacer } from './pacing.js';

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
  /** HTTP requests sent, the SDK's retries included. */
  reads: number;
  writes: number;
  /** Requests answered 429 or 529. */
  rateLimited: number;
  /** Reads sent again after a 429/529, a 5xx or a time-out (by the SDK or, where it does not, by us). */
  retriedReads: number;
  /** Writes whose answer was lost and that were settled by reading back. */
  readBacks: number;
  /** Time spent waiting for the budget, for Retry-After and between retries. */
  waitedMs: number;
  /** Each wait the SDK took before sending a request again (Retry-After, else its back-off). */
  sdkRetryWaitsMs: number[];
}

export interface RetrySettings {
  maxRetries: number;
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
}

export interface GatewayOptions {
  settings: Pick<NotionSettings, 'token' | 'baseUrl' | 'timeoutMs' | 'requestsPerMinute'>;
  /** Shared by everything that uses the same token (one budget per connection). */
  pacer?: NotionPacer;
  /** The SDK's retry (default `DEFAULT_RETRY`); our own repeats use the same delays. */
  retry?: Partial<RetrySettings>;
  signal?: AbortSignal;
  /** Attempts for a read the SDK does not retry, or an unsettled write, before giving up (default 6). */
  maxAttempts?: number;
}

/** What the SDK hands its `fetch` (its own type is not exported). */
type SdkRequestInit = Parameters<
  NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>['fetch']>
>[1];

/** What the SDK sends again by itself: 429/529 always, these only for GET and DELETE. */
const SDK_RETRIED_SERVER_ERRORS = new Set([500, 503]);
const SERVER_ERRORS = new Set([500, 502, 503, 504]);

type Failure =
  | { kind: 'rate-limited'; status: number }
  | { kind: 'lost'; lost: LostAnswer; description: string };

/**
 * The one door to Notion: the SDK's typed endpoints, paced under the connection's budget (p-queue), with the
 * SDK's own retry (429/529 for every request after Retry-After; 500/503 for reads sent as GET). What the SDK
 * leaves alone we decide here: a read it does not repeat (a query is a POST; a time-out) is sent again, and a
 * write whose answer was lost is never repeated blindly: the caller's read-back decides whether it landed.
 */
export class NotionGateway {
  readonly stats: GatewayStats = {
    reads: 0,
    writes: 0,
    rateLimited: 0,
    retriedReads: 0,
    readBacks: 0,
    waitedMs: 0,
    sdkRetryWaitsMs: [],
  };
  readonly #client: Client;
  readonly #pacer: NotionPacer;
  readonly #retry: RetrySettings;
  readonly #signal: AbortSignal | undefined;
  readonly #maxAttempts: number;
  readonly #timeoutMs: number;

  constructor(options: GatewayOptions) {
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#timeoutMs = options.settings.timeoutMs;
    this.#client = new Client({
      auth: options.settings.token,
      baseUrl: options.settings.baseUrl,
      timeoutMs: options.settings.timeoutMs,
      notionVersion: NOTION_VERSION,
      retry: this.#retry,
      fetch: (url, init) => this.#fetch(url, init),
      // INFO carries the SDK's "retrying request" with its delay, which we count; nothing is printed (the SDK
      // would print to the console, and our errors carry what matters, never the token).
      logLevel: LogLevel.INFO,
      logger: (_level, message, extra) => this.#onSdkLog(message, extra),
    });
    this.#pacer = options.pacer ?? createNotionPacer(options.settings.requestsPerMinute);
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
      // A query is a read sent as POST: the SDK repeats it after a 429/529 only, so a 5xx is ours to repeat.
      (args: QueryDataSourceParameters) =>
        this.read(() => this.#client.dataSources.query(args), { sdkRepeatsServerErrors: false }),
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

  retrieveView(viewId: string): Promise<NotionObject> {
    return this.read(() => this.#client.views.retrieve({ view_id: viewId }));
  }

  /** The views of a database (references: id only), page by page. */
  listViews(databaseId: string): Promise<NotionObject[]> {
    return collectPaginatedAPI(
      (args: ListDatabaseViewsParameters) => this.read(() => this.#client.views.list(args)),
      { database_id: databaseId, page_size: PAGE_SIZE },
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

  /** A database view (the Views API; API version 2025-09-03 or later). */
  createView(
    body: CreateViewParameters,
    readBack: (lost: LostAnswer) => Promise<NotionObject | undefined>,
  ): Promise<NotionObject> {
    return this.write(() => this.#client.views.create(body), readBack);
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
   * page when there is none. `position` came to API 2025-09-03 in January 2026 as a backwards-compatible
   * addition and is the only form 2026-03-11 takes; the deprecated `after` may not be sent with it (README).
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

  private async read<T>(
    call: () => Promise<T>,
    { sdkRepeatsServerErrors = true } = {},
  ): Promise<T & NotionObject> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#paced(call)) as T & NotionObject;
      } catch (error) {
        const failure = this.#failure(error);
        // The SDK has already waited out its retries of these: repeating them once more would only double them.
        const sdkGaveUp =
          failure.kind === 'rate-limited' ||
          (sdkRepeatsServerErrors &&
            failure.lost.status !== undefined &&
            SDK_RETRIED_SERVER_ERRORS.has(failure.lost.status));
        if (sdkGaveUp || attempt >= this.#maxAttempts) throw this.#unavailable(failure, attempt);
        this.stats.retriedReads++;
        await this.#backoff(attempt);
      }
    }
  }

  private async write<T = NotionObject>(
    call: () => Promise<unknown>,
    readBack: (lost: LostAnswer) => Promise<T | undefined>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.#paced(call)) as T;
      } catch (error) {
        const failure = this.#failure(error);
        // A 429/529 is answered before anything is done, and the SDK has sent it again as often as we allow.
        if (failure.kind === 'rate-limited') throw this.#unavailable(failure, attempt);
        // The answer was lost: find out whether the write landed before doing anything else.
        this.stats.readBacks++;
        const found = await readBack(failure.lost);
        if (found !== undefined) return found;
        if (attempt >= this.#maxAttempts) throw this.#unavailable(failure, attempt);
        await this.#backoff(attempt);
      }
    }
  }

  /** One SDK call when the budget allows; the SDK's retries of it ride on the same turn. */
  async #paced<T>(call: () => Promise<T>): Promise<T> {
    this.#throwIfAborted();
    const queued = performance.now();
    return this.#pacer.add(
      () => {
        this.stats.waitedMs += performance.now() - queued;
        this.#throwIfAborted();
        return call();
      },
      this.#signal ? { signal: this.#signal } : {},
    ) as Promise<T>;
  }

  /** Every HTTP request the SDK sends, retries included: counted, and a blocked connection stops at once. */
  async #fetch(url: string, init: SdkRequestInit): Promise<Response> {
    this.#throwIfAborted();
    if (isRead(init?.method, url)) this.stats.reads++;
    else this.stats.writes++;
    // The SDK's time-out rejects but leaves the request open; this ends the socket shortly after.
    const response = await fetch(url, {
      ...(init as RequestInit),
      signal: AbortSignal.timeout(this.#timeoutMs + 1000),
    });
    if (response.status === 429 || response.status === 529) {
      this.stats.rateLimited++;
      // Thrown from here (not a Notion error to the SDK) so the SDK does not send it again.
      if (await isBlocked(response)) {
        throw new NotionRefusedError(
          'Notion heeft deze integratie geblokkeerd (public_api_request_blocked); neem contact op met de beheerder van de Notion-werkruimte.',
          response.status,
          'rate_limited',
        );
      }
    }
    return response;
  }

  #onSdkLog(message: string, extra: Record<string, unknown>): void {
    if (message !== 'retrying request' || typeof extra.delayMs !== 'number') return;
    this.stats.sdkRetryWaitsMs.push(extra.delayMs);
    this.stats.waitedMs += extra.delayMs;
    if (isRead(String(extra.method), String(extra.path))) this.stats.retriedReads++;
  }

  /** What went wrong, for the caller to decide; a refusal no retry can fix is thrown from here. */
  #failure(error: unknown): Failure {
    if (error instanceof SyncAbortedError || error instanceof NotionRefusedError) throw error;
    if (this.#signal?.aborted) throw new SyncAbortedError();
    if (RequestTimeoutError.isRequestTimeoutError(error)) {
      return { kind: 'lost', lost: {}, description: 'geen antwoord binnen de wachttijd' };
    }
    if (!isHTTPResponseError(error)) {
      // A reset connection or refused socket: like a time-out, we cannot know what happened.
      return { kind: 'lost', lost: {}, description: error instanceof Error ? error.message : 'netwerkfout' };
    }
    if (error.status === 429 || error.status === 529) return { kind: 'rate-limited', status: error.status };
    const additional = (error.additional_data ?? {}) as Record<string, string | string[] | undefined>;
    if (SERVER_ERRORS.has(error.status) || error.code === 'conflict_error') {
      const committed = additional.committed_resource_id;
      const children = additional.committed_child_ids;
      return {
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

  #unavailable(failure: Failure, attempts: number): NotionUnavailableError {
    if (failure.kind === 'rate-limited') {
      return new NotionUnavailableError(
        `Notion bleef "te veel verzoeken" (${failure.status}) antwoorden, ook na ${this.#retry.maxRetries} keer wachten; probeer het later opnieuw.`,
      );
    }
    return new NotionUnavailableError(
      `Notion bleef onbereikbaar (${failure.description}) na ${attempts} pogingen; probeer het later opnieuw.`,
    );
  }

  /** The SDK's back-off for what it does not repeat itself: doubling from the same start, jittered, bounded. */
  async #backoff(attempt: number): Promise<void> {
    const ceiling = Math.min(
      this.#retry.maxRetryDelayMs,
      this.#retry.initialRetryDelayMs * 2 ** (attempt - 1),
    );
    const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.stats.waitedMs += wait;
    await sleep(wait);
  }

  #throwIfAborted(): void {
    if (this.#signal?.aborted) throw new SyncAbortedError();
  }
}

/** Reads are GETs and the two reads Notion takes as POST (a data source query, a search). */
function isRead(method: string | undefined, url: string): boolean {
  if ((method ?? 'GET').toUpperCase() === 'GET') return true;
  return /\/(query|search)(\?|$)/.test(url);
}

/** A 429 that means the integration is blocked, not rate limited: waiting will not help. */
async function isBlocked(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { additional_data?: { rate_limit_reason?: string } };
    return body.additional_data?.rate_limit_reason === 'public_api_request_blocked';
  } catch {
    return false;
  }
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
