import { installActivity, messageActivity } from './activities.js';
import { APP, SSO_APP_ID, startTestServer, type TestServer } from './bot-server.js';
import { type FakeConnector, startFakeConnector } from './fake-connector.js';
import { type ChannelTokenClaims, type LocalIssuer, startLocalIssuer } from './issuer.js';

/**
 * The Teams plugin with real credentials against the local stand-ins: an issuer for every token (channel, bot,
 * Entra ID), a Bot Connector that checks the bot's token, and the plugin's routes on a local server.
 */
export interface TeamsWorld {
  issuer: LocalIssuer;
  connector: FakeConnector;
  server: TestServer;
  /** Posts an activity to `/api/messages` as Teams would (with a channel token); returns the HTTP status. */
  post(activity: Record<string, unknown>): Promise<number>;
  /** A channel token for this bot, as Teams would send it (claims can be overridden to make it wrong). */
  channelToken(overrides?: Partial<ChannelTokenClaims>): Promise<string>;
  /** Installs the bot in the conversation and links it to the traject with a one-time code, as a gemeente does. */
  linkConversation(
    conversation: { id: string; type: 'channel' | 'groupChat' },
    trajectId: string,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsWorld(
  env: Record<string, string> = {},
  options: Parameters<typeof startTestServer>[1] = {},
): Promise<TeamsWorld> {
  const issuer = await startLocalIssuer(APP);
  const connector = await startFakeConnector();
  connector.checkToken = async (token) => {
    if (!token) throw new Error('geen token');
    await issuer.verifyBotToken(token, 'https://api.botframework.com');
  };
  // A single-tenant bot's tokens come from its own tenant; a legacy multi-tenant bot's from botframework.com.
  const botTenant =
    env.TEAMS_APP_TYPE && env.TEAMS_APP_TYPE !== 'MultiTenant' ? env.TEAMS_TENANT_ID : undefined;
  const channelToken = (overrides: Partial<ChannelTokenClaims> = {}) =>
    issuer.channelToken({
      appId: APP.appId,
      serviceUrl: connector.url,
      ...(botTenant ? { botTenant } : {}),
      ...overrides,
    });
  const server = await startTestServer(
    {
      TEAMS_APP_ID: APP.appId,
      TEAMS_APP_PASSWORD: APP.appPassword,
      TEAMS_AUTHORITY: issuer.authority,
      TEAMS_TOKEN_ENDPOINT: issuer.tokenEndpoint,
      TEAMS_SSO_APP_ID: SSO_APP_ID,
      TEAMS_SSO_OPENID_METADATA_URL: issuer.entraMetadataUrl,
      ...env,
    },
    options,
  );
  async function post(activity: Record<string, unknown>): Promise<number> {
    const token = await channelToken();
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    return response.status;
  }
  return {
    channelToken,
    issuer,
    connector,
    server,
    post,
    async linkConversation(conversation, trajectId) {
      const { code } = await server.ports.linkCodes.create(
        { trajectId, purpose: 'teams', ttlMs: 3_600_000 },
        'vng:test',
      );
      for (const activity of [
        installActivity(connector.url, conversation),
        messageActivity(connector.url, conversation, `koppel ${code}`),
      ]) {
        const status = await post(activity);
        if (status !== 200) throw new Error(`/api/messages antwoordde ${status}`);
      }
    },
    async close() {
      await server.close();
      await connector.close();
      await issuer.close();
    },
  };
}
