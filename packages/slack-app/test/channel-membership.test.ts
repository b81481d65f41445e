import { createManualClock } from '@visieleren/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommandBody } from '../src/testing.js';
import { type Harness, startHarness, TEAM_ID } from './support.js';

/** A channel nobody invited the app to: C0NEW. */
const CHANNEL = 'C0NEW';

describe('a channel the bot is not in', () => {
  let h: Harness;
  const clock = createManualClock('2027-01-20T09:00:00Z');
  beforeEach(async () => {
    clock.set('2027-01-20T09:00:00Z');
    h = await startHarness({ clock, botNotIn: [CHANNEL] });
  });
  afterEach(async () => {
    await h.close();
  });

  const command = async (text: string) => {
    const responseUrl = h.fake.responseUrl();
    const response = await h.send(
      slashCommandBody({ text, teamId: TEAM_ID, userId: 'U0LEAD', channelId: CHANNEL, responseUrl }),
    );
    expect(response.status).toBe(200);
    await h.runJobs();
    const id = responseUrl.split('/').pop();
    return () => h.fake.responses.filter((entry) => entry.id === id).map((entry) => String(entry.body.text));
  };

  it('koppel says how to invite the app and links nothing until it is there', async () => {
    const answers = await command('koppel Hoorn');
    expect(answers()).toEqual([expect.stringContaining('Typ `/invite @Visieleren` en daarna opnieuw')]);
    expect(await h.context.links.find('slack-channel', CHANNEL)).toBeUndefined();
    h.fake.inviteBot(CHANNEL);
    const again = await command('koppel Hoorn');
    expect(again()).toEqual([expect.stringContaining('Dit kanaal is nu het kanaal van het traject')]);
    expect((await h.context.links.find('slack-channel', CHANNEL))?.trajectId).toBe('hoorn-2027');
  });

  it('duo plan opens the modal and says how to invite the app', async () => {
    const answers = await command('duo plan Hoorn');
    await expect.poll(() => h.fake.views.length).toBe(1);
    await expect.poll(answers).toEqual([expect.stringContaining('Typ `/invite @Visieleren`')]);
  });

  it('a round there tells the planner, sends every invite anyway, and posts once the bot is invited', async () => {
    const roundId = await h.slack.flow.create(
      {
        trajectId: 'hoorn-2027',
        channelId: CHANNEL,
        participants: [
          { id: 'anna', name: 'Anna Bestuur', email: 'anna@hoorn.nl', perspective: 'bestuur' },
          { id: 'cees', name: 'Cees Beleid', email: 'cees@hoorn.nl', perspective: 'beleid' },
        ],
        moderators: [{ id: 'mies', name: 'Mies Moderator', email: 'mies@vng.nl', maxInterviews: 2 }],
        round: {
          slots: [{ id: 's1', start: '2027-02-02T09:00', end: '2027-02-02T10:00' }],
          participants: [
            { id: 'anna', name: 'Anna Bestuur', perspective: 'bestuur', available: [] },
            { id: 'cees', name: 'Cees Beleid', perspective: 'beleid', available: [] },
          ],
          moderators: [{ id: 'mies', name: 'Mies Moderator', available: [], maxInterviews: 2 }],
          rules: { interviewsPerParticipant: 1, bufferMinutes: 15 },
        },
        deadline: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      },
      'U0LEAD',
      'create-1',
    );
    await h.runJobs();
    // The status could not be posted: the planner hears why and what to do, once.
    const toPlanner = () => h.fake.messages('D0LEAD').map((message) => String(message.text));
    expect(toPlanner()).toEqual([expect.stringContaining('`/invite @Visieleren`')]);
    expect(h.fake.messages(CHANNEL)).toEqual([]);

    for (const id of ['anna', 'cees', 'mies'])
      await h.context.duoRounds.setAvailability(roundId, id, ['s1'], 'test');
    await h.slack.flow.schedule(roundId, 'now');
    await h.runJobs();
    // Invites do not depend on the channel: all three have their meeting request.
    const invites = () =>
      h.context.ports.mailer.sent
        .filter((mail) => mail.subject.startsWith('Uitnodiging'))
        .map((mail) => mail.to);
    expect(invites().sort()).toEqual(['anna@hoorn.nl', 'cees@hoorn.nl', 'mies@vng.nl']);
    expect(toPlanner()).toHaveLength(1);

    // Someone types /invite @Visieleren: Slack sends member_joined_channel for the bot.
    h.fake.inviteBot(CHANNEL);
    const joined = JSON.stringify({
      type: 'event_callback',
      team_id: TEAM_ID,
      api_app_id: 'A0VISIELEREN',
      event_id: 'Ev0JOIN',
      event: {
        type: 'member_joined_channel',
        user: 'UBOT',
        channel: CHANNEL,
        channel_type: 'C',
        team: TEAM_ID,
      },
    });
    expect((await h.send(joined, { contentType: 'application/json' })).status).toBe(200);
    // The event is acknowledged first; its job is queued once the app knows its own user id (auth.test).
    await expect.poll(() => h.context.ports.jobs.queued.map((job) => job.name)).toEqual(['slack.duo.resume']);
    await h.runJobs();
    const posted = JSON.stringify(h.fake.messages(CHANNEL).map((message) => message.blocks));
    expect(posted).toContain('Duo-ronde 1');
    expect(posted).toContain('Rooster duo-interviews');
    // Still one invite each.
    expect(invites()).toHaveLength(3);
  });
});
