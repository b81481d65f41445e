import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Activity } from '@microsoft/agents-activity';
import {
  type AuthConfiguration,
  AuthType,
  authorizeJWT,
  CloudAdapter,
  ConnectorClient,
  getProductInfo,
  HttpClient,
  HttpError,
  type HttpRequestConfig,
  type HttpResponse,
  type Request as SdkRequest,
  type UserTokenClient,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { Logger } from '@visieleren/core';
import {
  ConnectorHttpError,
  ConnectorNoAnswerError,
  ConnectorUnreachableError,
  parseRetryAfter,
} from './errors.js';
import { routeSdkLogs } from './sdk-logs.js';
import type { ConversationReferenceJson, InboundActivity, OutboundActivity, TurnHandler } from './types.js';

/**
 * The only module that imports the Microsoft 365 Agents SDK (`@microsoft/agents-hosting`, Microsoft's successor
 * to botbuilder, which lost support on 31 Dec 2025; same Activity protocol). Everything else speaks plain
 * Activity JSON (./types.ts).
 *
 * What the SDK does here: checks every inbound token (`authorizeJWT`: signature against the channel's keys,
 * audience, issuer, tenant binding), runs the turn (`CloudAdapter.process`), gets outbound tokens (MSAL for a
 * client secret or a managed identity) and makes the typed connector calls (`ConnectorClient`). What stays ours:
 * the HTTP under its connector client, so a 403/404/429/5xx, a timeout or an abort comes back to the caller as
 * one of ./errors.ts and nothing is ever retried behind the outbox's back; and its log output (./sdk-logs.ts).
 */

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotFrameworkSettings {
  /** Empty with `anonymous`: no inbound token check and no outbound token (Agents Playground, local only). */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: AppType;
  anonymous: boolean;
  /**
   * The Entra authority (default `https://login.microsoftonline.com`): where MSAL gets the bot's tokens and
   * where the keys of tokens not issued by Bot Framework itself are published. National clouds; a local issuer
   * in tests.
   */
  authority?: string;
  /**
   * An OAuth2 client-credentials endpoint for outbound tokens instead of MSAL (which only accepts https
   * authorities): a local issuer in tests, private clouds.
   */
  tokenEndpoint?: string;
  /** The scope outbound tokens are asked for (default `https://api.botframework.com`). */
  oauthScope?: string;
  /** How long one connector call may take before its outcome counts as unknown. */
  sendTimeoutMs: number;
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/** A request body bigger than this is no activity Teams sends (messages are capped near 100 KB). */
const MAX_BODY_BYTES = 1024 * 1024;

export interface SendOptions {
  signal?: AbortSignal;
  /** Awaited right before each HTTP request leaves (rate limiting counted where Teams counts it). */
  beforeRequest?: () => Promise<void>;
}

export interface BotConnection {
  /** `anoniem (lokaal)`, `multi-tenant`, `single-tenant`, `managed identity`. */
  readonly mode: string;
  /** `/api/messages`: validates the token, runs the turn, writes the HTTP answer. */
  handle(req: IncomingMessage, res: ServerResponse, handler: TurnHandler): Promise<void>;
  /** A proactive message into a stored conversation; resolves with the activity id Teams gave it. */
  send(
    reference: ConversationReferenceJson,
    activity: OutboundActivity,
    options?: SendOptions,
  ): Promise<{ id?: string }>;
  /**
   * Whether the user (Entra object id or Teams user id) is a member of the stored conversation: the roster as
   * Teams knows it, asked through the connector. A 404 from Teams means no.
   */
  isMember(reference: ConversationReferenceJson, userId: string, options?: SendOptions): Promise<boolean>;
}

/** The SDK's connection settings for each identity the bot may have. */
export function authConfiguration(settings: BotFrameworkSettings): AuthConfiguration {
  if (settings.anonymous) return { connections: new Map(), connectionsMap: [] };
  const tenant = settings.appType === 'MultiTenant' ? undefined : settings.tenantId;
  const connection: AuthConfiguration = {
    clientId: settings.appId ?? '',
    ...(tenant ? { tenantId: tenant } : {}),
    ...(settings.appType === 'UserAssignedMSI'
      ? { authType: AuthType.UserManagedIdentity }
      : { authType: AuthType.ClientSecret, clientSecret: settings.appPassword ?? '' }),
    ...(settings.authority ? { authorityEndpoint: settings.authority } : {}),
    scopes: [settings.oauthScope ?? BOT_FRAMEWORK_SCOPE],
    // Bot Framework's issuer, and the bot's own tenant's (or botframework.com's for a legacy multi-tenant bot).
    validateIssuer: true,
  };
  return {
    ...connection,
    connections: new Map([['ServiceConnection', connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: 'ServiceConnection' }],
  };
}

export function createBotConnection(settings: BotFrameworkSettings, logger: Logger): BotConnection {
  routeSdkLogs(logger);
  const appId = settings.anonymous ? '' : (settings.appId ?? '');
  const callScope = new AsyncLocalStorage<SendOptions>();
  const auth = authConfiguration(settings);
  const checkToken = authorizeJWT(auth);
  const tokens =
    settings.tokenEndpoint && !settings.anonymous
      ? new TokenEndpointClient(
          appId,
          settings.appPassword ?? '',
          settings.tokenEndpoint,
          settings.sendTimeoutMs,
        )
      : undefined;
  const adapter = new VisielerenCloudAdapter(auth, {
    anonymous: settings.anonymous,
    appId,
    scope: settings.oauthScope ?? BOT_FRAMEWORK_SCOPE,
    timeoutMs: settings.sendTimeoutMs,
    callOptions: () => callScope.getStore(),
    ...(tokens ? { tokens } : {}),
  });
  // The SDK's default sends a trace and an apology message into the conversation; we rethrow so the caller
  // (the /api/messages answer, the notifier's error mapping) decides, and a failed send is never followed by a
  // second message.
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };

  const mode = settings.anonymous
    ? 'anoniem (lokaal, zonder tokencontrole)'
    : settings.appType === 'UserAssignedMSI'
      ? 'managed identity'
      : settings.appType === 'SingleTenant'
        ? 'single-tenant'
        : 'multi-tenant';

  return {
    mode,
    async handle(req, res, handler) {
      if (req.method !== 'POST') return answer(res, 405, { error: 'Alleen POST.' });
      let activity: InboundActivity;
      try {
        activity = JSON.parse(await readBody(req)) as InboundActivity;
      } catch {
        return answer(res, 400, { error: 'De inhoud is geen JSON-activiteit.' });
      }
      if (typeof activity !== 'object' || activity === null || typeof activity.type !== 'string') {
        return answer(res, 400, { error: 'De activiteit mist een type.' });
      }
      const request: SdkRequest = {
        body: activity as unknown as Record<string, unknown>,
        headers: req.headers as SdkRequest['headers'],
        method: 'POST',
      };
      // The SDK checks the token and says no by setting a status: we answer in our words.
      const verdict = new RecordedResponse();
      let authorized = false;
      await checkToken(request, verdict, () => {
        authorized = true;
      });
      if (!authorized) return answer(res, 401, { error: 'Niet geautoriseerd.' });
      const outcome = new RecordedResponse();
      try {
        await adapter.process(request, outcome, async (context) => {
          const inbound = context.activity as unknown as InboundActivity;
          const result = await handler({
            activity: inbound,
            reference: referenceOf(inbound),
            send: async (outbound) =>
              (await withThrottleRetry(() => context.sendActivity(Activity.fromObject(outbound)))) ?? {},
            update: async (outbound) => {
              await withThrottleRetry(() => context.updateActivity(Activity.fromObject(outbound)));
            },
          });
          if (result && context.activity.type === 'invoke') {
            await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: result }));
          }
        });
      } catch (error) {
        logger.error('Teams: activiteit niet verwerkt', { error: errorSummary(error) });
        return answer(res, 500, { error: 'Interne fout.' });
      }
      answer(res, outcome.statusCode ?? 200, outcome.body);
    },
    async send(reference, activity, options = {}) {
      return callScope.run(options, async () => {
        const client = await adapter.connectorFor(reference.serviceUrl);
        const sent = await client.sendToConversation(
          reference.conversation.id,
          Activity.fromObject({
            ...activity,
            channelId: reference.channelId,
            serviceUrl: reference.serviceUrl,
            conversation: reference.conversation,
            ...(reference.bot ? { from: reference.bot } : {}),
          }),
        );
        return sent?.id ? { id: sent.id } : {};
      });
    },
    async isMember(reference, userId, options = {}) {
      try {
        return await callScope.run(options, async () => {
          const client = await adapter.connectorFor(reference.serviceUrl);
          return Boolean((await client.getConversationMember(userId, reference.conversation.id))?.id);
        });
      } catch (error) {
        if (error instanceof ConnectorHttpError && error.status === 404) return false;
        throw error;
      }
    },
  };
}

/** The conversation reference of an inbound activity, in the shape the links store (and botbuilder stored). */
function referenceOf(activity: InboundActivity): ConversationReferenceJson {
  return {
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(activity.from ? { user: activity.from } : {}),
    ...(activity.recipient ? { bot: activity.recipient } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    channelId: activity.channelId,
    conversation: activity.conversation,
    serviceUrl: activity.serviceUrl,
  };
}

interface AdapterOptions {
  anonymous: boolean;
  appId: string;
  scope: string;
  timeoutMs: number;
  callOptions: () => SendOptions | undefined;
  /** Outbound tokens from an OAuth2 endpoint instead of the SDK's MSAL. */
  tokens?: TokenEndpointClient;
}

/**
 * The SDK's CloudAdapter with our connector client under every call it makes: in a turn (replies, updates)
 * and for proactive sends and roster questions.
 */
class VisielerenCloudAdapter extends CloudAdapter {
  constructor(
    auth: AuthConfiguration,
    private readonly options: AdapterOptions,
  ) {
    // The serviceUrl must be the one the channel's token was issued for (no anonymous token has one).
    super(auth, undefined, undefined, { validateServiceUrl: !options.anonymous, emitStackTrace: false });
  }

  async connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    let token: string | null = null;
    if (!this.options.anonymous) {
      token = this.options.tokens
        ? await this.options.tokens.token(this.options.scope)
        : await this.connectionManager
            .getTokenProvider(CloudAdapter.createIdentity(this.options.appId), serviceUrl)
            .getAccessToken(this.options.scope);
    }
    return GuardedConnectorClient.create(serviceUrl, token, this.options);
  }

  protected override async createConnectorClient(serviceUrl: string): Promise<ConnectorClient> {
    return this.connectorFor(serviceUrl);
  }

  protected override async createConnectorClientWithIdentity(
    _identity: unknown,
    activity: { serviceUrl?: string },
  ): Promise<ConnectorClient> {
    return this.connectorFor(activity.serviceUrl ?? '');
  }

  /** The bot signs nobody in through Bot Framework's token service: no client (and no token fetched) for it. */
  protected override async createUserTokenClient(): Promise<UserTokenClient> {
    return undefined as unknown as UserTokenClient;
  }
}

/** What the SDK writes to a response, kept so we answer the HTTP request ourselves. */
class RecordedResponse implements WebResponse {
  statusCode: number | undefined;
  body: unknown;
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

/** A reply throttled by Teams is retried within the turn when the wait is short (the turn has ~10 s). */
const MAX_REPLY_RETRY_WAIT_MS = 3000;

async function withThrottleRetry<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      // 429 means Teams did not take the message, so sending it again cannot make a duplicate.
      const wait =
        error instanceof ConnectorHttpError && error.status === 429 ? (error.retryAfterMs ?? 1000) : -1;
      if (wait < 0 || wait > MAX_REPLY_RETRY_WAIT_MS || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function answer(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  // Mounted behind a JSON body parser (Express), the body is already read.
  if (parsed && typeof parsed === 'object') return JSON.stringify(parsed);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('te groot');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------------------------------------
// Outbound HTTP: the SDK's ConnectorClient on our HttpClient, so that (1) a 5xx or 429 comes back to the outbox,
// which decides (the SDK's client retries nothing either; this keeps it so), (2) a timeout or an abort is visible
// as "outcome unknown", and (3) the caller's AbortSignal and pacing reach the request.
// ---------------------------------------------------------------------------------------------------------

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

class GuardedHttpClient extends HttpClient {
  constructor(
    baseURL: string,
    headers: Record<string, string>,
    private readonly options: Pick<AdapterOptions, 'timeoutMs' | 'callOptions'>,
  ) {
    super({ baseURL, headers });
  }

  override async request<T = unknown>(config: HttpRequestConfig): Promise<HttpResponse<T>> {
    const caller = this.options.callOptions();
    // Waiting here has sent nothing yet: an abort while waiting is a plain (retryable) failure.
    await caller?.beforeRequest?.();
    const signals = [AbortSignal.timeout(this.options.timeoutMs)];
    if (caller?.signal) signals.push(caller.signal);
    try {
      return await super.request<T>({ ...config, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (error instanceof HttpError) {
        throw new ConnectorHttpError(
          error.status,
          parseRetryAfter(error.response.headers.get('retry-after'), new Date()),
        );
      }
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code && NOT_SENT_CODES.has(code)) throw new ConnectorUnreachableError(error);
      throw new ConnectorNoAnswerError(error);
    }
  }
}

class GuardedConnectorClient extends ConnectorClient {
  static create(
    serviceUrl: string,
    token: string | null,
    options: Pick<AdapterOptions, 'timeoutMs' | 'callOptions'>,
  ): ConnectorClient {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': getProductInfo(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    return new GuardedConnectorClient(new GuardedHttpClient(serviceUrl, headers, options));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outbound tokens from an OAuth2 client-credentials endpoint (the wire format of Entra ID's v2 token endpoint).
// ---------------------------------------------------------------------------------------------------------

class TokenEndpointClient {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly appId: string,
    private readonly appPassword: string,
    private readonly tokenEndpoint: string,
    private readonly timeoutMs: number,
  ) {}

  async token(audience: string): Promise<string> {
    const scope = `${audience}/.default`;
    const cached = this.cache.get(scope);
    // A minute of margin so a token never expires on its way to the connector.
    if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
    const response = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.appId,
        client_secret: this.appPassword,
        scope,
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new ConnectorHttpError(response.status, undefined);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error('Het tokenantwoord mist access_token.');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    this.cache.set(scope, { token: body.access_token, expiresAt: Date.now() + lifetime * 1000 });
    return body.access_token;
  }
}
