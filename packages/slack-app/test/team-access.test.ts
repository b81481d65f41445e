import { createManualClock } from '@visieleren/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hoornTraject, interactionBody, slashCommandBody } from '../src/testing.js';
import { type Harness, startHarness, TEAM_ID } from './support.js';

/** A guest of the workspace (a gemeente's civil servant invited to one channel) and a colleague outside the group. */
const GUEST = { 'gast@hoorn.nl': { id: 'U0GAST', name: 'Gerda Gast', guest: 'restricted' as const } };

describe('who may plan, move, cancel and link', () => {
  let h: Harness;
  const clock = createManualClock('2027-01-20T09:00:00Z');
  afterEach(async () => {
    await h.close();
  });

  const command = async (userId: string, text: string) => {
    const responseUrl = h.fake.responseUrl();
    await h.send(slashCommandBody({ text, teamId: TEAM_ID, userId, channelId: 'C0TEAM', responseUrl }));
    await h.context.ports.jobs.runAll();
    const id = responseUrl.split('/').pop();
    return () => h.fake.responses.filter((entry) => entry.id === id).map((entry) => String(entry.body.text));
  };

  /** The person opens App Home; the app publishes it from a job. */
  const openHome = async (userId: string, eventId: string) => {
    await h.send(
      JSON.stringify({
        type: 'event_callback',
        team_id: TEAM_ID,
        event_id: eventId,
        event: { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home' },
      }),
      { contentType: 'application/json' },
    );
    await expect.poll(() => h.context.ports.jobs.queued.length).toBe(1);
    await h.runJobs();
  };

  it('refuses guests: no plan modal, no linked channel, no "Nu inplannen", App Home without links', async () => {
    h = await startHarness({ clock, users: GUEST });
    const plan = await command('U0GAST', 'duo plan Hoorn');
    await expect
      .poll(plan)
      .toEqual([expect.stringContaining('Gasten in deze werkruimte kunnen geen duo-rondes')]);
    expect(h.fake.views).toEqual([]);
    const link = await command('U0GAST', 'koppel Hoorn');
    await expect.poll(link).toEqual([expect.stringContaining('Gasten')]);
    expect(await h.context.links.find('slack-channel', 'C0TEAM')).toBeUndefined();

    const roundId = await h.slack.flow.create(
      {
        trajectId: 'hoorn-2027',
        channelId: 'C0TEAM',
        participants: [{ id: 'anna', name: 'Anna Bestuur', email: 'anna@hoorn.nl', perspective: 'bestuur' }],
        moderators: [{ id: 'mies', name: 'Mies Moderator', email: 'mies@vng.nl', maxInterviews: 1 }],
        round: {
          slots: [{ id: 's1', start: '2027-02-02T09:00', end: '2027-02-02T10:00' }],
          participants: [{ id: 'anna', name: 'Anna Bestuur', perspective: 'bestuur', available: [] }],
          moderators: [{ id: 'mies', name: 'Mies Moderator', available: [], maxInterviews: 1 }],
          rules: { interviewsPerParticipant: 1, bufferMinutes: 15 },
        },
        deadline: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      },
      'U0LEAD',
      'create-1',
    );
    await h.runJobs();
    const status = h.fake.messages('C0TEAM')[0]!;
    const button = JSON.stringify(status.blocks).match(
      /"value":"([^"]+)","action_id":"round_schedule_now"/,
    )?.[1];
    await h.send(
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM_ID },
        user: { id: 'U0GAST', team_id: TEAM_ID },
        trigger_id: 't.1',
        channel: { id: 'C0TEAM' },
        actions: [
          { type: 'button', action_id: 'round_schedule_now', value: button ?? roundId, block_id: 'b' },
        ],
      }),
    );
    const [run] = await h.context.ports.jobs.runAll();
    // Refused at once (an AuthError is not retried), and the guest hears why.
    expect(run).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await h.context.duoRounds.get(roundId)).state).toBe('beschikbaarheid');
    expect(String(h.fake.messages('D0GAST').at(-1)?.text)).toContain('Gasten in deze werkruimte');

    await openHome('U0GAST', 'Ev0GASTHOME');
    const home = JSON.stringify(h.fake.callsOf('views.publish').at(-1)?.args);
    expect(home).toContain('Hoorn');
    expect(home).not.toContain('/traject/');
    expect(home).not.toContain('home_plan_round');
  });

  it('limits planning to SLACK_VNG_USERGROUP when it is set', async () => {
    h = await startHarness({
      clock,
      usergroups: { S0VNG: ['U0LEAD'] },
      env: { SLACK_VNG_USERGROUP: 'S0VNG' },
    });
    const outside = await command('U0MIES', 'duo plan Hoorn');
    await expect.poll(outside).toEqual([expect.stringContaining('Alleen het visieleerteam van de VNG')]);
    expect(h.fake.views).toEqual([]);
    await command('U0LEAD', 'duo plan Hoorn');
    await expect.poll(() => h.fake.views.length).toBe(1);
  });

  it('gives the team App Home links of 8 hours at most, and no round to plan on a finished traject', async () => {
    h = await startHarness({
      clock,
      trajects: [
        hoornTraject(),
        hoornTraject({ id: 'edam-2026', gemeenten: [{ name: 'Edam' }], status: 'afgerond' }),
      ],
    });
    await openHome('U0LEAD', 'Ev0LEADHOME');
    const view = h.fake.callsOf('views.publish').at(-1)?.args.view as {
      blocks: Array<Record<string, unknown>>;
    };
    const actions = view.blocks.filter((block) => block.type === 'actions') as Array<{
      block_id: string;
      elements: Array<{ action_id: string; url?: string }>;
    }>;
    const of = (id: string) => actions.find((block) => block.block_id === `traject:${id}`)!.elements;
    expect(of('hoorn-2027').map((element) => element.action_id)).toEqual([
      'home_open_traject',
      'home_plan_round',
    ]);
    expect(of('edam-2026').map((element) => element.action_id)).toEqual(['home_open_traject']);
    for (const element of [...of('hoorn-2027'), ...of('edam-2026')].filter((element) => element.url)) {
      const token = element.url!.split('/traject/')[1]!;
      const claims = JSON.parse(Buffer.from(token.slice(5), 'base64url').toString('utf8')) as {
        expiresAt: number;
      };
      expect(claims.expiresAt - clock.now().getTime()).toBeLessThanOrEqual(8 * 3600_000);
    }
  });
});
