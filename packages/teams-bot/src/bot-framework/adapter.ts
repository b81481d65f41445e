import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@visieleren/core';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import {
  ConnectorHttpError,
  ConnectorNoAnswerError,
  ConnectorUnreachableError,
  parseRetryAfter,
} from './errors.js';
import type {
  ConversationReferenceJson,
  InboundActivity,
  InvokeResult,
  OutboundActivity,
  TurnHandler,
} from './types.js';

/**
 * The only module that imports botbuilder. Everything else speaks plain Activity JSON (./types.ts), so moving to
 * `@microsoft/agents-hosting` (botbuilder lost Microsoft's support on 31 Dec 2025) replaces this one file.
 */

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotFrameworkSettings {
  /** Empty with `anonymous`: no inbound token check and no outbound token (Agents Playground, local only). */
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: AppType;
  anonymous: boolean;
  /** Where the channel's signing keys are published (default: Bot Framework's public cloud). */
  openIdMetadataUrl?: string;
  /** The `iss` every inbound token must carry (default `https://api.botframework.com`). */
  tokenIssuer?: string;
  /**
   * An OAuth2 client-credentials endpoint for outbound tokens (instead of MSAL against Entra ID). For a local
   * issuer in tests and for private clouds; MSAL only accepts https authorities.
   */
  tokenEndpoint?: string;
  /** The scope outbound tokens are asked for (default `https://api.botframework.com`). */
  oauthScope?: string;
  /** How long one connector call may take before its outcome counts as unknown. */
  sendTimeoutMs: number;
}

/** Public-cloud values, as botbuilder's AuthenticationConstants has them. */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

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

type CredentialsFactory = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1];

/** Exposes the turn runner so we answer the HTTP request ourselves (no Express shims, no console output). */
class VisielerenCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createBotConnection(settings: BotFrameworkSettings, logger: Logger): BotConnection {
  const appId = settings.anonymous ? '' : (settings.appId ?? '');
  const callScope = new AsyncLocalStorage<SendOptions>();
  const httpClient = createHttpClient(settings.sendTimeoutMs, () => callScope.getStore());
  const authConfig = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: settings.anonymous ? '' : (settings.appPassword ?? ''),
    MicrosoftAppType: settings.appType,
    ...(settings.tenantId ? { MicrosoftAppTenantId: settings.tenantId } : {}),
    ...PUBLIC_CLOUD,
    ...(settings.tenantId && settings.appType !== 'MultiTenant'
      ? { ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${settings.tenantId}` }
      : {}),
    ...(settings.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl } : {}),
    ...(settings.tokenIssuer ? { ToBotFromChannelTokenIssuer: settings.tokenIssuer } : {}),
    ...(settings.oauthScope ? { ToChannelFromBotOAuthScope: settings.oauthScope } : {}),
  };
  const credentialsFactory: CredentialsFactory =
    settings.tokenEndpoint && !settings.anonymous
      ? (new TokenEndpointCredentialsFactory(
          appId,
          settings.appPassword ?? '',
          settings.tokenEndpoint,
          settings.sendTimeoutMs,
        ) as unknown as CredentialsFactory)
      : new ConfigurationServiceClientCredentialFactory(authConfig);
  const auth = new ConfigurationBotFrameworkAuthentication(
    authConfig,
    credentialsFactory,
    undefined,
    undefined,
    { httpClient } as never,
  );
  const adapter = new VisielerenCloudAdapter(auth);
  // The default handler sends a trace and an apology message into the conversation; we rethrow so the caller
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
      const header = req.headers.authorization ?? '';
      try {
        const invoke = await adapter.run(header, activity as unknown as Activity, async (context) => {
          const result = await handler({
            activity: context.activity as unknown as InboundActivity,
            reference: TurnContext.getConversationReference(
              context.activity,
            ) as unknown as ConversationReferenceJson,
            send: async (outbound) =>
              (await withThrottleRetry(() => context.sendActivity(outbound as Partial<Activity>))) ?? {},
            update: async (outbound) => {
              await withThrottleRetry(() => context.updateActivity(outbound as Partial<Activity>));
            },
          });
          if (result && context.activity.type === 'invoke') {
            await context.sendActivity({ type: 'invokeResponse', value: result } as Partial<Activity>);
          }
        });
        const invokeResult = invoke as InvokeResult | undefined;
        answer(res, invokeResult?.status ?? 200, invokeResult?.body);
      } catch (error) {
        if (isAuthFailure(error)) return answer(res, 401, { error: 'Niet geautoriseerd.' });
        logger.error('Teams: activiteit niet verwerkt', { error: errorSummary(error) });
        answer(res, 500, { error: 'Interne fout.' });
      }
    },
    async send(reference, activity, options = {}) {
      let id: string | undefined;
      await callScope.run(options, () =>
        adapter.continueConversationAsync(appId, reference as never, async (context) => {
          // The continuation activity has a made-up id; without it the message is a new post
          // (POST …/activities), not a reply to a message that does not exist.
          context.activity.id = undefined as unknown as string;
          id = (await context.sendActivity(activity as Partial<Activity>))?.id;
        }),
      );
      return id ? { id } : {};
    },
    async isMember(reference, userId, options = {}) {
      let member = false;
      try {
        await callScope.run(options, () =>
          adapter.continueConversationAsync(appId, reference as never, async (context) => {
            member = Boolean((await TeamsInfo.getMember(context, userId))?.id);
          }),
        );
      } catch (error) {
        if (error instanceof ConnectorHttpError && error.status === 404) return false;
        throw error;
      }
      return member;
    },
  };
}

/** jsonwebtoken's errors for a bad signature, an expired or not-yet-valid token; botbuilder lets them through. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return (error as { statusCode?: unknown }).statusCode === 401 || TOKEN_ERRORS.has((error as Error).name);
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
  if (body === undefined) {
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
// Outbound HTTP: our own client under botbuilder's ConnectorClient, so that (1) the SDK's retry policy never
// repeats a send (a 5xx or 429 comes back to the outbox, which decides), (2) a timeout or abort is visible as
// "outcome unknown", and (3) the caller's AbortSignal reaches the request.
// ---------------------------------------------------------------------------------------------------------

interface CompatHeaders {
  toJson(options?: { preserveCase?: boolean }): Record<string, string>;
}

interface CompatRequest {
  url: string;
  method: string;
  headers: CompatHeaders;
  body?: unknown;
}

function compatHeaders(headers: Headers): CompatHeaders & { get(name: string): string | undefined } {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key] = value;
  });
  return {
    toJson: () => ({ ...record }),
    get: (name) => record[name.toLowerCase()],
  };
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function createHttpClient(timeoutMs: number, callerOptions: () => SendOptions | undefined) {
  return {
    async sendRequest(request: CompatRequest) {
      const options = callerOptions();
      // Waiting here has sent nothing yet: an abort while waiting is a plain (retryable) failure.
      await options?.beforeRequest?.();
      const signals = [AbortSignal.timeout(timeoutMs)];
      if (options?.signal) signals.push(options.signal);
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.toJson({ preserveCase: true }),
          ...(request.body !== undefined && request.body !== null
            ? { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }
            : {}),
          signal: AbortSignal.any(signals),
        });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (code && NOT_SENT_CODES.has(code)) throw new ConnectorUnreachableError(error);
        throw new ConnectorNoAnswerError(error);
      }
      let bodyAsText: string;
      try {
        bodyAsText = await response.text();
      } catch (error) {
        throw new ConnectorNoAnswerError(error);
      }
      if (response.status >= 400) {
        throw new ConnectorHttpError(
          response.status,
          parseRetryAfter(response.headers.get('retry-after'), new Date()),
        );
      }
      return { request, status: response.status, headers: compatHeaders(response.headers), bodyAsText };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Outbound tokens from an OAuth2 client-credentials endpoint (the wire format of Entra ID's v2 token endpoint).
// ---------------------------------------------------------------------------------------------------------

interface SignableRequest {
  headers: { set(name: string, value: string): void };
}

class TokenEndpointCredentialsFactory {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly appId: string,
    private readonly appPassword: string,
    private readonly tokenEndpoint: string,
    private readonly timeoutMs: number,
  ) {}

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined) {
    if (appId !== this.appId) throw new Error('Onbekende app-id.');
    const scope = `${audience ?? PUBLIC_CLOUD.ToChannelFromBotOAuthScope}/.default`;
    return {
      signRequest: async <T extends SignableRequest>(webResource: T): Promise<T> => {
        webResource.headers.set('authorization', `Bearer ${await this.token(scope)}`);
        return webResource;
      },
    };
  }

  private async token(scope: string): Promise<string> {
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
