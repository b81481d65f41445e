/**
 * The Slack app under load, with a bare Bolt app in the same run as the reference:
 *  1. acknowledgement latency (p50, p99) and throughput of signed `/visieleren` slash commands over HTTP;
 *     ours verifies, checks the workspace, remembers the request and queues the job before it answers;
 *     the bare app only verifies and acknowledges;
 *  2. a 60-participant duo round from its deadline to the last invite sent (scheduling, the schedule in the
 *     team channel, a meeting request by e-mail to everyone and a DM notice per Slack person, each send
 *     claimed in the store first), against a local fake Slack
 *     that enforces 1 message per second per channel, next to the least time Slack's limits allow.
 *
 *   npx tsx --conditions=@visieleren/source bench/slack/run.ts            prints the table
 *   npx tsx --conditions=@visieleren/source bench/slack/run.ts --write    also writes it into docs/benchmarks.md
 *                                                                          between <!-- slack:start --> and <!-- slack:end -->
 *   --quick                                                                fewer requests
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, ExpressReceiver } from '@slack/bolt';
import { PERSPECTIVES, type Traject } from '@visieleren/core';
import {
  buildTemplate,
  buildTraject,
  createManualClock,
  createMemoryPorts,
  createTestPluginContext,
} from '@visieleren/core/testing';
import { createSlackApp, readSlackConfig, SLACK_EVENTS_PATH, SLACK_ROUTE_PATH } from '@visieleren/slack-app';
import { signSlackRequest, slashCommandBody, startFakeSlack } from '@visieleren/slack-app/testing';
import express from 'express';
import { machine, writeDocsSection } from '../docs-section.js';

const quick = process.argv.includes('--quick');
const REQUESTS = quick ? 600 : 3000;
const WARMUP = 200;
const CONCURRENCY = 10;
const TEAM = 'T0VNG';
const SECRET = 'bench-signing-secret-0123456789abcdef';

async function listen(app: express.Application): Promise<{ server: Server; base: string }> {
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Signed slash commands, `CONCURRENCY` in flight; every request a new trigger id (no retries). */
async function load(
  url: string,
  text: string,
  count: number,
): Promise<{ p50: number; p99: number; perSecond: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < count) {
      const n = next++;
      const body = slashCommandBody({
        text,
        teamId: TEAM,
        triggerId: `bench.${n}.${Math.random()}`,
        responseUrl: 'http://127.0.0.1:9/none',
      });
      const t0 = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...signSlackRequest(SECRET, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: count / elapsed };
}

async function ackBench() {
  const env = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_TEAM_ID: TEAM,
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
  };
  const ports = createMemoryPorts({
    trajects: [buildTraject({ id: 'hoorn', gemeenten: [{ name: 'Hoorn' }], template: buildTemplate() })],
  });
  const context = createTestPluginContext({ ports, env });
  const ours = createSlackApp({ context, config: readSlackConfig(env) });
  const oursApp = express();
  oursApp.use(SLACK_ROUTE_PATH, ours.receiver.router);
  const oursServer = await listen(oursApp);

  const bareReceiver = new ExpressReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  const bare = new App({
    receiver: bareReceiver,
    authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B', botUserId: 'U' }),
  });
  bare.command('/visieleren', async ({ ack }) => {
    await ack();
  });
  const bareServer = await listen(bareReceiver.app);

  const oursUrl = `${oursServer.base}${SLACK_ROUTE_PATH}${SLACK_EVENTS_PATH}`;
  const bareUrl = `${bareServer.base}/slack/events`;
  await load(oursUrl, 'trajecten', WARMUP);
  await load(bareUrl, 'trajecten', WARMUP);
  // Queued jobs are the work after the acknowledgement; drop the warm-up's so the queue starts empty.
  ports.jobs.queued.length = 0;
  const rows = [
    { name: 'bare Bolt app (verify, ack)', ...(await load(bareUrl, 'trajecten', REQUESTS)) },
    {
      name: 'Visieleren `/visieleren trajecten` (verify, workspace, queue job, ack)',
      ...(await load(oursUrl, 'trajecten', REQUESTS)),
    },
    {
      name: 'Visieleren `/visieleren help` (answered in the ack)',
      ...(await load(oursUrl, 'help', REQUESTS)),
    },
  ];
  const queued = ports.jobs.queued.length;
  for (const { server } of [oursServer, bareServer]) {
    server.closeAllConnections();
    server.close();
  }
  return { rows, queued };
}

/** 60 participants (half in Slack), 6 moderators in Slack, 16 slots over four days. */
async function roundBench() {
  const PARTICIPANTS = 60;
  const users: Record<string, { id: string; name: string }> = {};
  const participants: Traject['participants'] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const email = `deelnemer${i}@gemeente.nl`;
    participants.push({
      id: `p${i}`,
      name: `Deelnemer ${i}`,
      email,
      role: 'professional',
      perspective: PERSPECTIVES[i % PERSPECTIVES.length],
    });
    if (i % 2 === 0) users[email] = { id: `U${String(i).padStart(4, '0')}`, name: `Deelnemer ${i}` };
  }
  for (let m = 0; m < 6; m++) users[`moderator${m}@vng.nl`] = { id: `UM${m}`, name: `Moderator ${m}` };
  users['lead@vng.nl'] = { id: 'U0LEAD', name: 'Lotte Lead' };
  const fake = await startFakeSlack({ teamId: TEAM, users, perChannelIntervalMs: 1000 });
  const clock = createManualClock(new Date());
  const ports = createMemoryPorts({
    clock,
    trajects: [
      buildTraject({
        id: 'groot',
        gemeenten: [{ name: 'Grootstad' }],
        template: buildTemplate(),
        participants,
      }),
    ],
  });
  const env = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_TEAM_ID: TEAM,
    SLACK_API_URL: fake.apiUrl,
  };
  const context = createTestPluginContext({ ports, env, clock });
  const slack = createSlackApp({ context, config: readSlackConfig(env) });
  for (const job of slack.jobs) ports.jobs.register(job);

  const slots = Array.from({ length: 16 }, (_, s) => {
    const day = `2027-02-0${2 + Math.floor(s / 4)}`;
    const hour = 9 + (s % 4) * 2;
    return {
      id: `s${s + 1}`,
      start: `${day}T${String(hour).padStart(2, '0')}:00`,
      end: `${day}T${String(hour + 1).padStart(2, '0')}:00`,
    };
  });
  const moderators = Array.from({ length: 6 }, (_, m) => ({
    id: `m${m}`,
    name: `Moderator ${m}`,
    email: `moderator${m}@vng.nl`,
    maxInterviews: 6,
  }));
  const deadline = new Date(clock.now().getTime() + 86_400_000).toISOString();
  await slack.flow.create(
    {
      trajectId: 'groot',
      channelId: 'C0TEAM',
      participants: participants.map((person) => ({
        id: person.id,
        name: person.name,
        email: person.email!,
        perspective: person.perspective!,
      })),
      moderators,
      round: {
        slots,
        participants: participants.map((person) => ({
          id: person.id,
          name: person.name,
          perspective: person.perspective!,
          available: [],
        })),
        moderators: moderators.map((person) => ({
          id: person.id,
          name: person.name,
          available: [],
          maxInterviews: person.maxInterviews,
        })),
        rules: { interviewsPerParticipant: 1, bufferMinutes: 15 },
      },
      deadline,
    },
    'U0LEAD',
    'bench-create',
  );
  await ports.jobs.runAll();
  const [round] = await ports.duoRounds.listRounds('groot');
  // Everyone answered: four slots each (participants), eight (moderators).
  for (let i = 0; i < PARTICIPANTS; i++) {
    await ports.duoRounds.setAvailability(
      round!.id,
      `p${i}`,
      [0, 3, 6, 9].map((k) => slots[(i + k) % 16]!.id),
      'bench',
    );
  }
  for (let m = 0; m < 6; m++) {
    await ports.duoRounds.setAvailability(
      round!.id,
      `m${m}`,
      slots.filter((_, s) => (s + m) % 2 === 0).map((slot) => slot.id),
      'bench',
    );
  }
  await ports.jobs.runAll();
  const countsBefore = new Map(
    [...fake.channels.keys()].map((channel) => [channel, fake.messages(channel).length]),
  );
  const callsBefore = fake.calls.length;
  const mailsBefore = ports.mailer.sent.length;

  // The deadline passes: schedule, post, invite.
  clock.advance(86_400_000 + 1000);
  const t0 = performance.now();
  await ports.jobs.enqueue('slack.duo.schedule', { roundId: round!.id, trigger: 'deadline' });
  const runs = await ports.jobs.runAll();
  const seconds = (performance.now() - t0) / 1000;
  const failed = runs.filter((run) => run.state === 'failed');
  if (failed.length > 0) throw failed[0]?.error;

  const scheduled = await ports.duoRounds.get(round!.id);
  const interviews = scheduled.schedule?.interviews.length ?? 0;
  // Least time the limits allow: posts to one channel at most one a second; different channels in parallel.
  const posts = [...fake.channels.keys()].map(
    (channel) => fake.messages(channel).length - (countsBefore.get(channel) ?? 0),
  );
  const posted = posts.reduce((sum, count) => sum + count, 0);
  const busiest = Math.max(...posts);
  await fake.stop();
  return {
    interviews,
    placed: interviews * 2,
    seconds,
    minimum: Math.max(0, busiest - 1),
    posted,
    busiest,
    mails: ports.mailer.sent.length - mailsBefore,
    calls: fake.calls.length - callsBefore,
    paceViolations: fake.paceViolations,
  };
}

const ack = await ackBench();
const round = await roundBench();
const ms = (value: number) => value.toFixed(2);
const table = [
  `Run: \`npx tsx --conditions=@visieleren/source bench/slack/run.ts --write\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Signed slash commands over HTTP on 127.0.0.1, ${REQUESTS} requests, ${CONCURRENCY} in flight, after ${WARMUP} warm-up requests; in-memory ports. Slack's deadline for the acknowledgement is 3,000 ms. Compare with the bare app of the same run: on a machine busy with other work every figure rises together.`,
  '',
  '| app | ack p50 (ms) | ack p99 (ms) | requests/s |',
  '|---|---:|---:|---:|',
  ...ack.rows.map((row) => `| ${row.name} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.perSecond.toFixed(0)} |`),
  '',
  `${ack.queued} jobs were queued for the ${REQUESTS} \`trajecten\` commands (one each: nothing lost, nothing doubled).`,
  '',
  `A duo round of 60 participants (30 in Slack), 6 moderators in Slack, 16 slots: from the deadline to the last invite sent, against the local fake Slack (1 message per second per channel enforced, in-memory mailer). Everyone gets the meeting request by e-mail (iMIP); people in Slack also a notice by DM; every send is claimed in the store (compare-and-set) before it goes.`,
  '',
  '| interviews | people placed | Slack posts | busiest channel (posts) | e-mails | Web API calls | 429s | time (s) | least time the limits allow (s) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  `| ${round.interviews} | ${round.placed} | ${round.posted} | ${round.busiest} | ${round.mails} | ${round.calls} | ${round.paceViolations} | ${round.seconds.toFixed(1)} | ${round.minimum} |`,
  '',
  'The least time counts only the per-channel limit (posts to different channels in parallel, one a second in the busiest channel). The app sends the invites of six interviews at a time and paces each channel itself; the rest of the time is scheduling, the claim and its release per send (two compare-and-set writes on the round record), and the round trips to the fake.',
].join('\n');

process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) writeDocsSection('slack', 'Slack app', table);
