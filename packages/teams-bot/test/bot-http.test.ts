import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { AANMELDING_EXAMPLE } from '@visieleren/forms/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authConfiguration } from '../src/bot-framework/adapter.js';
import { VERBS } from '../src/cards/elements.js';
import { teamsPlugin } from '../src/index.js';
import {
  type ConversationSpec,
  executeActivity,
  installActivity,
  messageActivity,
  submitActivity,
  TENANT,
  USER,
} from './helpers/activities.js';
import { APP, type TestServer } from './helpers/bot-server.js';
import type { FakeConnector } from './helpers/fake-connector.js';
import type { LocalIssuer } from './helpers/issuer.js';
import { startTeamsWorld, type TeamsWorld } from './helpers/teams-world.js';

let world: TeamsWorld;
let issuer: LocalIssuer;
let connector: FakeConnector;
let server: TestServer;
let counter = 0;

beforeAll(async () => {
  world = await startTeamsWorld({ TEAMS_APP_TYPE: 'MultiTenant' });
  ({ issuer, connector, server } = world);
});

afterAll(async () => {
  await world?.close();
});

let conversation: ConversationSpec;
beforeEach(() => {
  counter += 1;
  conversation = { id: `19:kanaal-${counter}@thread.tacv2`, type: 'channel' };
});

async function post(activity: Record<string, unknown>, token?: string | null) {
  const bearer = token === null ? undefined : (token ?? (await world.channelToken()));
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** The cards the fake connector received for this conversation, oldest first. */
function cardsIn(id: string): Array<Record<string, unknown>> {
  return connector.received
    .filter((item) => item.conversationId === id)
    .flatMap(
      (item) => (item.activity.attachments as Array<{ content: Record<string, unknown> }> | undefined) ?? [],
    )
    .map((attachment) => attachment.content);
}

function lastCardText(id: string): string {
  return JSON.stringify(cardsIn(id).at(-1));
}

async function linkedConversation(trajectId: string): Promise<void> {
  await post(installActivity(connector.url, conversation));
  const { code } = await server.ports.linkCodes.create(
    { trajectId, purpose: 'teams', ttlMs: 3_600_000 },
    'vng:test',
  );
  const response = await post(messageActivity(connector.url, conversation, `koppel ${code}`));
  expect(response.status).toBe(200);
}

describe('inbound tokens', { timeout: 30_000 }, () => {
  it('accepts a valid channel token and the reply reaches the connector with a bot token it accepts', async () => {
    const before = connector.tokenFailures;
    const response = await post(installActivity(connector.url, conversation));
    expect(response.status).toBe(200);
    expect(lastCardText(conversation.id)).toContain('Welkom bij Visieleren');
    expect(connector.tokenFailures).toBe(before);
    const link = await server.ports.links.find('teams-conversation', conversation.id);
    expect(link?.trajectId).toBeUndefined();
    expect((link?.payload.reference as { serviceUrl?: string } | undefined)?.serviceUrl).toBe(connector.url);
    expect(link?.payload.tenantId).toBe(TENANT);
    // No personal data in the link: the user who installed the bot is not kept.
    expect(JSON.stringify(link?.payload)).not.toMatch(/Anna|aad-anna/);
  });

  it('answers 401 to a missing, expired, foreign, wrong-issuer or wrong-audience token and does nothing', async () => {
    const received = connector.received.length;
    const tokens: Array<string | null> = [
      null,
      await world.channelToken({ expiresInSeconds: -600 }),
      await issuer.foreignToken({ appId: APP.appId, serviceUrl: connector.url }),
      await world.channelToken({ issuer: `${issuer.url}/aaaaaaaa-0000-4000-8000-00000000000f/v2.0` }),
      await world.channelToken({ appId: 'een-andere-bot' }),
      'geen.jwt.token',
    ];
    for (const token of tokens) {
      const response = await post(installActivity(connector.url, conversation), token);
      expect(response.status).toBe(401);
    }
    // A token for another serviceUrl than the activity names: the SDK refuses the activity (400).
    const elsewhere = await world.channelToken({ serviceUrl: 'https://smba.elders.example/emea/' });
    expect((await post(installActivity(connector.url, conversation), elsewhere)).status).toBe(400);
    expect(connector.received.length).toBe(received);
    expect(await server.ports.links.find('teams-conversation', conversation.id)).toBeUndefined();
  });
});

describe('the Agents SDK', { timeout: 30_000 }, () => {
  it('prints nothing itself: with DEBUG on, its lines reach our logger (message only), not stderr', async () => {
    const createDebug = createRequire(import.meta.url)('debug') as {
      enable(namespaces: string): void;
      disable(): string;
    };
    const written: string[] = [];
    const realWrite = process.stderr.write.bind(process.stderr);
    // biome-ignore lint/suspicious/noConsole: the test replaces the console to prove the SDK does not write to it.
    const realConsole = { error: console.error, warn: console.warn, log: console.log };
    const capture = (...args: unknown[]) => {
      written.push(args.map(String).join(' '));
    };
    const before = process.env.DEBUG;
    createDebug.enable('agents:*');
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (realWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    Object.assign(console, { error: capture, warn: capture, log: capture });
    try {
      const expired = await world.channelToken({ expiresInSeconds: -600 });
      expect((await post(installActivity(connector.url, conversation), expired)).status).toBe(401);
      expect((await post(installActivity(connector.url, conversation))).status).toBe(200);
    } finally {
      process.stderr.write = realWrite;
      Object.assign(console, realConsole);
      createDebug.disable();
      if (before === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = before;
    }
    expect(written.filter((line) => /agents|jwt|token/i.test(line))).toEqual([]);
    const sdkLines = server.logs.filter((line) => line.message.startsWith('Agents SDK:'));
    expect(sdkLines.length).toBeGreaterThan(0);
    expect(sdkLines.every((line) => line.level === 'debug')).toBe(true);
    // No activity, name or token in what the SDK passes on.
    expect(JSON.stringify(sdkLines)).not.toMatch(/Anna de Vries|eyJ/);
  });

  it('takes the bot identity from the settings: single-tenant, managed identity or legacy multi-tenant', () => {
    const single = authConfiguration({
      anonymous: false,
      appId: APP.appId,
      appPassword: 'geheim',
      appType: 'SingleTenant',
      tenantId: TENANT,
      sendTimeoutMs: 1000,
    });
    expect(single.connections?.get('ServiceConnection')).toMatchObject({
      clientId: APP.appId,
      clientSecret: 'geheim',
      tenantId: TENANT,
      authType: 'ClientSecret',
      validateIssuer: true,
    });
    const msi = authConfiguration({
      anonymous: false,
      appId: APP.appId,
      appType: 'UserAssignedMSI',
      tenantId: TENANT,
      sendTimeoutMs: 1000,
    }).connections?.get('ServiceConnection');
    expect(msi).toMatchObject({ clientId: APP.appId, tenantId: TENANT, authType: 'UserManagedIdentity' });
    expect(msi?.clientSecret).toBeUndefined();
    const legacy = authConfiguration({
      anonymous: false,
      appId: APP.appId,
      appPassword: 'geheim',
      appType: 'MultiTenant',
      tenantId: TENANT,
      sendTimeoutMs: 1000,
    }).connections?.get('ServiceConnection');
    // A legacy multi-tenant bot gets its tokens from botframework.com, not from one tenant.
    expect(legacy?.tenantId).toBeUndefined();
    expect(
      authConfiguration({ anonymous: true, appType: 'MultiTenant', sendTimeoutMs: 1000 }).connections?.size,
    ).toBe(0);
  });
});

describe('linking and commands', { timeout: 30_000 }, () => {
  it('explains an unlinked channel without showing any traject', async () => {
    await post(installActivity(connector.url, conversation));
    await post(messageActivity(connector.url, conversation, 'status'));
    const text = lastCardText(conversation.id);
    expect(text).toContain('Nog niet gekoppeld');
    expect(text).not.toContain('Aan Zee');
  });

  it('refuses an unknown code and links with a valid one, once', async () => {
    await post(installActivity(connector.url, conversation));
    await post(messageActivity(connector.url, conversation, 'koppel ZZZZ9999'));
    expect(lastCardText(conversation.id)).toContain('Code niet geaccepteerd');
    const { code } = await server.ports.linkCodes.create(
      { trajectId: server.trajectIds.aanZee, purpose: 'teams', ttlMs: 3_600_000 },
      'vng:test',
    );
    await post(messageActivity(connector.url, conversation, `koppel ${code.toLowerCase()}`));
    expect(lastCardText(conversation.id)).toContain('Aan Zee (fictief)');
    const link = await server.ports.links.find('teams-conversation', conversation.id);
    expect(link?.trajectId).toBe(server.trajectIds.aanZee);
    // A second channel cannot reuse the code.
    const other: ConversationSpec = { id: `${conversation.id}-2`, type: 'groupChat' };
    await post(messageActivity(connector.url, other, `koppel ${code}`));
    expect(lastCardText(other.id)).toContain('Code niet geaccepteerd');
  });

  it('answers every command with its card, and anything else with the help card', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const expectations: Array<[string, string]> = [
      ['status', 'Stand van zaken: Aan Zee (fictief)'],
      ['checklist', 'Checklist: Aan Zee (fictief)'],
      ['uren', 'Uren: Aan Zee (fictief)'],
      ['planning', 'Planning: Aan Zee (fictief)'],
      ['vit', 'VIT-profiel: Aan Zee (fictief)'],
      ['help', 'Wat kan ik voor u doen?'],
      ['goedemorgen', 'Wat kan ik voor u doen?'],
    ];
    for (const [command, title] of expectations) {
      const response = await post(messageActivity(connector.url, conversation, command));
      expect(response.status).toBe(200);
      expect(lastCardText(conversation.id)).toContain(title);
    }
    expect(lastCardText(conversation.id)).not.toContain(server.trajectIds.other);
  });

  it('replies into the thread it was asked in, and reminders later go to the channel', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const thread: ConversationSpec = { id: `${conversation.id};messageid=1700000000000`, type: 'channel' };
    await post(messageActivity(connector.url, thread, 'status'));
    expect(connector.received.at(-1)?.conversationId).toBe(thread.id);
    const link = await server.ports.links.find('teams-conversation', conversation.id);
    expect((link?.payload.reference as { conversation?: { id: string } } | undefined)?.conversation?.id).toBe(
      conversation.id,
    );
  });

  it('ontkoppel removes the traject from the channel', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    await post(messageActivity(connector.url, conversation, 'ontkoppel'));
    expect(lastCardText(conversation.id)).toContain('Ontkoppeld');
    await post(messageActivity(connector.url, conversation, 'status'));
    expect(lastCardText(conversation.id)).toContain('Nog niet gekoppeld');
    const link = await server.ports.links.find('teams-conversation', conversation.id);
    expect(link?.trajectId).toBeUndefined();
  });
});

describe('card actions', { timeout: 30_000 }, () => {
  it('ticks a checklist item with Action.Execute: the card comes back refreshed and the store names the user', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const before = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    const response = await post(
      executeActivity(connector.url, conversation, VERBS.checklistToggle, {
        trajectId: server.trajectIds.aanZee,
        itemId: await firstOpenItem(),
        done: true,
      }),
    );
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('afgevinkt door Anna de Vries');
    // Everyone else in the channel sees the same card: the message it came from is updated in place.
    const update = connector.received.at(-1);
    expect(update).toMatchObject({ method: 'PUT', conversationId: conversation.id, replyToId: 'card-1' });
    expect(JSON.stringify(update?.activity)).toContain('afgevinkt door Anna de Vries');
    const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(after.revision).toBe(before.revision + 1);
    const ticked = after.checklist.find((item) => item.done && item.doneBy === 'Anna de Vries');
    expect(ticked).toBeDefined();
    expect(server.ports.audit.entries.at(-1)).toMatchObject({
      actor: 'teams:aad-anna',
      action: 'checklist.set',
      trajectId: server.trajectIds.aanZee,
    });
  });

  it('refuses an action for a traject this conversation is not linked to', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const before = await server.ports.trajects.get(server.trajectIds.other, { kind: 'all' });
    const response = await post(
      executeActivity(connector.url, conversation, VERBS.checklistToggle, {
        trajectId: server.trajectIds.other,
        itemId: 'kernvraag-geformuleerd',
        done: true,
      }),
    );
    const body = response.body as { value: Record<string, unknown> };
    expect(JSON.stringify(body.value)).toContain('niet (meer) gekoppeld');
    const after = await server.ports.trajects.get(server.trajectIds.other, { kind: 'all' });
    expect(after.revision).toBe(before.revision);
  });

  it('logs hours through the Action.Submit fallback and says so on the card', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    await post(
      submitActivity(connector.url, conversation, {
        verb: VERBS.hoursLog,
        trajectId: server.trajectIds.aanZee,
        role: 'ambtelijk-contactpersoon',
        date: '2027-03-09',
        hours: '6,5',
        note: 'voorbereiding kick-off',
      }),
    );
    expect(lastCardText(conversation.id)).toContain('Vastgelegd: 6,5 uur op 9 maart 2027');
    // The card the button was on is replaced (PUT …/activities/card-1), not followed by a second one.
    expect(connector.received.at(-1)?.replyToId).toBe('card-1');
    const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(after.hours.at(-1)).toMatchObject({
      role: 'ambtelijk-contactpersoon',
      hours: 6.5,
      date: '2027-03-09',
    });
  });

  it('the same hours invoke twice (Teams retries) logs the hours once and answers the same', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const before = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    const invoke = executeActivity(connector.url, conversation, VERBS.hoursLog, {
      trajectId: server.trajectIds.aanZee,
      role: 'ambtelijk-contactpersoon',
      date: '2027-03-09',
      hours: '2,5',
    });
    const first = await post(invoke);
    const second = await post(invoke);
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toContain('Vastgelegd: 2,5 uur op 9 maart 2027');
    expect(second.body).toEqual(first.body);
    // The others in the channel see the hours on the card too.
    const update = connector.received.filter((item) => item.conversationId === conversation.id).at(-1);
    expect(update?.method).toBe('PUT');
    expect(JSON.stringify(update?.activity)).toContain('Vastgelegd: 2,5 uur op 9 maart 2027');
    const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(after.hours.length).toBe(before.hours.length + 1);
    // A new click (another activity) is new work.
    await post({ ...invoke, id: `${String(invoke.id)}-2` });
    const again = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(again.hours.length).toBe(before.hours.length + 2);
  });

  it('a retried hours invoke that reaches another server (scaled out) still logs the hours once', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const before = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    // A second instance of the plugin on the same database, as with two `serve` processes behind a balancer.
    const other = await teamsPlugin.start(server.context);
    const messages = other.routes?.find((route) => route.path === '/api/messages');
    const second = createServer((req, res) => messages?.handler(req, res, () => res.writeHead(500).end()));
    await new Promise<void>((resolve) => second.listen(0, '127.0.0.1', resolve));
    try {
      const invoke = executeActivity(connector.url, conversation, VERBS.hoursLog, {
        trajectId: server.trajectIds.aanZee,
        role: 'ambtelijk-contactpersoon',
        date: '2027-03-08',
        hours: '1,5',
      });
      expect((await post(invoke)).status).toBe(200);
      const retried = await fetch(`http://127.0.0.1:${(second.address() as AddressInfo).port}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await world.channelToken()}`,
        },
        body: JSON.stringify(invoke),
      });
      expect(retried.status).toBe(200);
      expect(await retried.text()).toContain('Vastgelegd: 1,5 uur op 8 maart 2027');
      const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
      expect(after.hours.length).toBe(before.hours.length + 1);
    } finally {
      second.closeAllConnections();
      await new Promise<void>((resolve) => second.close(() => resolve()));
    }
  });

  it('"Traject bekijken" answers the person who clicked with a page link of an hour, posted nowhere', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const status = await post(messageActivity(connector.url, conversation, 'status'));
    expect(status.status).toBe(200);
    const statusCard = lastCardText(conversation.id);
    expect(statusCard).toContain('visieleren.open');
    expect(statusCard).not.toMatch(/\/traject\/|OpenUrl/);
    const received = connector.received.length;
    const response = await post(
      executeActivity(connector.url, conversation, VERBS.open, { trajectId: server.trajectIds.aanZee }),
    );
    const text = JSON.stringify(response.body);
    expect(text).toContain('werkt tot 11:00');
    const url = /"url":"([^"]+)"/.exec(text)?.[1] ?? '';
    expect(url).toContain('/traject/');
    expect(connector.received.length).toBe(received);
    // Anna is in the channel according to Teams: the page opens for her.
    connector.addMember(conversation.id, USER.aadObjectId);
    expect((await fetch(url)).status).toBe(200);
    connector.removeMember(conversation.id, USER.aadObjectId);
  });

  it('in a channel, the bot tells people to @mention it', async () => {
    await post(installActivity(connector.url, conversation));
    const welcome = lastCardText(conversation.id);
    expect(welcome).toContain('**@Visieleren koppel**');
    const unlinked = await post(messageActivity(connector.url, conversation, 'status'));
    expect(unlinked.status).toBe(200);
    expect(lastCardText(conversation.id)).toContain('**@Visieleren koppel ABCD2345**');
  });

  it("speaks one language per conversation: the installer's, until someone types taal", async () => {
    const english = { ...conversation, locale: 'en-GB' };
    await post(installActivity(connector.url, english));
    expect(lastCardText(conversation.id)).toContain('Welcome to Visieleren');
    // A colleague with a Dutch client gets English too: no two languages in one chat.
    await post(messageActivity(connector.url, conversation, 'help'));
    expect(lastCardText(conversation.id)).toContain('What can I do for you?');
    await post(messageActivity(connector.url, english, 'taal nl'));
    expect(lastCardText(conversation.id)).toContain('voortaan Nederlands');
    await post(messageActivity(connector.url, english, 'help'));
    expect(lastCardText(conversation.id)).toContain('Wat kan ik voor u doen?');
    await post(messageActivity(connector.url, english, 'taal fr'));
    expect(lastCardText(conversation.id)).toContain('Kies nl of en');
  });

  it('rejects bad hours with a Dutch message naming the field, storing nothing', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const before = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    const response = await post(
      executeActivity(connector.url, conversation, VERBS.hoursLog, {
        trajectId: server.trajectIds.aanZee,
        role: 'ambtelijk-contactpersoon',
        date: '2027-03-09',
        hours: 'veel',
      }),
    );
    expect(JSON.stringify(response.body)).toContain('Aantal uur');
    const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(after.hours.length).toBe(before.hours.length);
  });

  it('answers the VIT on the forms package card and the answers reach the traject', async () => {
    await linkedConversation(server.trajectIds.aanZee);
    const form = await post(
      executeActivity(connector.url, conversation, VERBS.vitForm, { trajectId: server.trajectIds.aanZee }),
    );
    const card = (form.body as { value: { actions: Array<{ verb: string; data: Record<string, unknown> }> } })
      .value;
    const submit = card.actions[0];
    expect(submit?.data.trajectId).toBe(server.trajectIds.aanZee);
    const inputs = JSON.stringify(card).match(/"id":"([a-z0-9-]+)","label"/g) ?? [];
    const questionIds = inputs.map((match) => match.slice(6, match.indexOf('","label"')));
    expect(questionIds.length).toBeGreaterThan(5);
    const choice = (id: string) => {
      const element = findInput(card, id) as { choices?: Array<{ value: string }> } | undefined;
      return element?.choices?.[element.choices.length - 1]?.value;
    };
    const answers: Record<string, unknown> = { ...submit?.data };
    for (const id of questionIds) {
      const value = choice(id);
      if (value !== undefined) answers[id] = value;
    }
    const response = await post(executeActivity(connector.url, conversation, submit?.verb ?? '', answers));
    expect(JSON.stringify(response.body)).toContain('VIT-profiel: Aan Zee (fictief)');
    const update = connector.received.at(-1);
    expect(update).toMatchObject({ method: 'PUT', conversationId: conversation.id, replyToId: 'card-1' });
    expect(JSON.stringify(update?.activity)).toContain('VIT-profiel: Aan Zee (fictief)');
    const after = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
    expect(after.vit?.submittedBy).toBe('teams:aad-anna');
    expect(Object.keys(after.vit?.answers ?? {}).length).toBeGreaterThan(5);
  });
});

describe('aanmelden from Teams', { timeout: 30_000 }, () => {
  it('an unlinked channel applies on the forms card: errors are named, then the traject is aangemeld', async () => {
    await post(installActivity(connector.url, conversation));
    await post(messageActivity(connector.url, conversation, 'aanmelden'));
    const formCard = cardsIn(conversation.id).at(-1) as {
      actions: Array<{ verb: string; data: Record<string, unknown> }>;
    };
    const submit = formCard.actions[0];
    expect(submit?.data._form).toMatchObject({ id: 'aanmelding' });
    expect(submit?.data.cardId).toMatch(/^[0-9a-f-]{36}$/);
    const answers: Record<string, unknown> = {
      ...submit?.data,
      ...AANMELDING_EXAMPLE,
      // Two themes, as a multi-select Input.ChoiceSet sends them.
      themas: 'inwoner-centraal,rust-en-regie',
    };
    const trajectsBefore = (await server.ports.trajects.list({ kind: 'all' })).length;
    // Without an e-mail address: the card comes back with the field named, nothing is stored.
    const { 'contact-email': _email, ...withoutEmail } = answers;
    const refused = await post(
      executeActivity(connector.url, conversation, submit?.verb ?? '', withoutEmail),
    );
    expect(refused.status).toBe(200);
    expect(JSON.stringify(refused.body)).toContain('E-mailadres');
    expect((await server.ports.trajects.list({ kind: 'all' })).length).toBe(trajectsBefore);

    // Clicked twice, the second while the first is still under way: one aanmelding.
    const [accepted, again] = await Promise.all([
      post(executeActivity(connector.url, conversation, submit?.verb ?? '', answers)),
      post(executeActivity(connector.url, conversation, submit?.verb ?? '', answers)),
    ]);
    expect(JSON.stringify(again.body)).toContain('Aanmelding ontvangen');
    expect((await server.ports.trajects.list({ kind: 'all' })).length).toBe(trajectsBefore + 1);
    expect(JSON.stringify(accepted.body)).toContain('Aanmelding ontvangen');
    expect(JSON.stringify(accepted.body)).toContain('Medemblik');
    const submission = server.ports.formSubmissions.submissions.at(-1);
    expect(submission).toMatchObject({ formId: 'aanmelding', surface: 'teams' });
    const traject = await server.ports.trajects.get(submission?.trajectId ?? '', { kind: 'all' });
    expect(traject.status).toBe('aangemeld');
    expect(traject.gemeenten[0]?.name).toBe('Medemblik');
    expect(traject.themes).toEqual(['inwoner-centraal', 'rust-en-regie']);
    // Applying does not link the channel: the VNG team accepts first and then sends a code.
    expect((await server.ports.links.find('teams-conversation', conversation.id))?.trajectId).toBeUndefined();
  });
});

function findInput(node: unknown, id: string): unknown {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findInput(item, id);
      if (found) return found;
    }
    return undefined;
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.id === id && typeof record.type === 'string' && record.type.startsWith('Input.'))
      return record;
    for (const value of Object.values(record)) {
      const found = findInput(value, id);
      if (found) return found;
    }
  }
  return undefined;
}

async function firstOpenItem(): Promise<string> {
  const traject = await server.ports.trajects.get(server.trajectIds.aanZee, { kind: 'all' });
  const done = new Set(traject.checklist.filter((item) => item.done).map((item) => item.itemId));
  const { getBuiltInTemplate } = await import('@visieleren/core');
  const item = getBuiltInTemplate('visieleertraject')
    .phases.flatMap((phase) => phase.checklist)
    .find((candidate) => !done.has(candidate.id));
  if (!item) throw new Error('geen open checklistpunt');
  return item.id;
}
