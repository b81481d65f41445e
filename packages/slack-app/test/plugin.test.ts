import { createMemoryPorts, createTestPluginContext } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUND_LINK_KIND, SLACK_ROUTE_PATH, slackPlugin } from '../src/index.js';
import { type FakeSlack, startFakeSlack } from '../src/testing.js';
import { hoorn, SLACK_USERS, TEAM_ID } from './support.js';

describe('slackPlugin', () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.stop();
  });

  it('is off without its settings and says which are missing, in Dutch', () => {
    expect(slackPlugin.activation({})).toEqual({
      enabled: false,
      reason: expect.stringContaining('SLACK_SIGNING_SECRET'),
    });
    expect(slackPlugin.activation({ SLACK_SIGNING_SECRET: 'x', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual({
      enabled: false,
      reason: 'uit: zet ook SLACK_TEAM_ID',
    });
    expect(
      slackPlugin.activation({ SLACK_SIGNING_SECRET: 'x', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_TEAM_ID: TEAM_ID })
        .enabled,
    ).toBe(true);
    expect(slackPlugin.settings.filter((setting) => setting.secret).map((setting) => setting.name)).toEqual([
      'SLACK_SIGNING_SECRET',
      'SLACK_BOT_TOKEN',
    ]);
  });

  it('refuses to start with a bad workspace id or API address, naming the variable and not its value', async () => {
    const context = createTestPluginContext({
      env: { SLACK_SIGNING_SECRET: 'geheim-geheim', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_TEAM_ID: 'vng' },
    });
    await expect(slackPlugin.start(context)).rejects.toThrow(/SLACK_TEAM_ID is geen werkruimte-id/);
    const badUrl = createTestPluginContext({
      env: {
        SLACK_SIGNING_SECRET: 'geheim-geheim',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_TEAM_ID: TEAM_ID,
        SLACK_API_URL: 'ftp://x',
      },
    });
    await expect(slackPlugin.start(badUrl)).rejects.toThrow(/SLACK_API_URL/);
  });

  it('starts with a route, a notifier on channel slack, its jobs, and forgets a person everywhere it kept them', async () => {
    fake = await startFakeSlack({ teamId: TEAM_ID, users: SLACK_USERS });
    const ports = createMemoryPorts({ trajects: [hoorn()] });
    const context = createTestPluginContext({
      ports,
      env: {
        SLACK_SIGNING_SECRET: 'geheim-geheim',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_TEAM_ID: TEAM_ID,
        SLACK_API_URL: fake.apiUrl,
      },
    });
    const instance = await slackPlugin.start(context);
    expect(instance.routes?.map((route) => route.path)).toEqual([SLACK_ROUTE_PATH]);
    expect(instance.notifier?.channel).toBe('slack');
    expect(instance.jobs?.map((job) => job.name)).toContain('slack.duo.schedule');
    expect(instance.describe?.().join('\n')).not.toContain('xoxb');

    await context.links.link(
      { kind: 'slack-user', externalId: 'U0ANNA', participantKey: 'anna@hoorn.nl', payload: {} },
      'test',
    );
    await context.links.link(
      {
        kind: ROUND_LINK_KIND,
        externalId: 'round-1',
        trajectId: 'hoorn-2027',
        payload: {
          trajectId: 'hoorn-2027',
          teamChannel: 'C0TEAM',
          organizer: { name: 'Lotte', email: 'lead@vng.nl' },
          people: {
            anna: { name: 'Anna Bestuur', email: 'anna@hoorn.nl', role: 'deelnemer', slackUserId: 'U0ANNA' },
          },
          sent: {},
          availabilityMessages: { anna: { channel: 'D0ANNA', ts: '1.1' } },
          sequences: {},
          changes: {},
        },
      },
      'test',
    );
    expect(await instance.forget?.('anna@hoorn.nl', 'avg-verzoek')).toEqual({ removed: 2 });
    expect(await context.links.find('slack-user', 'U0ANNA')).toBeUndefined();
    const book = await context.links.find(ROUND_LINK_KIND, 'round-1');
    expect(JSON.stringify(book?.payload)).not.toContain('anna@hoorn.nl');
    expect(JSON.stringify(book?.payload)).not.toContain('U0ANNA');
  });
});
