import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
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
import { createStore, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';
import { createPinoLogger } from '../src/logging.js';
import { type RunningServer, startServer } from '../src/server.js';
import { calendarOf, type Mailbox, startMailbox } from './helpers/mailbox.js';

/**
 * Two `visieleren serve` instances on one PostgreSQL database, as behind a load balancer: pg-boss jobs on both,
 * the real SMTP mailer into a local SMTP server, a fake Slack Web API. A round is planned, then "Nu inplannen"
 * is clicked twice at once (one click on each instance) and "Annuleren" twice at once: one set of invites,
 * one CANCEL, SEQUENCE rising by one per real change.
 */

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TEAM = 'T0VNG';
const SECRET = 'slack-signing-secret-for-two-instances';
const SLACK_PATH = '/slack/events';

let database: TemporaryDatabase;
let seedStore: Store;
let fake: FakeSlack;
let mailbox: Mailbox;
let dataDir: string;
const servers: RunningServer[] = [];

function quietLogger() {
  return createPinoLogger({
    level: 'warn',
    format: 'json',
    destination: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
  });
}

beforeAll(async () => {
  database = await createTemporaryDatabase(ADMIN_URL);
  seedStore = await createStore({ databaseUrl: database.url });
  await seedStore.migrate();
  await seedStore.trajects.create(hoornTraject(), 'test');
  fake = await startFakeSlack({ teamId: TEAM, users: SLACK_TEST_USERS });
  mailbox = await startMailbox();
  dataDir = await mkdtemp(join(tmpdir(), 'visieleren-slack-twee-'));
  for (let instance = 0; instance < 2; instance++) {
    const env = loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      VISIELEREN_DATA_DIR: dataDir,
      VISIELEREN_FORMS_SECRET: 'forms-secret-for-two-instances-0123456789',
      VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
      VISIELEREN_SEED_DEMO: 'nee',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-two-instances',
      SLACK_TEAM_ID: TEAM,
      SLACK_API_URL: fake.apiUrl,
      SMTP_URL: mailbox.url,
      SMTP_FROM: 'Visieleren <visieleren@vng.nl>',
    });
    servers.push(await startServer({ env, cwd: dataDir, logger: quietLogger() }));
  }
}, 120_000);

afterAll(async () => {
  for (const server of servers) await server.close();
  await seedStore?.close();
  await fake?.stop();
  await mailbox?.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function send(instance: number, body: string): Promise<Response> {
  return fetch(`${servers[instance]!.url}${SLACK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

function click(instance: number, userId: string, message: FakeMessage, actionId: string, which = 0) {
  const buttons = (
    (message.blocks ?? []) as Array<{
      accessory?: { action_id: string; value: string };
      elements?: Array<{ action_id: string; value: string }>;
    }>
  )
    .flatMap((block) => [block.accessory, ...(block.elements ?? [])])
    .filter((element) => element?.action_id === actionId);
  const button = buttons[which];
  if (!button) throw new Error(`geen knop ${actionId}`);
  return send(
    instance,
    interactionBody({
      type: 'block_actions',
      team: { id: TEAM },
      user: { id: userId, team_id: TEAM },
      api_app_id: 'A0VISIELEREN',
      trigger_id: `${Date.now()}.${Math.random()}.trigger`,
      channel: { id: message.channel },
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
      message: { ts: message.ts, text: message.text, blocks: message.blocks },
      actions: [{ type: 'button', action_id: actionId, value: button.value, block_id: 'b', action_ts: '1' }],
    }),
  );
}

/**
 * Until `count` jobs of this name have finished (the clicks' jobs are queued after the acknowledgement), then
 * until no Slack job waits, runs or waits for a retry on either instance (both share the queue).
 */
async function settled(name?: string, count = 1): Promise<void> {
  if (name) {
    await expect
      .poll(async () => (await servers[0]!.jobs.list({ name, state: 'completed' })).length, {
        timeout: 90_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(count);
  }
  await expect
    .poll(
      async () =>
        (await servers[0]!.jobs.list({ limit: 1000 })).filter(
          (job) =>
            job.name.startsWith('slack.') &&
            ['created', 'active', 'retry'].includes(job.state) &&
            // Delayed jobs (the deadline, the next fetch of form answers, reminders) are not due yet.
            !(job.startAfter && new Date(job.startAfter).getTime() > Date.now() + 60_000),
        ).length,
      { timeout: 90_000, interval: 250 },
    )
    .toBe(0);
}

const dm = (userId: string) => fake.messages(`D${userId.slice(1)}`);
const statusMessage = () =>
  fake.messages('C0TEAM').find((message) => JSON.stringify(message.blocks).includes('Duo-ronde'))!;
const scheduleMessage = () =>
  fake
    .messages('C0TEAM')
    .find((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'))!;

describe('a duo round on two instances sharing PostgreSQL', () => {
  it('plans the round: availability by DM, the form link by e-mail', async () => {
    const command = await send(
      0,
      slashCommandBody({
        text: 'duo plan Hoorn',
        teamId: TEAM,
        userId: 'U0LEAD',
        channelId: 'C0TEAM',
        responseUrl: fake.responseUrl(),
      }),
    );
    expect(command.status).toBe(200);
    await expect.poll(() => fake.views.length, { timeout: 10_000 }).toBe(1);
    const view = fake.views[0]!.view;
    const submitted = await send(
      1,
      interactionBody({
        type: 'view_submission',
        team: { id: TEAM },
        user: { id: 'U0LEAD', team_id: TEAM },
        api_app_id: 'A0VISIELEREN',
        trigger_id: `${Date.now()}.trigger`,
        view: {
          ...view,
          id: 'V1',
          hash: 'h',
          state: {
            values: {
              deelnemers: {
                value: {
                  type: 'plain_text_input',
                  value: [
                    'Anna Bestuur; anna@hoorn.nl; Bestuur',
                    'Bram Uitvoering; bram@hoorn.nl; Uitvoering',
                    'Cees Beleid; cees@hoorn.nl; Beleid',
                  ].join('\n'),
                },
              },
              moderatoren: { value: { type: 'plain_text_input', value: 'Mies Moderator; mies@vng.nl; 2' } },
              tijdvakken: { value: { type: 'plain_text_input', value: '2027-02-02 09:00-10:00' } },
              deadline: {
                value: {
                  type: 'datetimepicker',
                  selected_date_time: Math.floor(Date.now() / 1000) + 2 * 86_400,
                },
              },
              buffer: { value: { type: 'number_input', value: '15' } },
            },
          },
        },
      }),
    );
    expect(submitted.status).toBe(200);
    await settled('slack.duo.request-availability');
    for (const user of ['U0ANNA', 'U0BRAM', 'U0MIES']) expect(dm(user)).toHaveLength(1);
    expect(mailbox.mails.map((mail) => mail.to[0])).toEqual(['cees@hoorn.nl']);
    // Anna, Bram and Mies can at the one slot; Cees does not answer, so the round waits.
    for (const [instance, user] of [
      [0, 'U0ANNA'],
      [1, 'U0BRAM'],
      [0, 'U0MIES'],
    ] as const) {
      await click(instance, user, dm(user)[0]!, 'availability_slot:s1');
    }
    await settled('slack.duo.availability', 3);
    expect(JSON.stringify(statusMessage().blocks)).toContain('3 van 4 hebben geantwoord');
  }, 120_000);

  it('"Nu inplannen" clicked on both instances at once: one schedule, one set of invites', async () => {
    const status = statusMessage();
    const clicks = await Promise.all([
      click(0, 'U0LEAD', status, 'round_schedule_now'),
      click(1, 'U0LEAD', status, 'round_schedule_now'),
    ]);
    expect(clicks.map((response) => response.status)).toEqual([200, 200]);
    await settled('slack.duo.schedule', 2);
    await settled('slack.duo.invites');
    const invites = mailbox.mails.filter((mail) => mail.subject.startsWith('Uitnodiging'));
    expect(invites.map((mail) => mail.to[0]).sort()).toEqual([
      'anna@hoorn.nl',
      'bram@hoorn.nl',
      'mies@vng.nl',
    ]);
    for (const mail of invites) {
      expect(mail.calendar?.method).toBe('REQUEST');
      expect(calendarOf(mail.calendar?.content ?? '')).toMatchObject({ method: 'REQUEST', sequence: 0 });
    }
    const schedules = fake
      .messages('C0TEAM')
      .filter((message) => JSON.stringify(message.blocks).includes('Rooster duo-interviews'));
    expect(schedules).toHaveLength(1);
    // Each Slack person got one notice.
    for (const user of ['U0ANNA', 'U0BRAM', 'U0MIES']) {
      expect(dm(user).filter((message) => String(message.text).startsWith('Uitnodiging'))).toHaveLength(1);
    }
  }, 120_000);

  it('"Annuleren" clicked on both instances at once: one CANCEL with SEQUENCE 1, one note', async () => {
    const schedule = scheduleMessage();
    const before = fake.messages('C0TEAM').length;
    await Promise.all([
      click(0, 'U0LEAD', schedule, 'interview_cancel'),
      click(1, 'U0LEAD', schedule, 'interview_cancel'),
    ]);
    await settled('slack.duo.cancel', 2);
    const cancels = mailbox.mails.filter((mail) => mail.subject.startsWith('Geannuleerd'));
    expect(cancels.map((mail) => mail.to[0]).sort()).toEqual([
      'anna@hoorn.nl',
      'bram@hoorn.nl',
      'mies@vng.nl',
    ]);
    for (const mail of cancels) {
      expect(mail.calendar?.method).toBe('CANCEL');
      expect(calendarOf(mail.calendar?.content ?? '')).toMatchObject({ method: 'CANCEL', sequence: 1 });
    }
    // One note in the channel; the schedule message shows the cancellation and offers no buttons for it.
    expect(fake.messages('C0TEAM')).toHaveLength(before + 1);
    expect(JSON.stringify(scheduleMessage().blocks)).toContain('(geannuleerd)');
    expect(JSON.stringify(scheduleMessage().blocks)).not.toContain('interview_cancel');
    // The one whose click came second hears that nothing changed.
    expect(JSON.stringify(dm('U0LEAD'))).toContain('Er is niets veranderd aan interview 1');
    expect(mailbox.mails.filter((mail) => mail.subject.startsWith('Uitnodiging'))).toHaveLength(3);
  }, 120_000);
});
