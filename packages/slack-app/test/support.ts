import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Traject } from '@visieleren/core';
import { createMemoryPorts, createTestPluginContext, type TestPluginContext } from '@visieleren/core/testing';
import express from 'express';
import {
  createSlackApp,
  readSlackConfig,
  SLACK_EVENTS_PATH,
  SLACK_ROUTE_PATH,
  type SlackApp,
} from '../src/index.js';
import {
  type FakeSlack,
  type FakeSlackOptions,
  hoornTraject,
  SLACK_TEST_USERS,
  signSlackRequest,
  startFakeSlack,
} from '../src/testing.js';

export const TEAM_ID = 'T0VNG';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** The test kit's people and traject, under the names these tests use. */
export const SLACK_USERS = SLACK_TEST_USERS;
export const hoorn = hoornTraject;

export interface Harness {
  fake: FakeSlack;
  context: TestPluginContext;
  slack: SlackApp;
  url: string;
  close(): Promise<void>;
  /** POSTs a body to /slack/events signed with the real v0 scheme. */
  send(
    body: string,
    options?: { contentType?: string; retryNum?: number; timestamp?: number; secret?: string },
  ): Promise<Response>;
  runJobs(): Promise<void>;
}

export async function startHarness(
  options: {
    trajects?: Traject[];
    withMailer?: boolean;
    context?: Partial<TestPluginContext>;
    timeoutMs?: number;
    clock?: Clock;
    /** Channels the bot was not invited to. */
    botNotIn?: string[];
    /** More people in the workspace (guests), user groups, and settings. */
    users?: FakeSlackOptions['users'];
    usergroups?: Record<string, string[]>;
    env?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const fake = await startFakeSlack({
    teamId: TEAM_ID,
    users: { ...SLACK_USERS, ...(options.users ?? {}) },
    perChannelIntervalMs: 1000,
    ...(options.botNotIn ? { botNotIn: options.botNotIn } : {}),
    ...(options.usergroups ? { usergroups: options.usergroups } : {}),
  });
  const ports = createMemoryPorts({
    trajects: options.trajects ?? [hoorn()],
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_TEAM_ID: TEAM_ID,
    SLACK_API_URL: fake.apiUrl,
    ...(options.env ?? {}),
  };
  const base = createTestPluginContext({ ports, env, publicUrl: 'https://visieleren.test' });
  const context: TestPluginContext = {
    ...base,
    ...(options.withMailer === false ? { mailer: undefined } : {}),
    ...options.context,
  } as TestPluginContext;
  if (options.withMailer === false) delete (context as { mailer?: unknown }).mailer;
  const slack = createSlackApp({
    context,
    config: readSlackConfig(env),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  for (const job of slack.jobs) ports.jobs.register(job);
  const app = express();
  app.use(SLACK_ROUTE_PATH, slack.handler);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_ROUTE_PATH}${SLACK_EVENTS_PATH}`;
  return {
    fake,
    context,
    slack,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
    },
    send(body, sendOptions = {}) {
      const timestamp = sendOptions.timestamp ?? Math.floor(Date.now() / 1000);
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': sendOptions.contentType ?? 'application/x-www-form-urlencoded',
          ...signSlackRequest(sendOptions.secret ?? SIGNING_SECRET, body, timestamp),
          ...(sendOptions.retryNum
            ? { 'x-slack-retry-num': String(sendOptions.retryNum), 'x-slack-retry-reason': 'http_timeout' }
            : {}),
        },
        body,
      });
    },
    async runJobs() {
      const runs = await ports.jobs.runAll();
      const failed = runs.filter((run) => run.state === 'failed');
      if (failed.length > 0) {
        const error = failed[0]?.error;
        throw new Error(
          `job ${failed[0]?.job.name} failed: ${error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}`,
        );
      }
    },
  };
}
