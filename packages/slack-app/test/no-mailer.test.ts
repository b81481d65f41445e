import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interactionBody, slashCommandBody } from '../src/testing.js';
import { type Harness, startHarness, TEAM_ID } from './support.js';

/** Without SMTP_URL nothing is dropped: the team gets the form links and the invites to send themselves. */
describe('a round without a mailer', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ withMailer: false });
  });
  afterEach(async () => {
    await h.close();
  });

  it('shows the team the form links and, after scheduling, each invite with its .ics', async () => {
    expect(h.context.mailer).toBeUndefined();
    await h.send(
      slashCommandBody({
        text: 'koppel Hoorn',
        teamId: TEAM_ID,
        channelId: 'C0HOORN',
        responseUrl: h.fake.responseUrl(),
      }),
    );
    await h.runJobs();
    await h.send(
      slashCommandBody({
        text: 'duo plan Hoorn',
        teamId: TEAM_ID,
        channelId: 'C0HOORN',
        userId: 'U0LEAD',
        responseUrl: h.fake.responseUrl(),
      }),
    );
    await expect.poll(() => h.fake.views.length).toBe(1);
    const deadline = Math.floor(Date.now() / 1000) + 86_400;
    const values = {
      deelnemers: {
        value: { value: 'Cees Beleid; cees@hoorn.nl; Beleid\nDirk Inwoner; dirk@example.nl; Inwoner' },
      },
      moderatoren: { value: { value: 'Mies Moderator; mies@vng.nl; 2' } },
      tijdvakken: { value: { value: '2027-02-02 09:00-10:00' } },
      deadline: { value: { selected_date_time: deadline } },
    };
    const submit = await h.send(
      interactionBody({
        type: 'view_submission',
        team: { id: TEAM_ID },
        user: { id: 'U0LEAD' },
        trigger_id: 'x.trigger',
        view: { ...h.fake.views[0]!.view, id: 'V1', hash: 'h', state: { values } },
      }),
    );
    expect(submit.status).toBe(200);
    await h.runJobs();
    const channel = () =>
      h.fake.messages('C0HOORN').map((message) => JSON.stringify(message.blocks ?? message.text));
    const manual = channel().find((text) => text.includes('Stuur deze mensen zelf'));
    expect(manual).toContain('cees@hoorn.nl');
    expect(manual).toContain('https://visieleren.test/forms/');

    const [round] = await h.context.duoRounds.listRounds('hoorn-2027');
    await h.context.duoRounds.setAvailability(round!.id, 'cees', ['s1'], 'test');
    await h.context.duoRounds.setAvailability(round!.id, 'dirk', ['s1'], 'test');
    await h.context.duoRounds.setAvailability(round!.id, 'mies', ['s1'], 'test');
    const status = h.fake
      .messages('C0HOORN')
      .find((message) => JSON.stringify(message.blocks).includes('Nu inplannen'))!;
    await h.send(
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM_ID },
        user: { id: 'U0LEAD' },
        trigger_id: 'y.trigger',
        actions: [
          {
            type: 'button',
            action_id: 'round_schedule_now',
            value: round!.id,
            block_id: 'b',
            action_ts: '1',
          },
        ],
      }),
    );
    await h.runJobs();
    const selfSend = h.fake
      .messages('C0HOORN')
      .filter((message) => JSON.stringify(message.blocks ?? '').includes('Zelf versturen'));
    expect(selfSend).toHaveLength(1);
    expect(JSON.stringify(selfSend[0]?.blocks)).toContain('dirk@example.nl');
    const files = h.fake.messages('C0HOORN').flatMap((message) => message.files ?? []);
    expect(files).toHaveLength(1);
    expect(files[0]?.content).toContain('METHOD:REQUEST');
    // Mies is in Slack: her invite came by DM, not in the team's list.
    expect(h.fake.messages('D0MIES').flatMap((message) => message.files ?? [])).toHaveLength(1);
    expect(status).toBeDefined();
  });
});
