import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for the Notion API (version 2025-09-03, data sources) for tests and benchmarks: the real
 * `@notionhq/client` talks to it through `baseUrl`. It keeps pages, blocks, databases and data sources in
 * memory, enforces the limits of docs/platform-limits.md §1 (100 children, 2 nesting levels, 2,000-character rich
 * text, 100-element arrays, 500 KB, page size 100, a per-connection request window, the Free block cap) and
 * injects faults on request: 429 with Retry-After, 529, 500, a 503 after saving (with Notion's committed ids)
 * and time-outs before or after saving. Edit times are rounded down to the minute, as Notion does.
 */

export type FaultKind =
  | 'rate-limited'
  | 'overloaded'
  | 'error-500'
  | 'error-400'
  | '500-after-save'
  | '503-after-save'
  | 'timeout-before-save'
  | 'timeout-after-save';

export interface FaultRule {
  kind: FaultKind;
  method?: string;
  /** Matched against the path after `/v1/`, e.g. /^pages$/ for page creation. */
  path?: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  /** Skip this many matching requests first (default 0). */
  after?: number;
  /** Seconds for Retry-After (default 1). */
  retryAfter?: number;
  /** `additional_data.rate_limit_reason` of a 429 (default `public_api_request_rate_limit`). */
  reason?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** Whether the request changes something (everything but GET, queries and search). */
  write: boolean;
  fault?: FaultKind;
  /** When it arrived, in real milliseconds (`Date.now()`): shows how long the client waited before a retry. */
  receivedAt: number;
}

export interface FakeNotionOptions {
  token?: string;
  /** The fake's clock (ms); share it with the code under test to move time without waiting. */
  now?: () => number;
  /** Lifetime blocks (pages count as blocks) before creation is refused; unlimited when absent. */
  blockCap?: number;
  /** Requests per 60-second window per token before a 429 (Notion's Free plan: 180). */
  requestsPerMinute?: number;
  /** The window's length (default 60 s); tests of pacing shorten it to a second. */
  rateWindowMs?: number;
  /** The window's clock (default `now`); real time when the client's pacing and Retry-After run on timers. */
  rateClock?: () => number;
  /** The page shared with the integration, under which `notion init` builds. */
  parentPageId?: string;
}

interface RichText {
  type: 'text';
  text: { content: string; link?: { url: string } | null };
  annotations?: Record<string, unknown>;
  plain_text?: string;
}

interface StoredBlock {
  object: 'block';
  id: string;
  type: string;
  body: Record<string, unknown>;
  parentId: string;
  children: string[];
  in_trash: boolean;
  created_time: string;
  last_edited_time: string;
  last_edited_by: { object: 'user'; id: string };
}

interface StoredPage {
  object: 'page';
  id: string;
  parent:
    | { type: 'data_source_id'; data_source_id: string; database_id: string }
    | { type: 'page_id'; page_id: string };
  /** Values keyed by property id (as Notion keeps them: a rename changes no row). */
  properties: Record<string, Record<string, unknown>>;
  children: string[];
  in_trash: boolean;
  created_time: string;
  last_edited_time: string;
  last_edited_by: { object: 'user'; id: string };
  created: number;
}

interface StoredProperty {
  id: string;
  name: string;
  type: string;
  [key: string]: unknown;
}

interface StoredComment {
  object: 'comment';
  id: string;
  parent: { type: 'page_id'; page_id: string } | { type: 'block_id'; block_id: string };
  discussion_id: string;
  created_time: string;
  last_edited_time: string;
  created_by: { object: 'user'; id: string };
  rich_text: RichText[];
}

interface StoredDataSource {
  object: 'data_source';
  id: string;
  databaseId: string;
  parentPageId: string;
  title: RichText[];
  /** The schema keyed by property id. */
  properties: Record<string, StoredProperty>;
}

interface StoredView {
  object: 'view';
  id: string;
  databaseId: string;
  dataSourceId: string;
  name: string;
  type: string;
  configuration?: Record<string, unknown>;
  in_trash: boolean;
}

const VIEW_TYPES = ['table', 'board', 'list', 'calendar', 'timeline', 'gallery', 'form', 'chart', 'map'];

interface StoredDatabase {
  object: 'database';
  id: string;
  parentPageId: string;
  title: RichText[];
  dataSourceIds: string[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly additional?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const MAX_CHILDREN = 100;
const MAX_TEXT = 2000;
const MAX_ARRAY = 100;
const MAX_BODY = 500_000;
const BOT_USER = 'integratie-bot';
const WRITE_PATHS_THAT_READ = [/^data_sources\/[^/]+\/query$/, /^search$/];

const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
const compact = (id: string) => id.replaceAll('-', '').toLowerCase();

export class FakeNotion {
  readonly requests: RecordedRequest[] = [];
  readonly parentPageId: string;
  readonly token: string;
  /** Blocks created over the workspace's lifetime (deleting does not give them back, as in Notion). */
  blocksCreated = 0;
  blockCap: number | undefined;
  url = '';
  readonly #now: () => number;
  readonly #perMinute: number | undefined;
  readonly #rateWindowMs: number;
  readonly #rateClock: () => number;
  readonly #window: number[] = [];
  readonly #faults: Array<FaultRule & { seen: number; used: number }> = [];
  readonly #pages = new Map<string, StoredPage>();
  readonly #blocks = new Map<string, StoredBlock>();
  readonly #dataSources = new Map<string, StoredDataSource>();
  readonly #databases = new Map<string, StoredDatabase>();
  readonly #comments: StoredComment[] = [];
  readonly #views = new Map<string, StoredView>();
  readonly #users = new Map<string, string>([['beheerder', 'Beheerder VNG']]);
  readonly #sockets = new Set<Socket>();
  readonly #held = new Set<ServerResponse>();
  #server: Server | undefined;
  #counter = 0;

  constructor(options: FakeNotionOptions = {}) {
    this.token = options.token ?? 'geheim-test-token';
    this.#now = options.now ?? Date.now;
    this.blockCap = options.blockCap;
    this.#perMinute = options.requestsPerMinute;
    this.#rateWindowMs = options.rateWindowMs ?? 60_000;
    this.#rateClock = options.rateClock ?? this.#now;
    this.parentPageId = options.parentPageId ?? '0f0e0d0c-0b0a-4908-8706-050403020100';
    const at = minute(this.#now());
    this.#pages.set(compact(this.parentPageId), {
      object: 'page',
      id: this.parentPageId,
      parent: { type: 'page_id', page_id: 'workspace' },
      properties: { title: { id: 'title', type: 'title', title: [this.#text('Visieleren')] } },
      children: [],
      in_trash: false,
      created_time: at,
      last_edited_time: at,
      last_edited_by: { object: 'user', id: 'beheerder' },
      created: 0,
    });
  }

  async start(): Promise<string> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const response of this.#held) response.destroy();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  inject(rule: FaultRule): void {
    this.#faults.push({ ...rule, seen: 0, used: 0 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Requests that changed something (or tried to), since the given index. */
  writesSince(index = 0): RecordedRequest[] {
    return this.requests.slice(index).filter((request) => request.write);
  }

  // ------------------------------------------------------------------------------------------------------
  // What a test inspects
  // ------------------------------------------------------------------------------------------------------

  dataSourceId(title: string): string | undefined {
    return [...this.#dataSources.values()].find((source) => plain(source.title) === title)?.id;
  }

  /** The live views of a data source, as Notion shows them. */
  viewsOf(
    dataSourceTitle: string,
  ): Array<{ id: string; name: string; type: string; configuration?: unknown }> {
    const id = this.dataSourceId(dataSourceTitle);
    return [...this.#views.values()]
      .filter((view) => !view.in_trash && view.dataSourceId === id)
      .map(({ id: viewId, name, type, configuration }) => ({ id: viewId, name, type, configuration }));
  }

  /** A person deletes a view. */
  userDeletesView(viewId: string): void {
    this.#view(viewId).in_trash = true;
  }

  /** The id of a property of a data source, by its current name. */
  propertyId(dataSourceTitle: string, name: string): string | undefined {
    return this.#findProperty(this.#dataSourceByTitle(dataSourceTitle), name)?.id;
  }

  dataSourceTitles(): string[] {
    return [...this.#dataSources.values()].map((source) => plain(source.title));
  }

  /** Live (not trashed) rows of a data source, as plain values per property. */
  rows(dataSourceTitle: string): Array<{ id: string; values: Record<string, unknown> }> {
    const id = this.dataSourceId(dataSourceTitle);
    return [...this.#pages.values()]
      .filter(
        (page) =>
          !page.in_trash && page.parent.type === 'data_source_id' && page.parent.data_source_id === id,
      )
      .sort((a, b) => a.created - b.created)
      .map((page) => ({ id: page.id, values: plainProperties(this.#propertiesJson(page)) }));
  }

  /** Live child blocks of a page, as type, text and (for to-dos) checked. */
  blocksOf(pageId: string): Array<{ id: string; type: string; text: string; checked?: boolean }> {
    const page = this.#pages.get(compact(pageId));
    return (page?.children ?? [])
      .map((id) => this.#blocks.get(id)!)
      .filter((block) => !block.in_trash)
      .map((block) => ({
        id: block.id,
        type: block.type,
        text: plain(block.body.rich_text as RichText[]),
        ...(block.type === 'to_do' ? { checked: block.body.checked === true } : {}),
      }));
  }

  /** A person edits a page's property in Notion. */
  userEditsProperty(
    pageId: string,
    property: string,
    value: Record<string, unknown>,
    userId = 'gebruiker-1',
  ): void {
    const page = this.#page(pageId);
    if (page.parent.type !== 'data_source_id') throw new Error('not a row');
    const source = this.#dataSource(page.parent.data_source_id);
    const schema = this.#findProperty(source, property);
    if (!schema) throw new Error(`no property ${property}`);
    const type = Object.keys(value)[0]!;
    const before = relationSnapshot(page);
    page.properties[schema.id] = { type, ...value };
    this.#mirrorRelations(source, page, [schema.id], before);
    this.#touch(page, userId);
  }

  /** A person renames a property (a column) of a data source in Notion. */
  userRenamesProperty(dataSourceTitle: string, from: string, to: string): void {
    this.#setSchema(this.#dataSourceByTitle(dataSourceTitle), { [from]: { name: to } });
  }

  /** A person deletes a property of a data source. */
  userDeletesProperty(dataSourceTitle: string, name: string): void {
    this.#setSchema(this.#dataSourceByTitle(dataSourceTitle), { [name]: null });
  }

  /** A person changes a property's type (e.g. a checkbox into text). */
  userChangesPropertyType(dataSourceTitle: string, name: string, type: string): void {
    this.#setSchema(this.#dataSourceByTitle(dataSourceTitle), { [name]: { [type]: {} } });
  }

  /** A person duplicates a row (Notion's "Duplicate"): the copy has the same property values. */
  userDuplicates(pageId: string, userId = 'gebruiker-1'): string {
    const original = this.#page(pageId);
    if (original.parent.type !== 'data_source_id') throw new Error('not a row');
    const at = minute(this.#now());
    const copy: StoredPage = {
      ...structuredClone(original),
      id: this.#id(),
      children: [],
      in_trash: false,
      created_time: at,
      created: ++this.#counter,
    };
    this.#pages.set(compact(copy.id), copy);
    this.#spendBlocks(1);
    const source = this.#dataSource(original.parent.data_source_id);
    this.#mirrorRelations(source, copy, Object.keys(copy.properties), {});
    this.#touch(copy, userId);
    return copy.id;
  }

  /** A person restores a page from the trash. */
  userRestores(pageId: string, userId = 'gebruiker-1'): void {
    const page = this.#page(pageId);
    page.in_trash = false;
    this.#touch(page, userId);
  }

  /** The property names of a data source, as people see them. */
  propertyNames(dataSourceTitle: string): string[] {
    return Object.values(this.#dataSourceByTitle(dataSourceTitle).properties).map(
      (property) => property.name,
    );
  }

  /** Comments on a page (or block), oldest first, as plain text. */
  commentsOn(id: string): string[] {
    return this.#comments
      .filter(
        (comment) =>
          compact(comment.parent.type === 'page_id' ? comment.parent.page_id : comment.parent.block_id) ===
          compact(id),
      )
      .map((comment) => plain(comment.rich_text));
  }

  /** Every page that is still alive, trashed ones included when asked: for duplicate checks. */
  pageCount(options: { includeTrash?: boolean } = {}): number {
    return [...this.#pages.values()].filter((page) => options.includeTrash || !page.in_trash).length - 1;
  }

  #dataSourceByTitle(title: string): StoredDataSource {
    const id = this.dataSourceId(title);
    if (!id) throw new Error(`no data source ${title}`);
    return this.#dataSource(id);
  }

  /** A person moves a page to the trash in Notion. */
  userTrashes(pageId: string, userId = 'gebruiker-1'): void {
    const page = this.#page(pageId);
    page.in_trash = true;
    this.#touch(page, userId);
  }

  /** A person deletes one block of a page. */
  userDeletesBlock(blockId: string): void {
    this.#block(blockId).in_trash = true;
  }

  /** A person ticks (or unticks) a to-do in a page, found by its text. */
  userTicks(pageId: string, text: string, checked: boolean, userId = 'gebruiker-1'): void {
    const page = this.#page(pageId);
    const block = page.children
      .map((id) => this.#blocks.get(id)!)
      .find(
        (candidate) =>
          !candidate.in_trash &&
          candidate.type === 'to_do' &&
          plain(candidate.body.rich_text as RichText[]) === text,
      );
    if (!block) throw new Error(`no to-do ${text}`);
    block.body = { ...block.body, checked };
    block.last_edited_time = minute(this.#now());
    block.last_edited_by = { object: 'user', id: userId };
    this.#touch(page, userId);
  }

  // ------------------------------------------------------------------------------------------------------

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/v1\//, '');
    const method = (request.method ?? 'GET').toUpperCase();
    const write = method !== 'GET' && !WRITE_PATHS_THAT_READ.some((pattern) => pattern.test(path));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const record: RecordedRequest = { method, path, status: 200, write, receivedAt: Date.now() };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    const error = (failure: ApiError, headers: Record<string, string> = {}) =>
      send(
        failure.status,
        {
          object: 'error',
          status: failure.status,
          code: failure.code,
          message: failure.message,
          ...(failure.additional ? { additional_data: failure.additional } : {}),
          request_id: randomUUID(),
        },
        headers,
      );
    try {
      if (request.headers.authorization !== `Bearer ${this.token}`) {
        throw new ApiError(401, 'unauthorized', 'API token is invalid.');
      }
      if (request.headers['notion-version'] !== '2025-09-03') {
        throw new ApiError(400, 'missing_version', 'Notion-Version header missing or not 2025-09-03.');
      }
      if (raw.length > MAX_BODY)
        throw new ApiError(400, 'validation_error', 'Request body too large (500KB).');
      if (this.#perMinute !== undefined) {
        const now = this.#rateClock();
        const windowMs = this.#rateWindowMs;
        while (this.#window.length > 0 && this.#window[0]! <= now - windowMs) this.#window.shift();
        if (this.#window.length >= this.#perMinute) {
          const retryAfter = Math.max(1, Math.ceil((this.#window[0]! + windowMs - now) / 1000));
          record.fault = 'rate-limited';
          return error(
            new ApiError(429, 'rate_limited', 'You have been rate limited.', {
              rate_limit_reason: 'public_api_request_rate_limit',
              retry_after: String(retryAfter),
            }),
            { 'retry-after': String(retryAfter) },
          );
        }
        this.#window.push(now);
      }
      const fault = this.#takeFault(method, path);
      if (fault) record.fault = fault.kind;
      const retryAfter = String(fault?.retryAfter ?? 1);
      switch (fault?.kind) {
        case 'rate-limited':
          return error(
            new ApiError(429, 'rate_limited', 'You have been rate limited.', {
              rate_limit_reason: fault.reason ?? 'public_api_request_rate_limit',
              retry_after: retryAfter,
            }),
            { 'retry-after': retryAfter },
          );
        case 'overloaded':
          return error(new ApiError(529, 'service_overload', 'Notion is overloaded.'), {
            'retry-after': retryAfter,
          });
        case 'error-500':
          return error(new ApiError(500, 'internal_server_error', 'Unexpected error.'));
        case 'error-400':
          return error(new ApiError(400, 'validation_error', 'body failed validation.'));
        case 'timeout-before-save':
          record.status = 0;
          this.#held.add(response);
          return;
      }
      const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      const { result, committed } = this.#route(method, path, body, url.searchParams);
      switch (fault?.kind) {
        case '503-after-save':
          return error(
            new ApiError(503, 'service_unavailable', 'Notion is unavailable, try again later.', {
              retry_guidance:
                'Read the object again to confirm whether the write succeeded. Do not repeat the write.',
              ...(committed?.resource ? { committed_resource_id: committed.resource } : {}),
              ...(committed?.children ? { committed_child_ids: committed.children } : {}),
            }),
          );
        case '500-after-save':
          return error(new ApiError(500, 'internal_server_error', 'Unexpected error.'));
        case 'timeout-after-save':
          record.status = 0;
          this.#held.add(response);
          return;
      }
      return send(200, result);
    } catch (failure) {
      if (failure instanceof ApiError) return error(failure);
      if (failure instanceof SyntaxError)
        return error(new ApiError(400, 'invalid_json', 'Body is not JSON.'));
      return error(new ApiError(500, 'internal_server_error', String(failure)));
    }
  }

  #takeFault(method: string, path: string): FaultRule | undefined {
    for (const fault of this.#faults) {
      if (fault.method && fault.method.toUpperCase() !== method) continue;
      if (fault.path && !fault.path.test(path)) continue;
      fault.seen++;
      if (fault.seen <= (fault.after ?? 0)) continue;
      if (fault.used >= (fault.times ?? 1)) continue;
      fault.used++;
      return fault;
    }
    return undefined;
  }

  #route(
    method: string,
    path: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): { result: unknown; committed?: { resource?: string; children?: string[] } } {
    const parts = path.split('/');
    if (method === 'POST' && path === 'databases') return this.#createDatabase(body);
    if (method === 'POST' && path === 'search') return { result: this.#search(body) };
    if (method === 'GET' && parts[0] === 'databases' && parts[1]) {
      return { result: this.#databaseJson(this.#database(parts[1])) };
    }
    if (method === 'POST' && path === 'views') return this.#createView(body);
    if (method === 'GET' && path === 'views') return { result: this.#listViews(query) };
    if (method === 'GET' && parts[0] === 'views' && parts[1])
      return { result: this.#viewJson(this.#view(parts[1])) };
    if (method === 'POST' && path === 'comments') return this.#createComment(body);
    if (method === 'GET' && path === 'comments') return { result: this.#listComments(query) };
    if (method === 'GET' && parts[0] === 'users' && parts[1]) return { result: this.#userJson(parts[1]) };
    if (parts[0] === 'data_sources' && parts[1]) {
      const source = this.#dataSource(parts[1]);
      if (method === 'GET' && parts.length === 2) return { result: this.#dataSourceJson(source) };
      if (method === 'PATCH' && parts.length === 2) return { result: this.#updateDataSource(source, body) };
      if (method === 'POST' && parts[2] === 'query') return { result: this.#query(source, body) };
    }
    if (parts[0] === 'pages') {
      if (method === 'POST' && parts.length === 1) return this.#createPage(body);
      if (method === 'GET' && parts[1]) return { result: this.#pageJson(this.#page(parts[1])) };
      if (method === 'PATCH' && parts[1]) return { result: this.#updatePage(this.#page(parts[1]), body) };
    }
    if (parts[0] === 'blocks' && parts[1]) {
      if (parts[2] === 'children' && method === 'GET') return { result: this.#listChildren(parts[1], query) };
      if (parts[2] === 'children' && method === 'PATCH') return this.#append(parts[1], body);
      if (parts.length === 2 && method === 'GET') return { result: this.#blockJson(this.#block(parts[1])) };
      if (parts.length === 2 && method === 'PATCH')
        return { result: this.#updateBlock(this.#block(parts[1]), body) };
      if (parts.length === 2 && method === 'DELETE')
        return { result: this.#deleteBlock(this.#block(parts[1])) };
    }
    throw new ApiError(400, 'invalid_request_url', `Invalid request URL: ${method} /v1/${path}`);
  }

  // -- databases and data sources ------------------------------------------------------------------------

  #createDatabase(body: Record<string, unknown>) {
    const parent = body.parent as { type?: string; page_id?: string } | undefined;
    if (parent?.type !== 'page_id' || !parent.page_id)
      throw new ApiError(400, 'validation_error', 'parent.page_id required');
    this.#page(parent.page_id);
    const title = this.#richTextArray(body.title, 'title');
    const initial = (body.initial_data_source ?? {}) as {
      properties?: Record<string, Record<string, unknown>>;
    };
    this.#spendBlocks(1);
    const database: StoredDatabase = {
      object: 'database',
      id: this.#id(),
      parentPageId: parent.page_id,
      title,
      dataSourceIds: [],
    };
    const source: StoredDataSource = {
      object: 'data_source',
      id: this.#id(),
      databaseId: database.id,
      parentPageId: parent.page_id,
      title,
      properties: {},
    };
    this.#setSchema(source, initial.properties ?? {});
    if (!Object.values(source.properties).some((property) => property.type === 'title')) {
      throw new ApiError(400, 'validation_error', 'A data source needs a title property.');
    }
    database.dataSourceIds.push(source.id);
    this.#databases.set(compact(database.id), database);
    // The database shows in its parent page as a child_database block with the database's id.
    const at = minute(this.#now());
    this.#blocks.set(database.id, {
      object: 'block',
      id: database.id,
      type: 'child_database',
      body: { title: plain(title) },
      parentId: parent.page_id,
      children: [],
      in_trash: false,
      created_time: at,
      last_edited_time: at,
      last_edited_by: { object: 'user', id: BOT_USER },
    });
    this.#page(parent.page_id).children.push(database.id);
    this.#dataSources.set(compact(source.id), source);
    // Notion gives a new database one table view.
    this.#addView({ databaseId: database.id, dataSourceId: source.id, name: 'Default view', type: 'table' });
    return { result: this.#databaseJson(database), committed: { resource: database.id } };
  }

  #databaseJson(database: StoredDatabase) {
    return {
      object: 'database',
      id: database.id,
      title: database.title,
      parent: { type: 'page_id', page_id: database.parentPageId },
      in_trash: false,
      data_sources: database.dataSourceIds.map((id) => ({ id, name: plain(this.#dataSource(id).title) })),
    };
  }

  #database(id: string): StoredDatabase {
    const database = this.#databases.get(compact(id));
    if (!database) throw new ApiError(404, 'object_not_found', `Could not find database with ID: ${id}.`);
    return database;
  }

  // -- views (the Views API, 2025-09-03 and later) ------------------------------------------------------

  #createView(body: Record<string, unknown>) {
    const targets = ['database_id', 'view_id', 'create_database'].filter((key) => body[key] !== undefined);
    if (targets.length !== 1) {
      throw new ApiError(
        400,
        'validation_error',
        'Provide exactly one of database_id, view_id or create_database.',
      );
    }
    if (!body.database_id)
      throw new ApiError(400, 'validation_error', 'The fake makes views on a database_id only.');
    const database = this.#database(String(body.database_id));
    const source = this.#dataSource(String(body.data_source_id ?? ''));
    if (source.databaseId !== database.id) {
      throw new ApiError(400, 'validation_error', 'data_source_id is not a data source of this database.');
    }
    if (typeof body.name !== 'string' || body.name.trim() === '') {
      throw new ApiError(400, 'validation_error', 'body.name should be a non-empty string.');
    }
    const type = String(body.type);
    if (!VIEW_TYPES.includes(type)) throw new ApiError(400, 'validation_error', `Unknown view type ${type}.`);
    const configuration = body.configuration as Record<string, unknown> | undefined;
    if (configuration) this.#validateViewConfiguration(source, type, configuration);
    const view = this.#addView({
      databaseId: database.id,
      dataSourceId: source.id,
      name: body.name,
      type,
      ...(configuration ? { configuration } : {}),
    });
    return { result: this.#viewJson(view), committed: { resource: view.id } };
  }

  /** A board groups by a property of a groupable type; a calendar lays out by a date property. */
  #validateViewConfiguration(source: StoredDataSource, type: string, configuration: Record<string, unknown>) {
    if (configuration.type !== type) {
      throw new ApiError(400, 'validation_error', 'configuration.type should equal the view type.');
    }
    const property = (id: unknown) => {
      const found = source.properties[String(id)];
      if (!found) throw new ApiError(400, 'validation_error', `Property ${String(id)} does not exist.`);
      return found;
    };
    if (type === 'board') {
      const groupBy = configuration.group_by as
        | { type?: string; property_id?: string; sort?: unknown }
        | undefined;
      if (!groupBy?.property_id || !groupBy.sort) {
        throw new ApiError(400, 'validation_error', 'configuration.group_by needs property_id and sort.');
      }
      if (property(groupBy.property_id).type !== groupBy.type) {
        throw new ApiError(400, 'validation_error', 'group_by.type does not match the property type.');
      }
    }
    if (type === 'calendar' && property(configuration.date_property_id).type !== 'date') {
      throw new ApiError(400, 'validation_error', 'date_property_id should be a date property.');
    }
  }

  #addView(view: Omit<StoredView, 'object' | 'id' | 'in_trash'>): StoredView {
    const stored: StoredView = { object: 'view', id: this.#id(), in_trash: false, ...view };
    this.#views.set(compact(stored.id), stored);
    return stored;
  }

  #listViews(query: URLSearchParams) {
    const databaseId = query.get('database_id');
    const dataSourceId = query.get('data_source_id');
    if (!databaseId && !dataSourceId) {
      throw new ApiError(400, 'validation_error', 'Provide database_id or data_source_id.');
    }
    const live = [...this.#views.values()].filter(
      (view) =>
        !view.in_trash &&
        (!databaseId || compact(view.databaseId) === compact(databaseId)) &&
        (!dataSourceId || compact(view.dataSourceId) === compact(dataSourceId)),
    );
    return {
      ...this.#paged(
        live.map((view) => ({ object: 'view', id: view.id })),
        query.get('start_cursor') ?? undefined,
        Number(query.get('page_size') ?? 100),
      ),
      type: 'view',
      view: {},
    };
  }

  #viewJson(view: StoredView) {
    return {
      object: 'view',
      id: view.id,
      parent: { type: 'database_id', database_id: view.databaseId },
      data_source_id: view.dataSourceId,
      name: view.name,
      type: view.type,
      configuration: view.configuration ?? null,
    };
  }

  #view(id: string): StoredView {
    const view = this.#views.get(compact(id));
    if (!view || view.in_trash)
      throw new ApiError(404, 'object_not_found', `Could not find view with ID: ${id}.`);
    return view;
  }

  // -- comments and users --------------------------------------------------------------------------------

  #createComment(body: Record<string, unknown>) {
    const parent = (body.parent ?? {}) as { page_id?: string; block_id?: string };
    const target = parent.page_id ?? parent.block_id;
    if (!target) throw new ApiError(400, 'validation_error', 'parent.page_id or parent.block_id required.');
    if (parent.page_id) {
      if (this.#page(parent.page_id).in_trash) throw archived();
    } else if (parent.block_id) this.#block(parent.block_id);
    const at = this.#exact();
    const comment: StoredComment = {
      object: 'comment',
      id: this.#id(),
      parent: parent.page_id
        ? { type: 'page_id', page_id: parent.page_id }
        : { type: 'block_id', block_id: parent.block_id! },
      discussion_id: this.#id(),
      created_time: at,
      last_edited_time: at,
      created_by: { object: 'user', id: BOT_USER },
      rich_text: this.#richTextArray(body.rich_text, 'rich_text'),
    };
    this.#comments.push(comment);
    return { result: this.#commentJson(comment), committed: { resource: comment.id } };
  }

  #listComments(query: URLSearchParams) {
    const blockId = query.get('block_id');
    if (!blockId) throw new ApiError(400, 'validation_error', 'block_id is required.');
    const on = this.#comments.filter(
      (comment) =>
        compact(comment.parent.type === 'page_id' ? comment.parent.page_id : comment.parent.block_id) ===
        compact(blockId),
    );
    return this.#paged(
      on.map((comment) => this.#commentJson(comment)),
      query.get('start_cursor') ?? undefined,
      Number(query.get('page_size') ?? 100),
    );
  }

  #commentJson(comment: StoredComment) {
    return {
      ...comment,
      rich_text: comment.rich_text.map((item) => ({ ...item, plain_text: item.text.content })),
    };
  }

  /** Registers a person of the workspace (their name is what the API's users endpoint gives). */
  addUser(id: string, name: string): void {
    this.#users.set(id, name);
  }

  #userJson(id: string) {
    const name = this.#users.get(id);
    if (name === undefined) {
      if (id === BOT_USER) return { object: 'user', id, type: 'bot', name: 'Visieleren', bot: {} };
      throw new ApiError(404, 'object_not_found', `Could not find user with ID: ${id}.`);
    }
    return { object: 'user', id, type: 'person', name, avatar_url: null, person: {} };
  }

  #exact(): string {
    return new Date(this.#now()).toISOString();
  }

  /**
   * Applies a schema change as Notion's create and update do: each key is a property's name or id; `null`
   * removes it, `{ name }` renames it, a type body adds it or changes its type (values are converted, as
   * far as a fake can). A `dual_property` relation also gets its mirror in the target data source.
   */
  #setSchema(source: StoredDataSource, properties: Record<string, Record<string, unknown> | null>) {
    for (const [key, config] of Object.entries(properties)) {
      const existing = this.#findProperty(source, key);
      if (config === null) {
        if (!existing) throw new ApiError(400, 'validation_error', `${key} is not a property that exists.`);
        if (existing.type === 'title')
          throw new ApiError(400, 'validation_error', 'Cannot delete the title.');
        delete source.properties[existing.id];
        continue;
      }
      const { name: newName, ...rest } = config as { name?: string } & Record<string, unknown>;
      const type = Object.keys(rest)[0];
      if (newName !== undefined) {
        const clash = this.#findProperty(source, newName);
        if (clash && clash !== existing) {
          throw new ApiError(400, 'validation_error', `A property named ${newName} already exists.`);
        }
      }
      if (existing) {
        if (newName !== undefined) existing.name = newName;
        if (type && type !== existing.type) this.#retype(source, existing, type, rest[type]);
        continue;
      }
      if (!type) throw new ApiError(400, 'validation_error', `Property ${key} has no type.`);
      const name = newName ?? key;
      const property: StoredProperty = {
        id: type === 'title' ? 'title' : this.#propertyId(),
        name,
        type,
        [type]: rest[type] ?? {},
      };
      if (type === 'relation') property.relation = this.#relationSchema(source, property, rest.relation);
      source.properties[property.id] = property;
    }
  }

  #relationSchema(source: StoredDataSource, property: StoredProperty, config: unknown) {
    const relation = (config ?? {}) as {
      data_source_id?: string;
      dual_property?: { synced_property_name?: string };
      single_property?: Record<string, never>;
    };
    if (!relation.data_source_id || !this.#dataSources.has(compact(relation.data_source_id))) {
      throw new ApiError(
        400,
        'validation_error',
        `Relation ${property.name} needs an existing data_source_id.`,
      );
    }
    const target = this.#dataSource(relation.data_source_id);
    if (!relation.dual_property) {
      return {
        data_source_id: target.id,
        database_id: target.databaseId,
        type: 'single_property',
        single_property: {},
      };
    }
    const mirror: StoredProperty = {
      id: this.#propertyId(),
      name:
        relation.dual_property.synced_property_name ?? `Related to ${plain(source.title)} (${property.name})`,
      type: 'relation',
    };
    mirror.relation = {
      data_source_id: source.id,
      database_id: source.databaseId,
      type: 'dual_property',
      dual_property: { synced_property_id: property.id, synced_property_name: property.name },
    };
    target.properties[mirror.id] = mirror;
    return {
      data_source_id: target.id,
      database_id: target.databaseId,
      type: 'dual_property',
      dual_property: { synced_property_id: mirror.id, synced_property_name: mirror.name },
    };
  }

  #retype(source: StoredDataSource, property: StoredProperty, type: string, config: unknown) {
    const previous = property.type;
    property.type = type;
    delete property[previous];
    property[type] = config ?? {};
    for (const page of this.#pagesOf(source)) {
      const value = page.properties[property.id];
      const text = value ? plainValue(value) : null;
      page.properties[property.id] =
        (type === 'rich_text' || type === 'title') && text !== null && text !== ''
          ? { type, [type]: [this.#text(String(text))] }
          : emptyValue(type);
    }
  }

  #findProperty(source: StoredDataSource, key: string): StoredProperty | undefined {
    const decoded = safeDecode(key);
    return (
      source.properties[key] ??
      Object.values(source.properties).find(
        (property) => safeDecode(property.id) === decoded || property.name === key,
      )
    );
  }

  #pagesOf(source: StoredDataSource): StoredPage[] {
    return [...this.#pages.values()].filter(
      (page) =>
        page.parent.type === 'data_source_id' && compact(page.parent.data_source_id) === compact(source.id),
    );
  }

  /** Notion's property ids are short, URL-encoded strings such as `%3AUPp`. */
  #propertyId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:;|?=<>';
    let id = '';
    const n = ++this.#counter;
    for (let value = n * 7919 + 104729, i = 0; i < 4; i++, value = Math.floor(value / alphabet.length)) {
      id += alphabet[value % alphabet.length];
    }
    return encodeURIComponent(id);
  }

  #updateDataSource(source: StoredDataSource, body: Record<string, unknown>) {
    this.#setSchema(source, (body.properties ?? {}) as Record<string, Record<string, unknown> | null>);
    if (Array.isArray(body.title)) source.title = this.#richTextArray(body.title, 'title');
    return this.#dataSourceJson(source);
  }

  #dataSourceJson(source: StoredDataSource) {
    return {
      object: 'data_source',
      id: source.id,
      title: source.title,
      parent: { type: 'database_id', database_id: source.databaseId },
      database_parent: { type: 'page_id', page_id: source.parentPageId },
      properties: Object.fromEntries(
        Object.values(source.properties).map((property) => [property.name, property]),
      ),
    };
  }

  #search(body: Record<string, unknown>) {
    const query = String(body.query ?? '').toLowerCase();
    const filter = body.filter as { value?: string } | undefined;
    const results =
      filter?.value === 'page'
        ? []
        : [...this.#dataSources.values()]
            .filter((source) => plain(source.title).toLowerCase().includes(query))
            .map((source) => this.#dataSourceJson(source));
    return this.#paged(
      results,
      body.start_cursor as string | undefined,
      body.page_size as number | undefined,
    );
  }

  #query(source: StoredDataSource, body: Record<string, unknown>) {
    const rows = [...this.#pages.values()]
      .filter(
        (page) =>
          !page.in_trash &&
          page.parent.type === 'data_source_id' &&
          compact(page.parent.data_source_id) === compact(source.id),
      )
      .filter((page) =>
        matches(page, body.filter as Filter | undefined, (row, key) => {
          const schema = this.#findProperty(source, key);
          return schema ? (row.properties[schema.id] ?? emptyValue(schema.type)) : undefined;
        }),
      )
      .sort((a, b) => a.created - b.created);
    // Only the requested page of results is rendered as JSON.
    const paged = this.#paged(
      rows,
      body.start_cursor as string | undefined,
      body.page_size as number | undefined,
    );
    return { ...paged, results: paged.results.map((page) => this.#pageJson(page)) };
  }

  // -- pages ---------------------------------------------------------------------------------------------

  #createPage(body: Record<string, unknown>) {
    const parent = body.parent as { type?: string; data_source_id?: string } | undefined;
    if (parent?.type !== 'data_source_id' || !parent.data_source_id) {
      throw new ApiError(400, 'validation_error', 'parent.data_source_id required (API 2025-09-03).');
    }
    const source = this.#dataSource(parent.data_source_id);
    const properties = this.#validateProperties(
      source,
      (body.properties ?? {}) as Record<string, Record<string, unknown>>,
    );
    const children = (body.children ?? []) as unknown[];
    this.#validateChildren(children, 1);
    this.#spendBlocks(1 + countBlocks(children));
    const at = minute(this.#now());
    const page: StoredPage = {
      object: 'page',
      id: this.#id(),
      parent: { type: 'data_source_id', data_source_id: source.id, database_id: source.databaseId },
      properties: {},
      children: [],
      in_trash: false,
      created_time: at,
      last_edited_time: at,
      last_edited_by: { object: 'user', id: BOT_USER },
      created: ++this.#counter,
    };
    for (const schema of Object.values(source.properties)) {
      page.properties[schema.id] = {
        type: schema.type,
        ...(properties[schema.id] ?? emptyValue(schema.type)),
      };
    }
    this.#pages.set(compact(page.id), page);
    this.#mirrorRelations(source, page, Object.keys(properties), {});
    page.children = this.#makeBlocks(children, page.id);
    return { result: this.#pageJson(page), committed: { resource: page.id } };
  }

  #updatePage(page: StoredPage, body: Record<string, unknown>) {
    if (page.parent.type !== 'data_source_id')
      throw new ApiError(400, 'validation_error', 'Not a data source page.');
    if (page.in_trash && body.in_trash !== false && body.archived !== false) throw archived();
    const source = this.#dataSource(page.parent.data_source_id);
    const properties = this.#validateProperties(
      source,
      (body.properties ?? {}) as Record<string, Record<string, unknown>>,
    );
    const before = relationSnapshot(page);
    for (const [id, value] of Object.entries(properties)) {
      page.properties[id] = { type: source.properties[id]!.type, ...value };
    }
    this.#mirrorRelations(source, page, Object.keys(properties), before);
    if (body.in_trash === true || body.archived === true) page.in_trash = true;
    if (body.in_trash === false || body.archived === false) page.in_trash = false;
    this.#touch(page, BOT_USER);
    return this.#pageJson(page);
  }

  #validateProperties(source: StoredDataSource, properties: Record<string, Record<string, unknown>>) {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [key, value] of Object.entries(properties)) {
      const schema = this.#findProperty(source, key);
      if (!schema) throw new ApiError(400, 'validation_error', `${key} is not a property that exists.`);
      const name = schema.name;
      const id = schema.id;
      const type = Object.keys(value).find((key) => key !== 'type' && key !== 'id');
      if (type !== schema.type) {
        throw new ApiError(400, 'validation_error', `${name} is expected to be ${schema.type}.`);
      }
      const raw = value[type];
      if (type === 'title' || type === 'rich_text') out[id] = { [type]: this.#richTextArray(raw, name) };
      else if (type === 'multi_select' || type === 'relation') {
        if (!Array.isArray(raw) || raw.length > MAX_ARRAY) {
          throw new ApiError(400, 'validation_error', `${name} should have ≤ 100 items.`);
        }
        if (
          type === 'multi_select' &&
          (raw as Array<{ name: string }>).some((option) => option.name.includes(','))
        ) {
          throw new ApiError(400, 'validation_error', `${name}: select option names cannot contain commas.`);
        }
        if (type === 'relation') {
          for (const item of raw as Array<{ id: string }>) this.#page(item.id);
        }
        out[id] = { [type]: raw };
      } else if (type === 'select' && raw !== null && String((raw as { name?: string }).name).includes(',')) {
        throw new ApiError(400, 'validation_error', `${name}: select option names cannot contain commas.`);
      } else if (type === 'email') {
        if (raw !== null && (typeof raw !== 'string' || raw.length > 200)) {
          throw new ApiError(400, 'validation_error', `${name} should be an e-mail of ≤ 200 characters.`);
        }
        out[id] = { email: raw };
      } else out[id] = { [type]: raw };
    }
    return out;
  }

  /** A dual relation shows from both sides: the pages a row points at list it in the synced property. */
  #mirrorRelations(
    source: StoredDataSource,
    page: StoredPage,
    changedIds: string[],
    before: Record<string, string[]>,
  ) {
    for (const id of changedIds) {
      const schema = source.properties[id];
      const relation = schema?.relation as
        | { data_source_id: string; type: string; dual_property?: { synced_property_id: string } }
        | undefined;
      if (relation?.type !== 'dual_property' || !relation.dual_property) continue;
      const target = this.#dataSource(relation.data_source_id);
      const mirrorId = relation.dual_property.synced_property_id;
      if (!target.properties[mirrorId]) continue;
      const wanted = new Set(relationIds(page.properties[id]));
      // Only the pages it pointed at before or points at now change.
      const affected = new Set([...(before[id] ?? []), ...wanted]);
      for (const otherId of affected) {
        const other = this.#pages.get(otherId);
        if (!other) continue;
        const current = ((other.properties[mirrorId]?.relation ?? []) as Array<{ id: string }>).filter(
          (item) => compact(item.id) !== compact(page.id),
        );
        const next = wanted.has(compact(other.id)) ? [...current, { id: page.id }] : current;
        other.properties[mirrorId] = { type: 'relation', relation: next, has_more: false };
      }
    }
  }

  /** Properties keyed by their current name, each with its id and type, as Notion returns them. */
  #propertiesJson(page: StoredPage) {
    if (page.parent.type !== 'data_source_id') {
      return Object.fromEntries(
        Object.entries(page.properties).map(([id, value]) => [id, { id, ...withPlainText(value) }]),
      );
    }
    const source = this.#dataSource(page.parent.data_source_id);
    return Object.fromEntries(
      Object.values(source.properties).map((schema) => {
        const stored = page.properties[schema.id];
        const value = stored && stored.type === schema.type ? stored : emptyValue(schema.type);
        return [schema.name, { id: schema.id, ...withPlainText({ type: schema.type, ...value }) }];
      }),
    );
  }

  #pageJson(page: StoredPage) {
    return {
      object: 'page',
      id: page.id,
      created_time: page.created_time,
      last_edited_time: page.last_edited_time,
      last_edited_by: page.last_edited_by,
      in_trash: page.in_trash,
      archived: page.in_trash,
      parent: page.parent,
      properties: this.#propertiesJson(page),
    };
  }

  // -- blocks --------------------------------------------------------------------------------------------

  #validateChildren(children: unknown[], depth: number) {
    if (!Array.isArray(children)) throw new ApiError(400, 'validation_error', 'children should be an array.');
    if (children.length > MAX_CHILDREN) {
      throw new ApiError(
        400,
        'validation_error',
        `body.children.length should be ≤ ${MAX_CHILDREN}, instead was ${children.length}.`,
      );
    }
    for (const child of children as Array<Record<string, unknown>>) {
      const type = String(child.type);
      const content = (child[type] ?? {}) as Record<string, unknown>;
      this.#richTextArray(content.rich_text ?? [], `${type}.rich_text`);
      const nested = content.children as unknown[] | undefined;
      if (nested) {
        if (depth >= 2)
          throw new ApiError(400, 'validation_error', 'Children may nest at most 2 levels per request.');
        this.#validateChildren(nested, depth + 1);
      }
    }
  }

  #makeBlocks(children: unknown[], parentId: string): string[] {
    const at = minute(this.#now());
    return (children as Array<Record<string, unknown>>).map((child) => {
      const type = String(child.type);
      const { children: nested, ...body } = (child[type] ?? {}) as Record<string, unknown>;
      const block: StoredBlock = {
        object: 'block',
        id: this.#id(),
        type,
        body: { ...body, rich_text: this.#richTextArray(body.rich_text ?? [], type) },
        parentId,
        children: [],
        in_trash: false,
        created_time: at,
        last_edited_time: at,
        last_edited_by: { object: 'user', id: BOT_USER },
      };
      this.#blocks.set(block.id, block);
      block.children = nested ? this.#makeBlocks(nested as unknown[], block.id) : [];
      return block.id;
    });
  }

  #append(parentId: string, body: Record<string, unknown>) {
    const children = (body.children ?? []) as unknown[];
    this.#validateChildren(children, 1);
    const parent = this.#pages.get(compact(parentId)) ?? this.#block(parentId);
    if (parent.in_trash) throw archived();
    this.#spendBlocks(countBlocks(children));
    const ids = this.#makeBlocks(children, parent.id);
    const position = body.position as
      | { type: 'after_block'; after_block: { id: string } }
      | { type: 'start' }
      | { type: 'end' }
      | undefined;
    // 2025-09-03 takes `after` (deprecated) or, since January 2026, `position`, never both; 2026-03-11 drops `after`.
    if (body.after !== undefined && position !== undefined) {
      throw new ApiError(400, 'validation_error', 'Provide either after or position, not both.');
    }
    if (position !== undefined && !['after_block', 'start', 'end'].includes(position.type)) {
      throw new ApiError(400, 'validation_error', 'position.type should be after_block, start or end.');
    }
    const after =
      (body.after as string | undefined) ??
      (position?.type === 'after_block' ? position.after_block.id : undefined);
    if (position?.type === 'start') parent.children.unshift(...ids);
    else if (after) {
      const index = parent.children.indexOf(after);
      if (index < 0) throw new ApiError(400, 'validation_error', 'after is not a child of this block.');
      parent.children.splice(index + 1, 0, ...ids);
    } else parent.children.push(...ids);
    if (parent.object === 'page') this.#touch(parent, BOT_USER);
    return {
      result: {
        object: 'list',
        results: ids.map((id) => this.#blockJson(this.#blocks.get(id)!)),
        has_more: false,
        next_cursor: null,
      },
      committed: { resource: parent.id, children: ids },
    };
  }

  #listChildren(parentId: string, query: URLSearchParams) {
    const parent = this.#pages.get(compact(parentId)) ?? this.#block(parentId);
    const size = Number(query.get('page_size') ?? 100);
    if (size > 100) throw new ApiError(400, 'validation_error', 'page_size should be ≤ 100.');
    const live = parent.children.map((id) => this.#blocks.get(id)!).filter((block) => !block.in_trash);
    return this.#paged(
      live.map((block) => this.#blockJson(block)),
      query.get('start_cursor') ?? undefined,
      size,
    );
  }

  #updateBlock(block: StoredBlock, body: Record<string, unknown>) {
    if (block.in_trash || this.#pages.get(compact(block.parentId))?.in_trash) throw archived();
    const content = body[block.type] as Record<string, unknown> | undefined;
    const otherType = Object.keys(body).find(
      (key) => key !== block.type && key !== 'in_trash' && key !== 'archived',
    );
    if (otherType) throw new ApiError(400, 'validation_error', `Block type cannot change to ${otherType}.`);
    if (content) {
      block.body = {
        ...block.body,
        ...content,
        ...(content.rich_text ? { rich_text: this.#richTextArray(content.rich_text, block.type) } : {}),
      };
    }
    if (body.in_trash === true || body.archived === true) block.in_trash = true;
    block.last_edited_time = minute(this.#now());
    block.last_edited_by = { object: 'user', id: BOT_USER };
    const page = this.#pages.get(compact(block.parentId));
    if (page) this.#touch(page, BOT_USER);
    return this.#blockJson(block);
  }

  #deleteBlock(block: StoredBlock) {
    block.in_trash = true;
    const page = this.#pages.get(compact(block.parentId));
    if (page) this.#touch(page, BOT_USER);
    return this.#blockJson(block);
  }

  #blockJson(block: StoredBlock) {
    return {
      object: 'block',
      id: block.id,
      type: block.type,
      created_time: block.created_time,
      last_edited_time: block.last_edited_time,
      last_edited_by: block.last_edited_by,
      has_children: block.children.length > 0,
      in_trash: block.in_trash,
      archived: block.in_trash,
      parent: { type: 'page_id', page_id: block.parentId },
      [block.type]: {
        ...block.body,
        ...(block.body.rich_text
          ? {
              rich_text: (block.body.rich_text as RichText[]).map((item) => ({
                ...item,
                plain_text: item.text.content,
              })),
            }
          : {}),
      },
    };
  }

  // -- helpers -------------------------------------------------------------------------------------------

  #richTextArray(value: unknown, field: string): RichText[] {
    if (!Array.isArray(value)) throw new ApiError(400, 'validation_error', `${field} should be an array.`);
    if (value.length > MAX_ARRAY) {
      throw new ApiError(
        400,
        'validation_error',
        `${field}.length should be ≤ ${MAX_ARRAY}, instead was ${value.length}.`,
      );
    }
    return (value as RichText[]).map((item) => {
      const content = item?.text?.content;
      if (typeof content !== 'string')
        throw new ApiError(400, 'validation_error', `${field}.text.content missing.`);
      if (content.length > MAX_TEXT) {
        throw new ApiError(
          400,
          'validation_error',
          `${field}.text.content.length should be ≤ ${MAX_TEXT}, instead was ${content.length}.`,
        );
      }
      return {
        type: 'text',
        text: { content },
        ...(item.annotations ? { annotations: item.annotations } : {}),
      };
    });
  }

  #spendBlocks(count: number) {
    if (this.blockCap !== undefined && this.blocksCreated + count > this.blockCap) {
      throw new ApiError(
        403,
        'restricted_resource',
        'This workspace has reached its block limit. Upgrade to add more content.',
        { reason: 'workspace_block_limit_reached' },
      );
    }
    this.blocksCreated += count;
  }

  #touch(page: StoredPage, userId: string) {
    if (userId !== BOT_USER && !this.#users.has(userId)) this.#users.set(userId, `Gebruiker ${userId}`);
    page.last_edited_time = minute(this.#now());
    page.last_edited_by = { object: 'user', id: userId };
  }

  #paged<T>(items: T[], cursor: string | undefined, size: number | undefined) {
    if ((size ?? 100) > 100) throw new ApiError(400, 'validation_error', 'page_size should be ≤ 100.');
    const start = cursor ? Number(cursor) : 0;
    const end = start + (size ?? 100);
    return {
      object: 'list',
      results: items.slice(start, end),
      has_more: end < items.length,
      next_cursor: end < items.length ? String(end) : null,
    };
  }

  #page(id: string): StoredPage {
    const page = this.#pages.get(compact(id));
    if (!page) throw new ApiError(404, 'object_not_found', `Could not find page with ID: ${id}.`);
    return page;
  }

  #block(id: string): StoredBlock {
    const block =
      this.#blocks.get(id) ??
      [...this.#blocks.values()].find((candidate) => compact(candidate.id) === compact(id));
    if (!block) throw new ApiError(404, 'object_not_found', `Could not find block with ID: ${id}.`);
    return block;
  }

  #dataSource(id: string): StoredDataSource {
    const source = this.#dataSources.get(compact(id));
    if (!source) throw new ApiError(404, 'object_not_found', `Could not find data source with ID: ${id}.`);
    return source;
  }

  #id(): string {
    return randomUUID();
  }

  #text(content: string): RichText {
    return { type: 'text', text: { content } };
  }
}

type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { timestamp: 'last_edited_time'; last_edited_time: { on_or_after?: string; after?: string } }
  | { property: string; rich_text?: { equals?: string; starts_with?: string }; email?: { equals?: string } };

function matches(
  page: StoredPage,
  filter: Filter | undefined,
  lookup: (page: StoredPage, key: string) => Record<string, unknown> | undefined,
): boolean {
  if (!filter) return true;
  if ('and' in filter) return filter.and.every((part) => matches(page, part, lookup));
  if ('or' in filter) return filter.or.some((part) => matches(page, part, lookup));
  if ('timestamp' in filter) {
    const { on_or_after, after } = filter.last_edited_time;
    // Compared with the rounded edit time, as Notion does: why readers must overlap their window.
    if (on_or_after) return Date.parse(page.last_edited_time) >= Date.parse(on_or_after);
    if (after) return page.last_edited_time > after;
    return true;
  }
  const value = lookup(page, filter.property);
  if (!value)
    throw new ApiError(
      400,
      'validation_error',
      `Could not find property with name or id: ${filter.property}`,
    );
  if (filter.rich_text) {
    const text = plain((value.rich_text ?? value.title) as RichText[]);
    if (filter.rich_text.equals !== undefined) return text === filter.rich_text.equals;
    if (filter.rich_text.starts_with !== undefined) return text.startsWith(filter.rich_text.starts_with);
  }
  if (filter.email?.equals !== undefined) {
    return typeof value.email === 'string' && value.email.toLowerCase() === filter.email.equals.toLowerCase();
  }
  return true;
}

function archived(): ApiError {
  return new ApiError(
    400,
    'validation_error',
    "Can't edit block that is archived. You must unarchive the block before editing.",
  );
}

function plain(items: RichText[] | undefined): string {
  return (items ?? []).map((item) => item.text.content).join('');
}

function withPlainText(value: Record<string, unknown>): Record<string, unknown> {
  const type = String(value.type);
  if (type === 'title' || type === 'rich_text') {
    return {
      ...value,
      [type]: ((value[type] ?? []) as RichText[]).map((item) => ({ ...item, plain_text: item.text.content })),
    };
  }
  return value;
}

function emptyValue(type: string): Record<string, unknown> {
  switch (type) {
    case 'title':
    case 'rich_text':
    case 'multi_select':
    case 'relation':
      return { [type]: [] };
    case 'checkbox':
      return { checkbox: false };
    default:
      return { [type]: null };
  }
}

function plainProperties(properties: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, value]) => {
      switch (value.type) {
        case 'title':
        case 'rich_text':
          return [name, plain(value[String(value.type)] as RichText[])];
        case 'select':
          return [name, (value.select as { name?: string } | null)?.name ?? null];
        case 'multi_select':
          return [name, ((value.multi_select ?? []) as Array<{ name: string }>).map((option) => option.name)];
        case 'relation':
          return [name, ((value.relation ?? []) as Array<{ id: string }>).map((item) => item.id)];
        case 'date':
          return [name, value.date ?? null];
        default:
          return [name, value[String(value.type)] ?? null];
      }
    }),
  );
}

function countBlocks(children: unknown[]): number {
  return (children as Array<Record<string, unknown>>).reduce((sum, child) => {
    const nested = ((child[String(child.type)] ?? {}) as { children?: unknown[] }).children ?? [];
    return sum + 1 + countBlocks(nested);
  }, 0);
}

function safeDecode(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/** A stored value as plain text, for converting a property to text when its type changes. */
function plainValue(value: Record<string, unknown>): string | null {
  const type = String(value.type);
  const raw = value[type];
  if (type === 'title' || type === 'rich_text') return plain(raw as RichText[]);
  if (type === 'checkbox') return raw === true ? 'Yes' : 'No';
  if (type === 'select') return (raw as { name?: string } | null)?.name ?? null;
  if (raw === null || raw === undefined) return null;
  return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

function relationIds(value: Record<string, unknown> | undefined): string[] {
  return ((value?.relation ?? []) as Array<{ id: string }>).map((item) => compact(item.id));
}

/** A page's relation values (property id → page ids), before a write changes them. */
function relationSnapshot(page: StoredPage): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(page.properties)
      .filter(([, value]) => value.type === 'relation')
      .map(([id, value]) => [id, relationIds(value)]),
  );
}
