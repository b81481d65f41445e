import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT } from './helpers/activities.js';
import {
  APP,
  movableClock,
  NOW,
  SSO_APP_ID,
  startTestServer,
  type TestServer,
} from './helpers/bot-server.js';
import type { FakeConnector } from './helpers/fake-connector.js';
import type { LocalIssuer, UserTokenClaims } from './helpers/issuer.js';
import { startTeamsWorld, type TeamsWorld } from './helpers/teams-world.js';

/**
 * The tab inside Teams: the user's single sign-on token (Entra ID, from a local issuer) is checked, and their
 * membership of the channel is asked of Teams (the fake connector's roster), before a traject is shown.
 */

let world: TeamsWorld;
let issuer: LocalIssuer;
let connector: FakeConnector;
let server: TestServer;
const MEMBER = 'aaaaaaaa-0000-4000-8000-000000000001';
const OUTSIDER = 'aaaaaaaa-0000-4000-8000-000000000002';
const CHANNEL = '19:tab-aanmelding@thread.tacv2';
const SERVER_NOW = Math.floor(Date.parse(NOW) / 1000);
/** The VNG's own tenant, where its single-tenant bot is registered; the gemeente's is TENANT. */
const VNG_TENANT = 'eeeeeeee-0000-4000-8000-00000000000e';
/** Another organisation, whose people share a channel with the gemeente. */
const GUEST_TENANT = 'bbbbbbbb-0000-4000-8000-000000000009';
const clock = movableClock(NOW);

beforeAll(async () => {
  // As the VNG runs it: a single-tenant bot in its own tenant, the tab's multi-organisation app beside it.
  world = await startTeamsWorld({ TEAMS_APP_TYPE: 'SingleTenant', TEAMS_TENANT_ID: VNG_TENANT }, { clock });
  ({ issuer, connector, server } = world);
  await world.linkConversation({ id: CHANNEL, type: 'channel' }, server.trajectIds.other);
  connector.addMember(CHANNEL, MEMBER);
}, 30_000);

afterAll(async () => {
  await world?.close();
});

function userToken(overrides: Partial<UserTokenClaims> = {}): Promise<string> {
  return issuer.userToken({
    audience: SSO_APP_ID,
    tenantId: TENANT,
    objectId: MEMBER,
    now: SERVER_NOW,
    ...overrides,
  });
}

async function lookUp(token: string | undefined, channel = CHANNEL) {
  const response = await fetch(`${server.url}/teams/tab/link?conversation=${encodeURIComponent(channel)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    body: (await response.json()) as { message?: string; trajectId?: string; url?: string; name?: string },
  };
}

describe('the tab signs in with Teams', { timeout: 30_000 }, () => {
  it("a member of the linked channel, in the gemeente's own tenant (not the bot's), gets that traject, and its page opens", async () => {
    const { status, body } = await lookUp(await userToken());
    expect(status).toBe(200);
    expect(body.trajectId).toBe(server.trajectIds.other);
    const page = await fetch(body.url ?? '');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(body.name);
    expect(html).not.toContain('Aan Zee');
  });

  it('accepts the app id URI as audience too (v1 tokens from Entra ID)', async () => {
    const audience = `api://${new URL(server.url).host}/${SSO_APP_ID}`;
    expect((await lookUp(await userToken({ audience }))).status).toBe(200);
    // A token for the bot's identity is not one for the tab's app.
    expect((await lookUp(await userToken({ audience: APP.appId }))).status).toBe(401);
  });

  it('someone outside the channel gets a refusal that says nothing about the traject', async () => {
    const before = connector.memberLookups.filter((id) => id === OUTSIDER).length;
    const { status, body } = await lookUp(await userToken({ objectId: OUTSIDER }));
    expect(status).toBe(403);
    expect(body.message).toContain('geen lid van dit kanaal');
    expect(JSON.stringify(body)).not.toContain(server.trajectIds.other);
    // Asked of Teams, not guessed.
    expect(connector.memberLookups.filter((id) => id === OUTSIDER).length).toBe(before + 1);
  });

  it('a member of a shared channel from another tenant gets the traject, after Teams confirms the membership', async () => {
    const guest = 'aaaaaaaa-0000-4000-8000-000000000006';
    connector.addMember(CHANNEL, guest);
    const before = connector.memberLookups.filter((id) => id === guest).length;
    const { status, body } = await lookUp(await userToken({ tenantId: GUEST_TENANT, objectId: guest }));
    expect(status).toBe(200);
    expect(body.trajectId).toBe(server.trajectIds.other);
    expect(connector.memberLookups.filter((id) => id === guest).length).toBe(before + 1);
  });

  it('a user of another tenant who is not in the channel, or in a chat of another tenant, gets nothing', async () => {
    const stranger = 'aaaaaaaa-0000-4000-8000-000000000005';
    const outsider = await lookUp(await userToken({ tenantId: GUEST_TENANT, objectId: stranger }));
    expect(outsider.status).toBe(403);
    expect(JSON.stringify(outsider.body)).not.toContain(server.trajectIds.other);
    // A linked group chat takes no one from another tenant, member or not, and Teams is not asked.
    const chat = '19:groepschat-aanmelding@thread.v2';
    await world.linkConversation({ id: chat, type: 'groupChat' }, server.trajectIds.aanZee);
    connector.addMember(chat, stranger);
    const before = connector.memberLookups.length;
    const foreign = await lookUp(await userToken({ tenantId: GUEST_TENANT, objectId: stranger }), chat);
    expect(foreign.status).toBe(403);
    expect(connector.memberLookups.length).toBe(before);
  });

  it('a foreign-tenant user of an unlinked conversation gets no traject', async () => {
    const { status, body } = await lookUp(
      await userToken({ tenantId: GUEST_TENANT, objectId: MEMBER }),
      '19:ander-team-niet-gekoppeld@thread.tacv2',
    );
    expect(status).toBe(404);
    expect(body.trajectId).toBeUndefined();
    expect(body.url).toBeUndefined();
  });

  it('no token, an expired, foreign-signed, wrongly addressed, wrong-issuer or scope-less token gets 401', async () => {
    const wrong = [
      undefined,
      await userToken({ now: SERVER_NOW - 7200, expiresInSeconds: 600 }),
      await userToken({ foreignKey: true }),
      await userToken({ audience: 'api://elders.example/00000000-0000-0000-0000-000000000000' }),
      await userToken({ issuer: `${issuer.url}/${'cccccccc-0000-4000-8000-000000000000'}/v2.0` }),
      await userToken({ scope: 'User.Read' }),
      'geen.jwt.token',
    ];
    for (const token of wrong) {
      const { status, body } = await lookUp(token);
      expect(status).toBe(401);
      expect(body.message).toMatch(/Aanmelden bij Teams is nodig|verlopen of ongeldig/);
      expect(body.trajectId).toBeUndefined();
    }
  });

  it('an unlinked channel says how to link it, even to a signed-in member', async () => {
    const { status, body } = await lookUp(await userToken(), '19:niet-gekoppeld@thread.tacv2');
    expect(status).toBe(404);
    expect(body.message).toContain('koppel');
  });

  it('when Teams does not answer the roster question, the tab says so (502) and shows nothing', async () => {
    const stranger = 'aaaaaaaa-0000-4000-8000-000000000003';
    connector.addMember(CHANNEL, stranger);
    connector.inject(CHANNEL, { kind: 'status', status: 503 });
    const { status, body } = await lookUp(await userToken({ objectId: stranger }));
    expect(status).toBe(502);
    expect(body.message).toContain('Probeer het later opnieuw');
    // The next try reaches Teams again and succeeds.
    expect((await lookUp(await userToken({ objectId: stranger }))).status).toBe(200);
  });

  it('never logs the tokens', async () => {
    const token = await userToken();
    await lookUp(token);
    await lookUp(`${token}x`);
    expect(JSON.stringify(server.logs)).not.toContain(token.slice(-40));
  });
});

describe('when Entra ID cannot be reached', { timeout: 30_000 }, () => {
  it('says the sign-in cannot be checked now (503), not that it is wrong', async () => {
    // Metadata that points at keys nobody serves, and metadata nobody serves.
    const metadata = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ issuer: `${issuer.url}/{tenantid}/v2.0`, jwks_uri: 'http://127.0.0.1:9/keys' }),
        );
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    const metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`;
    try {
      for (const url of [metadataUrl, 'http://127.0.0.1:9/openid']) {
        const cut = await startTestServer({
          TEAMS_APP_ID: APP.appId,
          TEAMS_APP_PASSWORD: APP.appPassword,
          TEAMS_APP_TYPE: 'MultiTenant',
          TEAMS_AUTHORITY: issuer.authority,
          TEAMS_TOKEN_ENDPOINT: issuer.tokenEndpoint,
          TEAMS_SSO_APP_ID: SSO_APP_ID,
          TEAMS_SSO_OPENID_METADATA_URL: url,
        });
        try {
          const response = await fetch(
            `${cut.url}/teams/tab/link?conversation=${encodeURIComponent(CHANNEL)}`,
            {
              headers: { authorization: `Bearer ${await userToken()}` },
            },
          );
          expect(response.status).toBe(503);
          expect(((await response.json()) as { message: string }).message).toContain(
            'Probeer het later opnieuw',
          );
        } finally {
          await cut.close();
        }
      }
    } finally {
      metadata.close();
    }
  });
});

describe('removed from the team', { timeout: 30_000 }, () => {
  it('loses the tab and every page link it handed out within 5 minutes', async () => {
    const leaver = 'aaaaaaaa-0000-4000-8000-000000000007';
    connector.addMember(CHANNEL, leaver);
    const first = await lookUp(await userToken({ objectId: leaver }));
    expect(first.status).toBe(200);
    // The link works for an hour at most, and only while Teams has them in the channel.
    expect((await fetch(first.body.url ?? '')).status).toBe(200);
    connector.removeMember(CHANNEL, leaver);
    clock.advance(5 * 60_000 + 1000);
    const page = await fetch(first.body.url ?? '');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Geen toegang meer');
    const again = await lookUp(
      await userToken({ objectId: leaver, now: Math.floor(clock.now().getTime() / 1000) }),
    );
    expect(again.status).toBe(403);
    // A member who stayed still gets in.
    const stayed = await lookUp(await userToken({ now: Math.floor(clock.now().getTime() / 1000) }));
    expect(stayed.status).toBe(200);
    expect((await fetch(stayed.body.url ?? '')).status).toBe(200);
  });
});

describe("a gemeente administrator's consent", () => {
  it('comes back to a Dutch page that says whether consent was given', async () => {
    const given = await fetch(`${server.url}/teams/toestemming?admin_consent=True&tenant=${TENANT}`);
    expect(given.status).toBe(200);
    expect(await given.text()).toContain('Toestemming gegeven');
    const denied = await fetch(`${server.url}/teams/toestemming?error=access_denied&error_description=x`);
    expect(await denied.text()).toContain('geweigerd');
  });
});
