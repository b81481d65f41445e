/**
 * Phase reminders to 300 linked Teams conversations of one tenant, through the Teams notifier and the Microsoft
 * 365 Agents SDK's connector client to a local fake Bot Connector that enforces Teams' limits (docs/platform-limits.md §3.3: per
 * conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app per tenant 50/s) and answers 429 when one is exceeded.
 * Outbound calls carry real bot tokens from a local token endpoint. Reported: the time against the minimum the
 * limits allow, the 429s, and that every reminder arrived exactly once. As a reference, the same run without
 * pacing shows what Teams would throttle.
 *
 *   npx tsx --conditions=@visieleren/source bench/teams/run.ts            prints the table
 *   npx tsx --conditions=@visieleren/source bench/teams/run.ts --write    also writes it into docs/benchmarks.md
 *                                         between <!-- teams:start --> and <!-- teams:end -->
 */

import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  deliveryKeyOf,
  demoPortfolio,
  fixedClock,
  getBuiltInTemplate,
  RateLimitError,
  type ReminderIntent,
  silentLogger,
  type Traject,
} from '../../packages/core/src/index.js';
import { createMemoryPorts } from '../../packages/core/src/testing/index.js';
import { createBotConnection } from '../../packages/teams-bot/src/bot-framework/adapter.js';
import { createTeamsNotifier } from '../../packages/teams-bot/src/notifier.js';
import { Pacer, TEAMS_PACING } from '../../packages/teams-bot/src/pacing.js';
import { machine, writeDocsSection } from '../docs-section.js';

// Every request the bot makes is stamped with the moment it was handed to fetch, after the pacer let it go; the
// fake connector (in its own thread) counts Teams' windows by that stamp (see FakeConnectorOptions.count).
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('x-bench-sent-at', String(Date.now()));
  return realFetch(input, { ...init, headers });
};

const sdkVersion = (
  createRequire(import.meta.url)('@microsoft/agents-hosting/package.json') as { version: string }
).version;

const CONVERSATIONS = 300;
const TENANT = '00000000-0000-0000-0000-00000000000t';
const APP = { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'bench-geheim' };
const NOW = '2027-03-10T09:00:00Z';
const TODAY = '2027-03-10';

interface Result {
  label: string;
  reminders: number;
  seconds: number;
  minimumSeconds: number;
  throttled: number;
  arrivedOnce: boolean;
  retries: number;
  tokenFailures: number;
  busiestSecond: number;
}

async function run(
  label: string,
  perConversation: number,
  pacing: { perConversationMs: number; perTenantPerSecond: number } | undefined,
): Promise<Result> {
  const worker = new Worker(new URL('./connector-worker.ts', import.meta.url));
  worker.postMessage(APP);
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      worker.once('message', resolve);
      if (type !== 'ready') worker.postMessage({ type });
    });
  const connector = await ask<{ url: string; authority: string; tokenEndpoint: string }>('ready');
  const issuer = connector;
  const clock = fixedClock(NOW);
  const template = getBuiltInTemplate('visieleertraject');
  const source = demoPortfolio(TODAY, template).find(
    (traject) => traject.id === 'voorbeeld-aan-zee',
  ) as Traject;
  const trajects = Array.from({ length: CONVERSATIONS }, (_, index) => ({
    ...source,
    id: `bench-${index}`,
    gemeenten: [{ name: `Gemeente ${index}` }],
  }));
  const ports = createMemoryPorts({ clock, trajects });
  for (const [index, traject] of trajects.entries()) {
    const conversationId = `19:bench-${index}@thread.tacv2`;
    await ports.links.link(
      {
        kind: 'teams-conversation',
        externalId: conversationId,
        trajectId: traject.id,
        payload: {
          reference: {
            channelId: 'msteams',
            serviceUrl: connector.url,
            conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT },
            bot: { id: `28:${APP.appId}`, name: 'Visieleren' },
          },
          conversationType: 'channel',
          tenantId: TENANT,
          active: true,
        },
      },
      'bench',
    );
  }
  const connection = createBotConnection(
    {
      appId: APP.appId,
      appPassword: APP.appPassword,
      appType: 'MultiTenant',
      anonymous: false,
      authority: issuer.authority,
      tokenEndpoint: issuer.tokenEndpoint,
      sendTimeoutMs: 15_000,
    },
    silentLogger,
  );
  // "No pacing": a pacer that never waits, so the run shows what Teams would throttle.
  const pacer = new Pacer(pacing ?? { perConversationMs: 0, perTenantPerSecond: 1_000_000 });
  const notifier = createTeamsNotifier({
    connection,
    trajects: ports.trajects,
    links: ports.links,
    audit: ports.audit,
    clock,
    logger: silentLogger,
    pacer,
  });
  const phases = ['ontwerpen', 'borgen'];
  let retries = 0;
  const started = performance.now();
  await Promise.all(
    trajects.map(async (traject, index) => {
      const recipient = {
        channel: 'teams' as const,
        address: `19:bench-${index}@thread.tacv2`,
        kind: 'conversation' as const,
      };
      for (const phaseKey of phases.slice(0, perConversation)) {
        const intent: ReminderIntent = {
          key: `${traject.id}:fase-start:${phaseKey}`,
          trajectId: traject.id,
          ruleId: 'fase-start',
          kind: 'phase-start',
          occurrence: phaseKey,
          dueAt: NOW,
          audience: ['ambtelijk-contactpersoon'],
          message: { nl: 'Volgende week begint een nieuwe fase.', en: 'A new phase starts next week.' },
          subject: { phaseKey },
        };
        // As the outbox does: a 429 is retried after its Retry-After.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await notifier.deliver(
              { intent, recipient, deliveryKey: deliveryKeyOf(intent.key, recipient), attempt },
              new AbortController().signal,
            );
            break;
          } catch (error) {
            if (!(error instanceof RateLimitError) || attempt >= 20) throw error;
            retries += 1;
            await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs));
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stats = await ask<{
    keys: string[];
    arrivals: number[];
    throttled: number;
    throttledBy: { conversation: number; tenant: number };
    tokenFailures: number;
  }>('stats');
  const { keys } = stats;
  const sorted = [...stats.arrivals].sort((a, b) => a - b);
  const busiestSecond = Math.max(
    0,
    ...sorted.map((t, i) => sorted.slice(i).filter((u) => u < t + 1000).length),
  );
  const arrivedOnce = keys.length === CONVERSATIONS * perConversation && new Set(keys).size === keys.length;
  const result: Result = {
    label,
    reminders: CONVERSATIONS * perConversation,
    seconds,
    minimumSeconds: Pacer.minimumMs(CONVERSATIONS, perConversation, TEAMS_PACING) / 1000,
    throttled: stats.throttled,
    tokenFailures: stats.tokenFailures,
    busiestSecond,
    arrivedOnce,
    retries,
  };
  worker.postMessage({ type: 'close' });
  await new Promise((resolve) => worker.once('exit', resolve));
  return result;
}

const results = [
  await run('300 gesprekken × 1 herinnering, met pacing', 1, TEAMS_PACING),
  await run('300 gesprekken × 2 herinneringen, met pacing', 2, TEAMS_PACING),
  await run('300 gesprekken × 1 herinnering, zonder pacing (referentie)', 1, undefined),
];

const table = [
  `Run: ${new Date().toISOString().slice(0, 10)}, ${machine()}, on the Microsoft 365 Agents SDK (\`@microsoft/agents-hosting\` ${sdkVersion}; before 2026-12-07 botbuilder). One tenant (the strictest case: 50/s for the whole app).`,
  '',
  '| scenario | reminders | time (s) | minimum the limits allow (s) | time / minimum | busiest second (requests) | 429s from Teams | retried | bot tokens refused | each arrived exactly once |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...results.map(
    (result) =>
      `| ${result.label} | ${result.reminders} | ${result.seconds.toFixed(2)} | ${result.minimumSeconds.toFixed(2)} | ${(result.seconds / result.minimumSeconds).toFixed(2)} | ${result.busiestSecond} | ${result.throttled} | ${result.retries} | ${result.tokenFailures} | ${result.arrivedOnce ? 'ja' : 'NEE'} |`,
  ),
  '',
  `The minimum is what the limits allow: 50 sends per second per tenant, and (our pacing) 2 s between two sends to one conversation, far under its 7/1 s, 8/2 s and 60/30 s. The pacer keeps a tenant at 45 per second (a 10% margin for uneven departures), counted just before each request leaves. The fake connector runs in its own thread and counts Teams' windows by the moment each request was handed to fetch (on this shared machine, load average ${loadavg()[0]?.toFixed(1)} at the end of the run, a starved server sees bursts no Teams server would). Time is wall-clock on that machine. Without pacing the same reminders still arrive exactly once, but only after Teams throttled and the outbox retried.`,
].join('\n');

process.stdout.write(`${table}\n`);
if (process.argv.includes('--write'))
  writeDocsSection('teams', 'Teams: phase reminders to 300 conversations', table);
