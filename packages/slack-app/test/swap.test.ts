import { createManualClock } from '@visieleren/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interactionBody } from '../src/testing.js';
import { type Harness, startHarness, TEAM_ID } from './support.js';

describe('swapping two interviews in the move modal', () => {
  let h: Harness;
  let roundId = '';
  const clock = createManualClock('2027-01-20T09:00:00Z');
  beforeEach(async () => {
    clock.set('2027-01-20T09:00:00Z');
    h = await startHarness({ clock });
  });

  /** A scheduled round of two interviews on s1 and s2; `only` limits one person to one slot. */
  async function plan(only: Record<string, string[]> = {}) {
    const person = (
      id: string,
      name: string,
      email: string,
      perspective: 'bestuur' | 'uitvoering' | 'beleid' | 'inwoner',
    ) => ({ id, name, email, perspective });
    roundId = await h.slack.flow.create(
      {
        trajectId: 'hoorn-2027',
        channelId: 'C0TEAM',
        participants: [
          person('anna', 'Anna Bestuur', 'anna@hoorn.nl', 'bestuur'),
          person('bram', 'Bram Uitvoering', 'bram@hoorn.nl', 'uitvoering'),
          person('cees', 'Cees Beleid', 'cees@hoorn.nl', 'beleid'),
          person('dirk', 'Dirk Inwoner', 'dirk@example.nl', 'inwoner'),
        ],
        moderators: [{ id: 'mies', name: 'Mies Moderator', email: 'mies@vng.nl', maxInterviews: 4 }],
        round: {
          slots: [
            { id: 's1', start: '2027-02-02T09:00', end: '2027-02-02T10:00' },
            { id: 's2', start: '2027-02-02T11:00', end: '2027-02-02T12:00' },
          ],
          participants: [
            { id: 'anna', name: 'Anna Bestuur', perspective: 'bestuur', available: [] },
            { id: 'bram', name: 'Bram Uitvoering', perspective: 'uitvoering', available: [] },
            { id: 'cees', name: 'Cees Beleid', perspective: 'beleid', available: [] },
            { id: 'dirk', name: 'Dirk Inwoner', perspective: 'inwoner', available: [] },
          ],
          moderators: [{ id: 'mies', name: 'Mies Moderator', available: [], maxInterviews: 4 }],
          rules: { interviewsPerParticipant: 1, bufferMinutes: 15 },
        },
        deadline: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      },
      'U0LEAD',
      'create-1',
    );
    await h.runJobs();
    for (const id of ['anna', 'bram', 'cees', 'dirk', 'mies']) {
      await h.context.duoRounds.setAvailability(roundId, id, only[id] ?? ['s1', 's2'], 'test');
    }
    await h.slack.flow.schedule(roundId, 'now');
    await h.runJobs();
  }
  afterEach(async () => {
    await h.close();
  });

  it('exchanges the slots, checks the hard rules first, and sends both interviews an update once', async () => {
    await plan();
    const before = (await h.context.duoRounds.get(roundId)).schedule!.interviews.map(
      (interview) => interview.slot,
    );
    expect([...before].sort()).toEqual(['s1', 's2']);
    await h.send(
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM_ID },
        user: { id: 'U0LEAD' },
        trigger_id: 'open.trigger',
        channel: { id: 'C0TEAM' },
        actions: [
          {
            type: 'button',
            action_id: 'interview_move',
            value: JSON.stringify({ r: roundId, i: 0 }),
            block_id: 'b',
            action_ts: '1',
          },
        ],
      }),
    );
    await expect.poll(() => h.fake.views.length).toBe(1);
    const view = h.fake.views[0]!.view;
    expect(JSON.stringify(view)).toContain('wissel:1');
    const submit = await h.send(
      interactionBody({
        type: 'view_submission',
        team: { id: TEAM_ID },
        user: { id: 'U0LEAD' },
        trigger_id: 'submit.trigger',
        view: {
          ...view,
          id: 'V9',
          hash: 'h',
          state: {
            values: { tijdvak: { value: { type: 'static_select', selected_option: { value: 'wissel:1' } } } },
          },
        },
      }),
    );
    expect(submit.status).toBe(200);
    await h.runJobs();
    const after = (await h.context.duoRounds.get(roundId)).schedule!.interviews.map(
      (interview) => interview.slot,
    );
    expect(after).toEqual([before[1], before[0]]);
    const updates = h.context.ports.mailer.sent.filter((mail) => mail.subject.startsWith('Verplaatst'));
    // Everyone with an e-mail address gets the meeting update by e-mail, Slack users too (Mies moderates both).
    expect(updates.map((mail) => mail.to).sort()).toEqual([
      'anna@hoorn.nl',
      'bram@hoorn.nl',
      'cees@hoorn.nl',
      'dirk@example.nl',
      'mies@vng.nl',
      'mies@vng.nl',
    ]);
    for (const mail of updates) {
      expect(mail.calendar).toMatchObject({ method: 'REQUEST' });
      expect(mail.calendar?.content).toContain('SEQUENCE:1');
    }

    // The same swap again (a retried job) changes nothing and sends nothing.
    const sent = h.context.ports.mailer.sent.length;
    const messages = h.fake.allMessages().length;
    await h.slack.flow.swap({
      roundId,
      first: 0,
      second: 1,
      userId: 'U0LEAD',
      requestKey: h.context.ports.jobs.runs.find((run) => run.job.name === 'slack.duo.swap')!.job.data
        .requestKey as string,
    });
    expect(
      (await h.context.duoRounds.get(roundId)).schedule!.interviews.map((interview) => interview.slot),
    ).toEqual(after);
    expect(h.context.ports.mailer.sent.length).toBe(sent);
    expect(h.fake.allMessages().length).toBe(messages);
  });

  it('shows a click on "Annuleren" in its message at once; the cancel itself runs as a job', async () => {
    await plan();
    const schedule = h.fake
      .messages('C0TEAM')
      .find((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'))!;
    const button = (
      schedule.blocks as Array<{ block_id?: string; elements?: Array<{ action_id: string; value: string }> }>
    )
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === 'interview_cancel')!;
    await h.send(
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM_ID },
        user: { id: 'U0LEAD' },
        trigger_id: 'cancel.trigger',
        channel: { id: 'C0TEAM' },
        message: { ts: schedule.ts, text: schedule.text, blocks: schedule.blocks },
        actions: [
          {
            type: 'button',
            action_id: 'interview_cancel',
            value: button.value,
            block_id: 'b',
            action_ts: '1',
          },
        ],
      }),
    );
    // Before any job ran: the clicked row says what is happening, the rest of the message is unchanged.
    await expect.poll(() => JSON.stringify(schedule.blocks)).toContain('Wordt geannuleerd door <@U0LEAD>');
    expect((await h.context.duoRounds.get(roundId)).schedule!.interviews[0]?.cancelled).toBeFalsy();
    await h.runJobs();
    expect((await h.context.duoRounds.get(roundId)).schedule!.interviews[0]?.cancelled).toBe(true);
    expect(JSON.stringify(schedule.blocks)).toContain('(geannuleerd)');
  });

  it('refuses a swap someone cannot make, naming who, and a swap with itself', async () => {
    await plan({ anna: ['s1'] });
    const interviews = (await h.context.duoRounds.get(roundId)).schedule!.interviews;
    const withAnna = interviews.findIndex((interview) => interview.participants.includes('anna'));
    expect(interviews[withAnna]?.slot).toBe('s1');
    const problems = await h.slack.flow.checkSwap(roundId, withAnna, 1 - withAnna);
    expect(problems).toEqual([
      `Interview ${withAnna + 1}: Anna Bestuur heeft niet aangegeven op dit tijdvak te kunnen.`,
    ]);
    expect(await h.slack.flow.checkSwap(roundId, 0, 0)).toEqual([
      'Kies een ander interview om mee te wisselen.',
    ]);
  });

  it('reminds the three people the day before, once, and not for a cancelled interview', async () => {
    await plan();
    const reminders = () => ({
      mails: h.context.ports.mailer.sent
        .filter((mail) => mail.subject.startsWith('Herinnering'))
        .map((mail) => mail.to),
      dms: h.fake
        .allMessages()
        .filter((message) => message.metadata?.event_type === 'visieleren_reminder')
        .map((message) => message.channel),
    });
    // Queued with the invites; a queue that runs it early sends nothing.
    expect(h.context.ports.jobs.runs.filter((run) => run.job.name === 'slack.duo.reminder')).toHaveLength(2);
    expect(reminders()).toEqual({ mails: [], dms: [] });

    const interviews = (await h.context.duoRounds.get(roundId)).schedule!.interviews;
    await h.slack.flow.cancel({ roundId, index: 1, userId: 'U0LEAD', requestKey: 'cancel-1' });
    clock.set('2027-02-01T09:30:00Z'); // the day before, 10:30 in Amsterdam
    for (const index of [0, 1])
      await h.context.jobs.enqueue('slack.duo.reminder', { roundId, index, sequence: 0 });
    await h.runJobs();
    await h.context.jobs.enqueue('slack.duo.reminder', { roundId, index: 0, sequence: 0 });
    await h.runJobs();
    const people = [...interviews[0]!.participants, interviews[0]!.moderator];
    const email: Record<string, string> = { cees: 'cees@hoorn.nl', dirk: 'dirk@example.nl' };
    const dm: Record<string, string> = { anna: 'D0ANNA', bram: 'D0BRAM', mies: 'D0MIES' };
    expect(reminders().mails.sort()).toEqual(people.flatMap((id) => (email[id] ? [email[id]] : [])).sort());
    expect(reminders().dms.sort()).toEqual(people.flatMap((id) => (dm[id] ? [dm[id]] : [])).sort());
  });
});
