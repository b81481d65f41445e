import {
  DeliveryOutcomeUnknownError,
  deliveryKeyOf,
  type Notifier,
  type OutgoingReminder,
  RateLimitError,
  RecipientGoneError,
  type ReminderIntent,
} from '@visieleren/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installActivity, messageActivity, removeActivity } from './helpers/activities.js';
import { NOW, type TestServer } from './helpers/bot-server.js';
import type { FakeConnector } from './helpers/fake-connector.js';
import { startTeamsWorld, type TeamsWorld } from './helpers/teams-world.js';

let world: TeamsWorld;
let connector: FakeConnector;
let server: TestServer;
let notifier: Notifier;
let counter = 0;

beforeAll(async () => {
  world = await startTeamsWorld({
    // Short, so the "accepted but no answer" case does not keep the test waiting.
    TEAMS_SEND_TIMEOUT_MS: '400',
    TEAMS_MELDINGEN_EMAIL: 'visieleerteam@vng.example',
  });
  ({ connector, server } = world);
  if (!server.instance.notifier) throw new Error('geen notifier');
  notifier = server.instance.notifier;
  for (const job of server.instance.jobs ?? []) server.ports.jobs.register(job);
});

afterAll(async () => {
  await world?.close();
});

async function post(activity: Record<string, unknown>) {
  expect(await world.post(activity)).toBe(200);
}

/** A channel with the bot installed and linked to the traject, as a gemeente would set it up. */
async function linkedChannel(trajectId: string): Promise<string> {
  counter += 1;
  const conversation = { id: `19:herinnering-${counter}@thread.tacv2`, type: 'channel' as const };
  await post(installActivity(connector.url, conversation));
  const { code } = await server.ports.linkCodes.create(
    { trajectId, purpose: 'teams', ttlMs: 3_600_000 },
    'vng:test',
  );
  await post(messageActivity(connector.url, conversation, `koppel ${code}`));
  return conversation.id;
}

function phaseIntent(trajectId: string, phaseKey = 'luisteren'): ReminderIntent {
  return {
    key: `${trajectId}:fase-start:${phaseKey}`,
    trajectId,
    ruleId: 'fase-start',
    kind: 'phase-start',
    occurrence: phaseKey,
    dueAt: NOW,
    audience: ['ambtelijk-contactpersoon'],
    message: { nl: 'Volgende week begint de fase Luisteren.', en: 'Next week the listening phase starts.' },
    subject: { phaseKey },
  };
}

function reminder(conversationId: string, intent: ReminderIntent, attempt = 1): OutgoingReminder {
  const recipient = { channel: 'teams' as const, address: conversationId, kind: 'conversation' as const };
  return { intent, recipient, deliveryKey: deliveryKeyOf(intent.key, recipient), attempt };
}

const signal = () => new AbortController().signal;

function receivedFor(conversationId: string, deliveryKey: string) {
  return connector.received.filter(
    (item) =>
      item.conversationId === conversationId &&
      (item.activity.channelData as { visieleren?: { deliveryKey?: string } } | undefined)?.visieleren
        ?.deliveryKey === deliveryKey,
  );
}

describe('phase reminders', { timeout: 30_000 }, () => {
  it('sends a Dutch card with what the phase asks, the delivery key in channelData, with a bot token', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    const outgoing = reminder(conversationId, phaseIntent(server.trajectIds.aanZee, 'luisteren'));
    const failures = connector.tokenFailures;
    const receipt = await notifier.deliver(outgoing, signal());
    expect(receipt.externalId).toMatch(/^activity-/);
    const [sent] = receivedFor(conversationId, outgoing.deliveryKey);
    expect(sent?.replyToId).toBeUndefined();
    const text = JSON.stringify(sent?.activity.attachments);
    for (const expected of [
      'Herinnering: Aan Zee (fictief)',
      'Fase Luisteren',
      'Sessies',
      'Checklist',
      'Uren per rol',
    ]) {
      expect(text).toContain(expected);
    }
    expect(connector.tokenFailures).toBe(failures);
    expect(notifier.pacing).toEqual({ perRecipientIntervalMs: 2000, perChannelPerSecond: 50 });
  });

  it('on 403 marks the link inactive, tells the VNG team without personal data, and sends nothing more', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'status', status: 403 });
    const outgoing = reminder(conversationId, phaseIntent(server.trajectIds.aanZee));
    await expect(notifier.deliver(outgoing, signal())).rejects.toBeInstanceOf(RecipientGoneError);
    const link = await server.ports.links.find('teams-conversation', conversationId);
    expect(link?.payload.active).toBe(false);
    expect(server.ports.audit.entries.at(-1)).toMatchObject({
      action: 'teams.conversation.inactive',
      trajectId: server.trajectIds.aanZee,
    });
    const warning = server.logs.filter((line) => line.level === 'warn').at(-1);
    expect(warning?.message).toContain('niet meer bereikbaar');
    expect(JSON.stringify(warning)).not.toContain(conversationId);
    const requests = connector.requests;
    await expect(notifier.deliver(outgoing, signal())).rejects.toBeInstanceOf(RecipientGoneError);
    expect(connector.requests).toBe(requests);
    // One e-mail to the VNG team, however often the outbox tries again.
    const mailsBefore = server.ports.mailer.sent.length;
    await server.ports.jobs.runAll();
    const mails = server.ports.mailer.sent.slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: 'visieleerteam@vng.example',
      subject: 'Teams: Visieleren bereikt Aan Zee (fictief) niet meer',
    });
    expect(mails[0]?.text).toContain(`visieleren teams code --traject ${server.trajectIds.aanZee}`);
    expect(mails[0]?.text).not.toContain(conversationId);
    // Installing the bot again makes the conversation reachable again.
    await post(installActivity(connector.url, { id: conversationId, type: 'channel' }));
    expect((await server.ports.links.find('teams-conversation', conversationId))?.payload.active).toBe(true);
    // Out of reach a second time: a second notice.
    connector.inject(conversationId, { kind: 'status', status: 403 });
    await expect(
      notifier.deliver(
        reminder(conversationId, phaseIntent(server.trajectIds.aanZee, 'verbeelden')),
        signal(),
      ),
    ).rejects.toBeInstanceOf(RecipientGoneError);
    await server.ports.jobs.runAll();
    expect(server.ports.mailer.sent.length).toBe(mailsBefore + 2);
  });

  it('when the gemeente removes the bot, the link goes inactive and the VNG team hears it once', async () => {
    const conversationId = await linkedChannel(server.trajectIds.other);
    const mailsBefore = server.ports.mailer.sent.length;
    await post(removeActivity(connector.url, { id: conversationId, type: 'channel' }));
    await post(removeActivity(connector.url, { id: conversationId, type: 'channel' }));
    expect((await server.ports.links.find('teams-conversation', conversationId))?.payload.active).toBe(false);
    await server.ports.jobs.runAll();
    const mails = server.ports.mailer.sent.slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('de bot is uit het gesprek verwijderd');
  });

  it('when the bot leaves a whole team, every linked channel of it goes inactive and the VNG team hears it once', async () => {
    counter += 1;
    const general = `19:algemeen-${counter}@thread.tacv2`;
    const channels = [`19:project-${counter}@thread.tacv2`, `19:stuurgroep-${counter}@thread.tacv2`];
    for (const id of channels) {
      const conversation = { id, type: 'channel' as const, teamId: general };
      await post(installActivity(connector.url, conversation));
      const { code } = await server.ports.linkCodes.create(
        { trajectId: server.trajectIds.aanZee, purpose: 'teams', ttlMs: 3_600_000 },
        'vng:test',
      );
      await post(messageActivity(connector.url, conversation, `koppel ${code}`));
    }
    const mailsBefore = server.ports.mailer.sent.length;
    // Teams tells the bot in the team's General channel, which was never linked itself.
    await post(removeActivity(connector.url, { id: general, type: 'channel', teamId: general }));
    for (const id of channels) {
      const link = await server.ports.links.find('teams-conversation', id);
      expect({ id, active: link?.payload.active }).toEqual({ id, active: false });
    }
    await server.ports.jobs.runAll();
    expect(server.ports.mailer.sent.slice(mailsBefore)).toHaveLength(1);
    const requests = connector.requests;
    await expect(
      notifier.deliver(reminder(channels[1] ?? '', phaseIntent(server.trajectIds.aanZee)), signal()),
    ).rejects.toBeInstanceOf(RecipientGoneError);
    expect(connector.requests).toBe(requests);
  });

  it('on 404 (channel deleted) the recipient is gone: inactive, not retried', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'status', status: 404 });
    const outgoing = reminder(conversationId, phaseIntent(server.trajectIds.aanZee));
    const error = await notifier.deliver(outgoing, signal()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecipientGoneError);
    expect((error as Error).message).toContain('404');
    const link = await server.ports.links.find('teams-conversation', conversationId);
    expect(link?.payload.active).toBe(false);
    expect(link?.payload.inactiveReason).toContain('bestaat niet meer');
  });

  it('a reminder speaks the language of the conversation, whoever writes in it', async () => {
    counter += 1;
    const conversation = {
      id: `19:english-${counter}@thread.tacv2`,
      type: 'channel' as const,
      locale: 'en-US',
    };
    await post(installActivity(connector.url, conversation));
    const { code } = await server.ports.linkCodes.create(
      { trajectId: server.trajectIds.aanZee, purpose: 'teams', ttlMs: 3_600_000 },
      'vng:test',
    );
    // Someone with a Dutch client links it: the conversation stays English.
    await post(messageActivity(connector.url, { ...conversation, locale: 'nl-NL' }, `koppel ${code}`));
    await notifier.deliver(reminder(conversation.id, phaseIntent(server.trajectIds.aanZee)), signal());
    const sent = connector.received.filter((item) => item.conversationId === conversation.id);
    const texts = sent.map((item) => JSON.stringify(item.activity));
    expect(texts[0]).toContain('Welcome to Visieleren');
    expect(texts[1]).toContain('This conversation is now linked');
    expect(texts.at(-1)).toContain('Reminder: Aan Zee');
    expect(texts.at(-1)).toContain('View traject');
    expect(texts.join('')).not.toMatch(/Herinnering|Welkom|Gekoppeld/);
  });

  it('on 429 throws RateLimitError with Retry-After and makes exactly one request', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'status', status: 429, retryAfter: '7' });
    const requests = connector.requests;
    const error = await notifier
      .deliver(reminder(conversationId, phaseIntent(server.trajectIds.aanZee)), signal())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
    expect(connector.requests).toBe(requests + 1);
  });

  it('on 5xx throws a plain (retryable) error after exactly one request', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'status', status: 503 });
    const requests = connector.requests;
    const error = await notifier
      .deliver(reminder(conversationId, phaseIntent(server.trajectIds.aanZee)), signal())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error).not.toBeInstanceOf(RecipientGoneError);
    expect(error).not.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(connector.requests).toBe(requests + 1);
  });

  it('a send that landed but got no answer is DeliveryOutcomeUnknownError, never retried by the SDK', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'accept-and-hang' });
    const outgoing = reminder(conversationId, phaseIntent(server.trajectIds.aanZee));
    await expect(notifier.deliver(outgoing, signal())).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
    expect(receivedFor(conversationId, outgoing.deliveryKey)).toHaveLength(1);
  });

  it('an abort from the dispatcher while the request is out is an unknown outcome too', async () => {
    const conversationId = await linkedChannel(server.trajectIds.aanZee);
    connector.inject(conversationId, { kind: 'accept-and-hang' });
    const controller = new AbortController();
    const delivery = notifier.deliver(
      reminder(conversationId, phaseIntent(server.trajectIds.aanZee)),
      controller.signal,
    );
    setTimeout(() => controller.abort(), 50);
    await expect(delivery).rejects.toBeInstanceOf(DeliveryOutcomeUnknownError);
  });

  it('never posts one traject reminder into a conversation linked to another traject', async () => {
    const conversationId = await linkedChannel(server.trajectIds.other);
    const requests = connector.requests;
    await expect(
      notifier.deliver(reminder(conversationId, phaseIntent(server.trajectIds.aanZee)), signal()),
    ).rejects.toBeInstanceOf(RecipientGoneError);
    expect(connector.requests).toBe(requests);
  });

  it('through 429s, 5xx and 403s, as the outbox retries: every reminder lands once or is marked, none twice', async () => {
    const conversations: string[] = [];
    for (let index = 0; index < 6; index += 1)
      conversations.push(await linkedChannel(server.trajectIds.aanZee));
    const [gone, throttled, failing] = conversations;
    connector.inject(gone ?? '', { kind: 'status', status: 403 });
    connector.inject(throttled ?? '', { kind: 'status', status: 429, retryAfter: '0' });
    connector.inject(failing ?? '', { kind: 'status', status: 502 });
    connector.inject(failing ?? '', { kind: 'status', status: 500 });
    const intent = phaseIntent(server.trajectIds.aanZee, 'ontwerpen');
    const outcomes = await Promise.all(
      conversations.map(async (conversationId) => {
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          try {
            await notifier.deliver(reminder(conversationId, intent, attempt), signal());
            return 'sent';
          } catch (error) {
            if (error instanceof RecipientGoneError) return 'gone';
            if (error instanceof DeliveryOutcomeUnknownError) return 'ambiguous';
          }
        }
        return 'failed';
      }),
    );
    expect(outcomes).toEqual(['gone', 'sent', 'sent', 'sent', 'sent', 'sent']);
    for (const conversationId of conversations) {
      const key = deliveryKeyOf(intent.key, { channel: 'teams', address: conversationId });
      expect(receivedFor(conversationId, key)).toHaveLength(conversationId === gone ? 0 : 1);
    }
  });
});
