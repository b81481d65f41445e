import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interactionBody, slashCommandBody } from '../src/testing.js';
import { type Harness, startHarness, TEAM_ID } from './support.js';

describe('the Bolt receiver over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const command = (text: string, extra: { teamId?: string; triggerId?: string } = {}) =>
    slashCommandBody({
      text,
      teamId: extra.teamId ?? TEAM_ID,
      responseUrl: h.fake.responseUrl(),
      ...(extra.triggerId ? { triggerId: extra.triggerId } : {}),
    });

  it('answers help directly from a request signed with the v0 scheme', async () => {
    const response = await h.send(command('help'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { text: string; response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/visieleren trajecten');
  });

  it('refuses a bad signature and a timestamp more than five minutes off, either way, with 401', async () => {
    const bad = await h.send(command('help'), { secret: 'another-secret-another-secret-xx' });
    expect(bad.status).toBe(401);
    const stale = await h.send(command('help'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    // Ahead of the clock is as stale as behind it: a request dated in the future could be replayed until then.
    const ahead = await h.send(command('help'), { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(ahead.status).toBe(401);
    const justAhead = await h.send(command('help'), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(justAhead.status).toBe(401);
    const garbled = await h.send(command('help'), { timestamp: Number.NaN });
    expect(garbled.status).toBe(401);
    expect(h.fake.calls).toHaveLength(0);
    expect(h.context.ports.jobs.queued).toHaveLength(0);
  });

  it('acknowledges before the work runs: the answer comes from a job after the 200', async () => {
    const response = await h.send(command('trajecten'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    // Acknowledged, the work queued, nothing done yet.
    expect(h.context.ports.jobs.queued.map((job) => job.name)).toEqual(['slack.command']);
    expect(h.fake.responses).toHaveLength(0);
    await h.runJobs();
    expect(h.fake.responses).toHaveLength(1);
    expect(JSON.stringify(h.fake.responses[0]?.body)).toContain('Hoorn');
  });

  it('handles a retried request once, also when the first was already done', async () => {
    const body = command('status Hoorn', { triggerId: '111.222.retried' });
    expect((await h.send(body)).status).toBe(200);
    expect((await h.send(body, { retryNum: 1 })).status).toBe(200);
    expect(h.context.ports.jobs.queued).toHaveLength(1);
    await h.runJobs();
    expect((await h.send(body, { retryNum: 2 })).status).toBe(200);
    // Known as handled at the door: nothing is even queued.
    expect(h.context.ports.jobs.queued).toHaveLength(0);
    await h.runJobs();
    expect(h.fake.responses).toHaveLength(1);
    expect(JSON.stringify(h.fake.responses[0]?.body)).toContain('volgende sessie: Intake');
  });

  it('refuses another workspace politely and does nothing', async () => {
    const response = await h.send(command('trajecten', { teamId: 'T0OTHER' }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { text: string };
    expect(body.text).toMatch(/alleen voor de werkruimte van het visieleerteam/);
    expect(h.context.ports.jobs.queued).toHaveLength(0);
    const click = await h.send(
      interactionBody({
        type: 'block_actions',
        team: { id: 'T0OTHER' },
        user: { id: 'U1' },
        trigger_id: 't',
        actions: [{ action_id: 'round_schedule_now', value: 'x', type: 'button' }],
      }),
    );
    expect(click.status).toBe(200);
    expect(h.context.ports.jobs.queued).toHaveLength(0);
  });

  it('links the channel, makes a Teams code and names a missing gemeente in Dutch', async () => {
    await h.send(
      slashCommandBody({
        text: 'koppel hoorn',
        teamId: TEAM_ID,
        channelId: 'C0HOORN',
        responseUrl: h.fake.responseUrl(),
      }),
    );
    await h.send(command('teams-code Hoorn'));
    const missing = (await (await h.send(command('status'))).json()) as { text: string };
    expect(missing.text).toContain('Noem de gemeente');
    await h.runJobs();
    const link = await h.context.links.find('slack-channel', 'C0HOORN');
    expect(link?.trajectId).toBe('hoorn-2027');
    const texts = h.fake.responses.map((response) => String(response.body.text));
    expect(texts[0]).toContain('Dit kanaal is nu het kanaal van het traject *Hoorn*');
    const code = /\*([A-Z2-9]{8})\*/.exec(texts[1] ?? '')?.[1];
    expect(code).toBeDefined();
    expect(await h.context.linkCodes.redeem(code!, 'teams', 'test')).toEqual({ trajectId: 'hoorn-2027' });
  });

  it('answers an unknown gemeente with a Dutch message, not a crash', async () => {
    await h.send(command('status Atlantis'));
    await h.runJobs();
    expect(String(h.fake.responses[0]?.body.text)).toContain('Geen traject gevonden voor "Atlantis"');
  });

  it('publishes App Home with every traject when the tab is opened (an event acknowledged at once)', async () => {
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM_ID,
      api_app_id: 'A0VISIELEREN',
      event_id: 'Ev0HOME',
      event: { type: 'app_home_opened', user: 'U0LEAD', channel: 'D0LEAD', tab: 'home' },
    });
    const response = await h.send(event, { contentType: 'application/json' });
    expect(response.status).toBe(200);
    await h.send(event, { contentType: 'application/json', retryNum: 1 });
    await h.runJobs();
    const published = h.fake.callsOf('views.publish');
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published[0]?.args)).toContain('Duo-ronde plannen');
  });

  it('opens the plan modal right after the acknowledgement, with a title of at most 24 characters', async () => {
    const response = await h.send(command('duo plan Hoorn'));
    expect(response.status).toBe(200);
    await expect.poll(() => h.fake.views.length).toBe(1);
    const view = h.fake.views[0]!.view as {
      title: { text: string };
      blocks: Array<{ block_id?: string; element?: { initial_value?: string } }>;
    };
    expect([...view.title.text].length).toBeLessThanOrEqual(24);
    const participants = view.blocks.find((block) => block.block_id === 'deelnemers');
    expect(participants?.element?.initial_value).toContain('Anna Bestuur; anna@hoorn.nl; Bestuur');
  });
});
