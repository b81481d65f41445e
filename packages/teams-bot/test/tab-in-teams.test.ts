import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANT } from './helpers/activities.js';
import { NOW, SSO_APP_ID, type TestServer } from './helpers/bot-server.js';
import { launchChromium } from './helpers/browser.js';
import type { LocalIssuer } from './helpers/issuer.js';
import { startTeamsWorld, type TeamsWorld } from './helpers/teams-world.js';

/**
 * The tab's own scripts, run in Chromium inside a stand-in for the Teams client: a page on a Teams origin (teams-js
 * talks only to hosts on Microsoft's list) that frames the tab and answers teams-js's messages as Teams does:
 * initialize, getContext, authentication.getAuthToken and the configuration's save. The tab's server is reached
 * under an https name (Teams frames only https), both routed by Playwright to the local servers.
 */

const TAB_ORIGIN = 'https://visieleren.test';
const HOST_URL = 'https://teams.microsoft.com/visieleren-testhost';
const CHANNEL = '19:tab-in-teams@thread.tacv2';
const MEMBER = 'aaaaaaaa-0000-4000-8000-00000000000a';
const OUTSIDER = 'aaaaaaaa-0000-4000-8000-00000000000b';
const SERVER_NOW = Math.floor(Date.parse(NOW) / 1000);

let world: TeamsWorld;
let issuer: LocalIssuer;
let server: TestServer;
let browser: Browser;

/** The host page: frames `src` and answers the frame like Teams would, recording what the tab asked. */
function hostPage(): string {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Teams (testhost)</title></head>
<body><iframe id="tab" title="Visieleren" width="1000" height="800"></iframe>
<script>
  var params = new URLSearchParams(location.search);
  var frame = document.getElementById('tab');
  window.calls = [];
  window.savedConfig = null;
  window.saveResult = null;
  var runtime = { apiVersion: 4, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false, supports: { app: {}, appInitialization: {}, authentication: {}, pages: { config: {}, tabs: {} }, teamsCore: {} } };
  var context = { locale: 'nl-nl', theme: params.get('theme'), channelId: ${JSON.stringify(CHANNEL)}, teamId: ${JSON.stringify(CHANNEL)},
    tid: ${JSON.stringify(TENANT)}, userObjectId: params.get('user'), frameContext: params.get('frame'), hostClientType: 'web' };
  function reply(data, args) { frame.contentWindow.postMessage({ id: data.id, uuid: data.uuid, args: args }, ${JSON.stringify(TAB_ORIGIN)}); }
  window.addEventListener('message', function (event) {
    if (event.origin !== ${JSON.stringify(TAB_ORIGIN)} || !event.data || typeof event.data.func !== 'string') return;
    var data = event.data;
    window.calls.push(data.func);
    if (data.func === 'initialize') return reply(data, [params.get('frame'), 'web', JSON.stringify(runtime), '2.40.0']);
    if (data.func === 'getContext') return reply(data, [context]);
    if (data.func === 'authentication.getAuthToken') {
      var token = params.get('token');
      return reply(data, token ? [true, token] : [false, 'resourceRequiresConsent']);
    }
    if (data.func === 'settings.setSettings') { window.savedConfig = data.args[0]; return reply(data, [true]); }
    if (data.func === 'settings.save.success') { window.saveResult = 'success'; return; }
    if (data.func === 'settings.save.failure') { window.saveResult = 'failure'; return; }
    if (typeof data.id === 'number') reply(data, []);
  });
  window.save = function () { frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, ${JSON.stringify(TAB_ORIGIN)}); };
  frame.src = params.get('src');
</script></body></html>`;
}

async function teamsContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route(`${HOST_URL}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostPage() }),
  );
  // teams-js asks Microsoft's CDN for the current list of Teams hosts; offline it uses the list it ships.
  await context.route('https://res.cdn.office.net/**', (route) => route.abort());
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const target = request.url().replace(TAB_ORIGIN, server.url);
    const response = await route.fetch({ url: target });
    await route.fulfill({ response });
  });
  return context;
}

async function openInTeams(
  context: BrowserContext,
  options: { path: string; frame: 'settings' | 'content'; user: string; token?: string; theme?: string },
): Promise<Page> {
  const page = await context.newPage();
  const query = new URLSearchParams({
    src: `${TAB_ORIGIN}${options.path}`,
    frame: options.frame,
    user: options.user,
    theme: options.theme ?? 'default',
    ...(options.token ? { token: options.token } : {}),
  });
  await page.goto(`${HOST_URL}?${query}`);
  return page;
}

function tabFrame(page: Page) {
  return page.frameLocator('#tab');
}

beforeAll(async () => {
  world = await startTeamsWorld({ TEAMS_APP_TYPE: 'MultiTenant' }, { publicUrl: TAB_ORIGIN });
  ({ issuer, server } = world);
  await world.linkConversation({ id: CHANNEL, type: 'channel' }, server.trajectIds.aanZee);
  world.connector.addMember(CHANNEL, MEMBER);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

function tokenFor(objectId: string): Promise<string> {
  return issuer.userToken({ audience: SSO_APP_ID, tenantId: TENANT, objectId, now: SERVER_NOW });
}

describe('the tab inside a Teams host', { timeout: 60_000 }, () => {
  it('configuration: signs in, names the linked traject and saves the stable tab address', async () => {
    const context = await teamsContext();
    const page = await openInTeams(context, {
      path: '/teams/tab/config',
      frame: 'settings',
      user: MEMBER,
      token: await tokenFor(MEMBER),
    });
    await tabFrame(page).locator('#config-status').getByText('gekoppeld aan Aan Zee').waitFor();
    expect(await page.evaluate(() => (window as unknown as { calls: string[] }).calls)).toContain(
      'authentication.getAuthToken',
    );
    await page.evaluate(() => (window as unknown as { save(): void }).save());
    await page.waitForFunction(
      () => (window as unknown as { saveResult: string | null }).saveResult !== null,
    );
    const saved = await page.evaluate(() => {
      const host = window as unknown as { savedConfig: Record<string, unknown>; saveResult: string };
      return { config: host.savedConfig, result: host.saveResult };
    });
    expect(saved.result).toBe('success');
    expect(saved.config).toMatchObject({
      entityId: server.trajectIds.aanZee,
      contentUrl: `${TAB_ORIGIN}/teams/tab`,
      suggestedDisplayName: 'Visieleren',
    });
    await context.close();
  });

  it('the saved tab signs in and shows the traject page in the Teams theme, and follows a theme change', async () => {
    const context = await teamsContext();
    const page = await openInTeams(context, {
      path: '/teams/tab',
      frame: 'content',
      user: MEMBER,
      token: await tokenFor(MEMBER),
      theme: 'dark',
    });
    const tab = tabFrame(page);
    await tab.locator('h1').getByText('Aan Zee (fictief)').waitFor();
    expect(await tab.locator('svg#tijdlijn[role="img"]').count()).toBe(1);
    await expect.poll(() => tab.locator('html').getAttribute('data-theme'), { timeout: 10_000 }).toBe('dark');
    await context.close();
  });

  it('someone not in the channel sees why, and no traject', async () => {
    const context = await teamsContext();
    const page = await openInTeams(context, {
      path: '/teams/tab',
      frame: 'content',
      user: OUTSIDER,
      token: await tokenFor(OUTSIDER),
    });
    const tab = tabFrame(page);
    await tab.locator('#tab-status').getByText('geen lid van dit kanaal').waitFor();
    expect(await tab.locator('body').textContent()).not.toContain('Aan Zee');
    await context.close();
  });

  it('when Teams gives no token (no consent yet), the tab says what to ask the administrator', async () => {
    const context = await teamsContext();
    const page = await openInTeams(context, { path: '/teams/tab', frame: 'content', user: MEMBER });
    await tabFrame(page).locator('#tab-status').getByText('Vraag de beheerder').waitFor();
    await context.close();
  });
});
