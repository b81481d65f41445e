import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normaliseEmail, type PluginContext } from '@visieleren/core';
import { createMemoryPorts, createTestPluginContext } from '@visieleren/core/testing';
import { availabilityForm, signFormToken } from '@visieleren/forms';
import {
  createSlackApp,
  readSlackConfig,
  SLACK_EVENTS_PATH,
  SLACK_ROUTE_PATH,
  type SlackApp,
} from '@visieleren/slack-app';
import {
  type FakeMessage,
  type FakeSlack,
  hoornTraject,
  interactionBody,
  SLACK_TEST_USERS,
  signSlackRequest,
  slashCommandBody,
  startFakeSlack,
} from '@visieleren/slack-app/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormsRouter } from '../src/http/forms-routes.js';
import { createSmtpMailer } from '../src/mail/smtp-mailer.js';
import { calendarOf, type Mailbox, type ReceivedMail, startMailbox } from './helpers/mailbox.js';

/**
 * A whole duo-interview round through the Slack app, over HTTP everywhere: signed Slack requests into Bolt,
 * a fake Slack Web API, the real beschikbaarheid form behind its signed link, and e-mail through the real SMTP
 * mailer into a local SMTP server. Create → availability (DM buttons and the form) → schedule → invites →
 * move → cancel; every .ics is parsed by ical.js.
 */

const TEAM = 'T0VNG';
const SECRET = 'slack-signing-secret-for-the-round-test';
const FORMS_SECRET = 'forms-secret-for-the-round-test-0123456789';

describe('a duo-interview round end to end through Slack, the form and SMTP', () => {
  let fake: FakeSlack;
  let slack: SlackApp;
  let context: PluginContext & { ports: ReturnType<typeof createMemoryPorts> };
  let server: Server;
  let mailbox: Mailbox;
  let base = '';
  let mails: ReceivedMail[] = [];

  beforeAll(async () => {
    mailbox = await startMailbox();
    mails = mailbox.mails;
    fake = await startFakeSlack({ teamId: TEAM, users: SLACK_TEST_USERS });
    const app = express();
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ports = createMemoryPorts({ trajects: [hoornTraject()] });
    const env = {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-round',
      SLACK_TEAM_ID: TEAM,
      SLACK_API_URL: fake.apiUrl,
    };
    context = createTestPluginContext({
      ports,
      env,
      publicUrl: base,
      mailer: createSmtpMailer({
        url: mailbox.url,
        from: 'Visieleren <visieleren@vng.nl>',
      }),
      // The server's real form links (forms package tokens), so the real form route can open them.
      signLink: (link) =>
        `${base}/forms/${signFormToken(
          {
            formId: link.formId ?? '',
            trajectId: link.trajectId,
            ...(link.subject ? { subject: link.subject } : {}),
            ...(link.slots ? { slots: [...link.slots] } : {}),
            expiresAt: new Date(Date.now() + (link.ttlMs ?? 86_400_000)),
          },
          FORMS_SECRET,
        )}`,
    });
    slack = createSlackApp({ context, config: readSlackConfig(env) });
    for (const job of slack.jobs) ports.jobs.register(job);
    app.use(SLACK_ROUTE_PATH, slack.receiver.router);
    // The beschikbaarheid form as `serve` mounts it: slots from the link, answers stored before the thank-you.
    app.use(
      createFormsRouter({
        secret: FORMS_SECRET,
        forms: (_formId, _trajectId, claims) => availabilityForm(claims.slots),
        async saveSubmission(record) {
          const id = await ports.formSubmissions.save(
            {
              formId: record.formId,
              trajectId: record.trajectId,
              answers: { ...record.answers },
              surface: 'html',
              ...(record.subject ? { subject: record.subject } : {}),
            },
            'formulier',
          );
          return { id };
        },
      }),
    );
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.stop();
    await mailbox.close();
  });

  const send = (body: string) =>
    fetch(`${base}${SLACK_ROUTE_PATH}${SLACK_EVENTS_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
  const runJobs = async () => {
    const runs = await context.ports.jobs.runAll();
    const failed = runs.find((run) => run.state === 'failed');
    if (failed) throw failed.error;
  };
  const dm = (userId: string) => fake.messages(`D${userId.slice(1)}`);
  const click = (userId: string, message: FakeMessage, actionId: string) => {
    const blocks = (message.blocks ?? []) as Array<{
      accessory?: { action_id: string; value: string };
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    const button = blocks
      .flatMap((block) => [block.accessory, ...(block.elements ?? [])])
      .find((element) => element?.action_id === actionId);
    if (!button) throw new Error(`geen knop ${actionId}`);
    return send(
      interactionBody({
        type: 'block_actions',
        team: { id: TEAM },
        user: { id: userId, team_id: TEAM },
        api_app_id: 'A0VISIELEREN',
        trigger_id: `${Date.now()}.${Math.random()}.trigger`,
        channel: { id: message.channel },
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
        message: { ts: message.ts },
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            value: button.value,
            block_id: 'b',
            action_ts: String(Date.now() / 1000),
          },
        ],
      }),
    );
  };
  const submitView = (userId: string, view: Record<string, unknown>, values: Record<string, unknown>) =>
    send(
      interactionBody({
        type: 'view_submission',
        team: { id: TEAM },
        user: { id: userId, team_id: TEAM },
        api_app_id: 'A0VISIELEREN',
        trigger_id: `${Date.now()}.${Math.random()}.trigger`,
        view: { ...view, id: `V${Math.random()}`, hash: 'h', state: { values } },
      }),
    );

  const deadline = Math.floor(Date.now() / 1000) + 2 * 86_400;
  const planValues = (participants: string) => ({
    deelnemers: { value: { type: 'plain_text_input', value: participants } },
    moderatoren: { value: { type: 'plain_text_input', value: 'Mies Moderator; mies@vng.nl; 4' } },
    tijdvakken: {
      value: {
        type: 'plain_text_input',
        value: '2027-02-02 09:00-10:00\n2027-02-02 10:30-11:30\n2027-02-03 09:00-10:00',
      },
    },
    deadline: { value: { type: 'datetimepicker', selected_date_time: deadline } },
    buffer: { value: { type: 'number_input', value: '15' } },
  });
  const participants = [
    'Anna Bestuur; anna@hoorn.nl; Bestuur',
    'Bram Uitvoering; bram@hoorn.nl; Uitvoering',
    'Cees Beleid; cees@hoorn.nl; Beleid',
    'Dirk Inwoner; dirk@example.nl; Inwoner',
    'Eva Partner; eva@partner.nl; Partner',
  ].join('\n');

  let roundId = '';
  /** The participants of the second interview, as the scheduler chose them. */
  let second: string[] = [];
  const EMAIL: Record<string, string> = {
    cees: 'cees@hoorn.nl',
    dirk: 'dirk@example.nl',
    'p-eva': 'eva@partner.nl',
  };
  const secondEmails = () => second.map((id) => EMAIL[id]).sort();
  const EMAIL_OF: Record<string, string> = {
    ...EMAIL,
    anna: 'anna@hoorn.nl',
    bram: 'bram@hoorn.nl',
    mies: 'mies@vng.nl',
  };

  it('plans: the modal checks every line in Dutch, then the round is created and availability is asked', async () => {
    expect(
      (
        await send(
          slashCommandBody({
            text: 'duo plan Hoorn',
            teamId: TEAM,
            userId: 'U0LEAD',
            channelId: 'C0TEAM',
            responseUrl: fake.responseUrl(),
          }),
        )
      ).status,
    ).toBe(200);
    await expect.poll(() => fake.views.length).toBe(1);
    const view = fake.views[0]!.view;

    const refused = await submitView('U0LEAD', view, planValues(`${participants}\nZoë; zoe@x.nl; Astronaut`));
    expect(await refused.json()).toEqual({
      response_action: 'errors',
      errors: { deelnemers: 'Regel 6 (Zoë): onbekend perspectief "Astronaut".' },
    });

    const accepted = await submitView('U0LEAD', view, planValues(participants));
    expect(accepted.status).toBe(200);
    expect(context.ports.jobs.queued.map((job) => job.name)).toEqual(['slack.duo.create']);
    await runJobs();

    const [round] = await context.duoRounds.listRounds('hoorn-2027');
    roundId = round!.id;
    expect(round?.state).toBe('beschikbaarheid');
    // Eva was added here and is now a participant of the traject too.
    const traject = await context.trajects.get('hoorn-2027', { kind: 'all' });
    expect(traject.participants.find((person) => person.email === 'eva@partner.nl')?.perspective).toBe(
      'partner',
    );
    // People in Slack: a DM with a button per slot, and a slack-user link under their e-mail.
    for (const user of ['U0ANNA', 'U0BRAM', 'U0MIES']) expect(dm(user)).toHaveLength(1);
    expect((await context.links.find('slack-user', 'U0ANNA'))?.participantKey).toBe(
      normaliseEmail('Anna@hoorn.nl'),
    );
    // Everyone else: the signed form link by e-mail.
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual([
      'cees@hoorn.nl',
      'dirk@example.nl',
      'eva@partner.nl',
    ]);
    // The team sees the round and who has answered.
    expect(JSON.stringify(fake.messages('C0TEAM')[0]?.blocks)).toContain('0 van 6 hebben geantwoord');
  });

  it('availability arrives from DM buttons and from the form, and lands on the round', async () => {
    await click('U0ANNA', dm('U0ANNA')[0]!, 'availability_slot:s1');
    await click('U0ANNA', dm('U0ANNA')[0]!, 'availability_slot:s2');
    await runJobs();
    // Someone else pressing Anna's buttons changes nothing.
    await click('U0BRAM', dm('U0ANNA')[0]!, 'availability_slot:s3');
    await runJobs().catch(() => {});
    await click('U0BRAM', dm('U0BRAM')[0]!, 'availability_slot:s1');
    for (const slot of ['s1', 's2', 's3']) {
      await click('U0MIES', dm('U0MIES')[0]!, `availability_slot:${slot}`);
      await runJobs();
    }
    await runJobs();
    let round = await context.duoRounds.get(roundId);
    expect(round.availability).toMatchObject({ anna: ['s1', 's2'], bram: ['s1'] });
    expect(round.availability.mies?.sort()).toEqual(['s1', 's2', 's3']);
    expect(JSON.stringify(dm('U0ANNA')[0]?.blocks)).toContain(':white_check_mark:');

    const answers: Record<string, string[]> = {
      'cees@hoorn.nl': ['s2', 's3'],
      'dirk@example.nl': ['s2', 's3'],
      'eva@partner.nl': ['s2', 's3'],
    };
    for (const mail of mails) {
      const text = mail.text;
      const link = /(http:\/\/127\.0\.0\.1:\d+\/forms\/\S+)/.exec(text)?.[1];
      expect(link).toBeDefined();
      const page = await fetch(link!);
      expect(page.status).toBe(200);
      const form = new URLSearchParams({ naam: 'Iemand', perspectief: 'beleid' });
      for (const slot of answers[mail.to[0]!] ?? []) form.append('tijdvakken', slot);
      const posted = await fetch(link!, { method: 'POST', body: form, redirect: 'manual' });
      expect(posted.status).toBe(303);
    }
    // The team fetches the form answers (also done by the periodic job); everyone has answered now.
    const status = fake.messages('C0TEAM')[0]!;
    await click('U0LEAD', status, 'round_refresh');
    await runJobs();
    round = await context.duoRounds.get(roundId);
    expect(round.availability['p-eva']).toEqual(['s2', 's3']);
    expect(round.state).toBe('gepland');
  });

  it('schedules with core’s scheduler, posts the schedule with who could not be placed, and moves the session', async () => {
    const round = await context.duoRounds.get(roundId);
    const interviews = round.schedule?.interviews ?? [];
    // Bram can only at s1, so Anna and Bram meet there; of Cees, Dirk and Eva two meet, one is left over.
    expect(interviews).toHaveLength(2);
    expect(interviews[0]).toMatchObject({ slot: 's1', moderator: 'mies' });
    expect([...(interviews[0]?.participants ?? [])].sort()).toEqual(['anna', 'bram']);
    second = [...(interviews[1]?.participants ?? [])];
    const left = ['cees', 'dirk', 'p-eva'].find((id) => !second.includes(id))!;
    const posted = JSON.stringify(fake.messages('C0TEAM').map((message) => message.blocks));
    expect(posted).toContain('Rooster duo-interviews: Hoorn');
    expect(posted).toContain('Niet ingedeeld');
    expect(posted).toContain({ cees: 'Cees Beleid', dirk: 'Dirk Inwoner', 'p-eva': 'Eva Partner' }[left]);
    const traject = await context.trajects.get('hoorn-2027', { kind: 'all' });
    expect(traject.sessions.find((session) => session.key === 'duo-interviews')?.plannedDate).toBe(
      '2027-02-02',
    );
  });

  it('invites everyone with an e-mail address by a meeting request (iMIP), Slack people with a notice by DM too', async () => {
    const interviews = (await context.duoRounds.get(roundId)).schedule?.interviews ?? [];
    const inviteMails = mails.filter((mail) => mail.subject.startsWith('Uitnodiging'));
    // Anna, Bram and Mies are in Slack and still get the meeting by e-mail (Mies moderates both interviews).
    expect(inviteMails.map((mail) => mail.to[0]).sort()).toEqual(
      ['anna@hoorn.nl', 'bram@hoorn.nl', 'mies@vng.nl', 'mies@vng.nl', ...secondEmails()].sort(),
    );
    for (const mail of inviteMails) {
      // The calendar part Outlook and Gmail act on: text/calendar; method=REQUEST, not a file attachment.
      expect(mail.calendar?.method).toBe('REQUEST');
      const parsed = calendarOf(mail.calendar?.content ?? '');
      expect(parsed).toMatchObject({ method: 'REQUEST', sequence: 0, tzid: 'Europe/Amsterdam' });
      // ORGANIZER is the mailbox the mail comes from; the planner is named in the text.
      expect(parsed.organizer).toBe('mailto:visieleren@vng.nl');
      expect(mail.parsed.from?.value[0]?.address).toBe('visieleren@vng.nl');
      expect(mail.text).toContain('Gepland door Lotte Lead');
      const index = parsed.uid === `duo-${roundId}-1@visieleren` ? 0 : 1;
      const people = [...(interviews[index]?.participants ?? []), interviews[index]?.moderator];
      expect(parsed.attendees.sort()).toEqual(people.map((id) => `mailto:${EMAIL_OF[id ?? '']}`).sort());
    }
    // Anna is not told she meets Anna.
    const toAnna = inviteMails.find((mail) => mail.to[0] === 'anna@hoorn.nl')!;
    expect(toAnna.text).toContain('met Bram Uitvoering en Mies Moderator');
    expect(toAnna.text).not.toMatch(/met [^.]*Anna/);
    // The DM is a notice that points to the e-mail; no .ics in Slack.
    expect(JSON.stringify(dm('U0ANNA').at(-1)?.blocks)).toContain('De agenda-afspraak staat in uw e-mail');
    expect(['U0ANNA', 'U0BRAM', 'U0MIES'].flatMap((user) => dm(user).flatMap((m) => m.files ?? []))).toEqual(
      [],
    );
    // Running the queue again sends nothing twice.
    const before = { mails: mails.length, messages: fake.allMessages().length };
    await context.jobs.enqueue('slack.duo.invites', { roundId });
    await runJobs();
    expect({ mails: mails.length, messages: fake.allMessages().length }).toEqual(before);
  });

  it('moves an interview only within the hard rules, with an update (SEQUENCE 1) to its three people', async () => {
    const schedule = fake
      .messages('C0TEAM')
      .find((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'))!;
    const buttons = (
      schedule.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>
    ).flatMap((block) => block.elements ?? []);
    const moveFirst = buttons.filter((button) => button.action_id === 'interview_move')[0]!;
    const moveSecond = buttons.filter((button) => button.action_id === 'interview_move')[1]!;
    const open = (value: string) =>
      send(
        interactionBody({
          type: 'block_actions',
          team: { id: TEAM },
          user: { id: 'U0LEAD', team_id: TEAM },
          trigger_id: `${Math.random()}.trigger`,
          channel: { id: 'C0TEAM' },
          actions: [{ type: 'button', action_id: 'interview_move', value, block_id: 'b', action_ts: '1' }],
        }),
      );
    await open(moveFirst.value);
    await expect.poll(() => fake.views.length).toBe(2);
    const refused = await submitView('U0LEAD', fake.views[1]!.view, {
      tijdvak: { value: { type: 'static_select', selected_option: { value: 's3' } } },
    });
    expect(((await refused.json()) as { errors: { tijdvak: string } }).errors.tijdvak).toContain(
      'Bram Uitvoering heeft niet aangegeven op dit tijdvak te kunnen.',
    );

    await open(moveSecond.value);
    await expect.poll(() => fake.views.length).toBe(3);
    const from = (await context.duoRounds.get(roundId)).schedule?.interviews[1]?.slot;
    const to = from === 's2' ? 's3' : 's2';
    const accepted = await submitView('U0LEAD', fake.views[2]!.view, {
      tijdvak: { value: { type: 'static_select', selected_option: { value: to } } },
    });
    expect(accepted.status).toBe(200);
    await runJobs();
    expect((await context.duoRounds.get(roundId)).schedule?.interviews[1]?.slot).toBe(to);
    const updates = mails.filter((mail) => mail.subject.startsWith('Verplaatst'));
    expect(updates.map((mail) => mail.to[0]).sort()).toEqual([...secondEmails(), 'mies@vng.nl'].sort());
    for (const mail of updates) {
      const parsed = calendarOf(mail.calendar?.content ?? '');
      expect(parsed).toMatchObject({ method: 'REQUEST', sequence: 1, uid: `duo-${roundId}-2@visieleren` });
      expect(parsed.start).toContain(to === 's3' ? '2027-02-03T09:00:00' : '2027-02-02T10:30:00');
    }
    expect(JSON.stringify(dm('U0MIES').at(-1)?.blocks)).toContain('Verplaatst');
  });

  it('cancels an interview with METHOD:CANCEL, the same UID and a higher SEQUENCE', async () => {
    const schedule = fake
      .messages('C0TEAM')
      .find((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'))!;
    const cancel = (schedule.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>)
      .flatMap((block) => block.elements ?? [])
      .filter((button) => button.action_id === 'interview_cancel')[1]!;
    await click('U0LEAD', { ...schedule, blocks: [{ elements: [cancel] }] }, 'interview_cancel');
    await runJobs();
    expect((await context.duoRounds.get(roundId)).schedule?.interviews[1]?.cancelled).toBe(true);
    const cancellations = mails.filter((mail) => mail.subject.startsWith('Geannuleerd'));
    expect(cancellations.map((mail) => mail.to[0]).sort()).toEqual([...secondEmails(), 'mies@vng.nl'].sort());
    for (const mail of cancellations) {
      expect(mail.calendar?.method).toBe('CANCEL');
      const parsed = calendarOf(mail.calendar?.content ?? '');
      expect(parsed).toMatchObject({ method: 'CANCEL', sequence: 2, uid: `duo-${roundId}-2@visieleren` });
    }
    // The schedule message was updated: interview 2 shows as cancelled and has no buttons any more.
    const updated = JSON.stringify(
      fake
        .messages('C0TEAM')
        .find((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'))?.blocks,
    );
    expect(updated).toContain('(geannuleerd)');
    expect(updated).not.toContain(`"block_id":"interview:${roundId}:1"`);
    // A second click on the outdated button changes nothing: no second CANCEL, no second note.
    const count = { mails: mails.length, channel: fake.messages('C0TEAM').length };
    await click('U0LEAD', { ...schedule, blocks: [{ elements: [cancel] }] }, 'interview_cancel');
    await runJobs();
    expect({ mails: mails.length, channel: fake.messages('C0TEAM').length }).toEqual(count);
    expect(JSON.stringify(dm('U0LEAD').at(-1)?.blocks)).toContain('Er is niets veranderd aan interview 2');
    // Every message the round sent is there once.
    const keys = fake
      .allMessages()
      .map((message) => message.metadata?.event_payload.key)
      .filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fake.paceViolations).toBe(0);
  });
});
