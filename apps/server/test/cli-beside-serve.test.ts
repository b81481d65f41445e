import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AANMELDING_EXAMPLE } from '@visieleren/forms/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_FILE } from '../src/cli/local-server.js';
import { CLI_CHANNEL_PATH } from '../src/cli/remote.js';
import { CREATE_COHORT_ARGS } from './helpers/beheer-fixtures.js';
import { BUILT_CLI, buildCli } from './helpers/built-cli.js';
import { type Mailbox, startMailbox } from './helpers/mailbox.js';

/**
 * `npm start` in one shell, `visieleren …` in another: the real server (`serve` on the embedded database in a
 * temporary data folder, on a random port) and the built CLI as child processes, as a VNG team member runs them.
 */

let home: string;
let dataDir: string;
let serve: ChildProcess;
let serverOutput = '';
let discovered: { pid: number; url: string; credential: string };
/** The server's e-mail (only `serve` has SMTP_URL: a mailed link proves the server sent it). */
let mailbox: Mailbox;
/** A webhook that always answers 500, so the server's first reminders fail and can be retried. */
let webhook: Server;

/** What both shells share: the same data folder. The CLI's shell sets no PORT, so links must come from the server. */
const shellEnv = () => ({
  PATH: process.env.PATH,
  HOME: home,
  VISIELEREN_DATA_DIR: dataDir,
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'warn',
});

function run(args: string[], cwd = home): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd, env: shellEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
  poll?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await poll?.();
    if (condition()) return;
    if (Date.now() > deadline)
      throw new Error(`Wachten op ${what} duurde te lang.\n${serverOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  buildCli();
  home = await mkdtemp(join(tmpdir(), 'visieleren-tweede-shell-'));
  dataDir = join(home, 'data');
  mailbox = await startMailbox();
  webhook = createServer((_req, res) => res.writeHead(500).end('kapot'));
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  serve = spawn(process.execPath, [BUILT_CLI, 'serve'], {
    cwd: home,
    env: {
      ...shellEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      VISIELEREN_DISPATCH_INTERVAL_MS: '3600000',
      SMTP_URL: mailbox.url,
      VISIELEREN_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/herinneringen`,
      VISIELEREN_WEBHOOK_SECRET: 'webhookgeheim-van-de-tweede-shell-test-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve.stdout?.on('data', (chunk) => (serverOutput += chunk));
  serve.stderr?.on('data', (chunk) => (serverOutput += chunk));
  await waitFor(() => existsSync(join(dataDir, SERVER_FILE)), 150_000, 'de server');
  discovered = JSON.parse(await readFile(join(dataDir, SERVER_FILE), 'utf8'));
}, 240_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) serve.kill('SIGKILL');
  await mailbox?.close();
  webhook?.close();
  await rm(home, { recursive: true, force: true });
});

describe('the CLI while serve runs on the embedded database', () => {
  let trajectId: string;

  it('finds the server in the data folder: its own address and a credential only this user can read', async () => {
    expect(discovered.pid).toBe(serve.pid);
    expect(discovered.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovered.url).not.toContain(':3978');
    expect((await stat(join(dataDir, SERVER_FILE))).mode & 0o777).toBe(0o600);
  });

  it('traject list answers from the server’s database, in aligned columns', async () => {
    const result = await run(['traject', 'list']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(result.stderr).not.toMatch(/al geopend/);
    const json = await run(['traject', 'list', '--json']);
    trajectId = JSON.parse(json.stdout).trajecten[0].id;
    // Every row's second column starts where the header's does.
    const column = lines[0]?.indexOf('gemeente') ?? -1;
    expect(column).toBeGreaterThan(0);
    for (const line of lines.slice(1)) expect(line[column - 1]).toBe(' ');
  });

  it('teams code makes a one-time code that the server knows', async () => {
    const result = await run(['teams', 'code', '--traject', trajectId]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/@Visieleren koppel \S+/);
  });

  it('forms link signs a link on the running server’s address, which that server opens', async () => {
    const result = await run(['forms', 'link', '--form', 'evaluatie', '--traject', trajectId]);
    expect(result.code, result.stderr).toBe(0);
    const link = result.stdout.trim();
    expect(link.startsWith(`${discovered.url}/forms/`)).toBe(true);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
  });

  it('token create makes a token the running server accepts at once, without a restart', async () => {
    const result = await run(['token', 'create', '--rol', 'vng', '--label', 'tweede shell']);
    expect(result.code, result.stderr).toBe(0);
    const token = /^\s+(vl_\S+)$/m.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    const api = await fetch(`${discovered.url}/api/v1/trajecten`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
  });

  it('reads a file argument from the CLI’s own folder (traject create --file)', async () => {
    const folder = await mkdtemp(join(home, 'elders-'));
    await writeFile(
      join(folder, 'traject.json'),
      JSON.stringify({
        templateKey: 'visieleertraject',
        startDate: '2027-03-01',
        gemeenten: [{ name: 'Tweede Shell' }],
        kernvraag: 'Werkt de CLI naast de server?',
      }),
    );
    const result = await run(['traject', 'create', '--file', 'traject.json'], folder);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Traject tweede-shell-\S+ gemaakt/);
  });

  it('a usage error is reported as before (exit 2, Dutch)', async () => {
    const result = await run(['token', 'create', '--rol', 'gemeente']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--traject ontbreekt/);
  });

  it('aanmeldingen: a form sent to the running server is listed, shown whole and accepted; its people join', async () => {
    const sent = await fetch(`${discovered.url}/aanmelden`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...AANMELDING_EXAMPLE,
        'bestuurder-wie': 'Ria Smit, wethouder',
      }).toString(),
    });
    expect(sent.status).toBe(303);
    const id = new URL(sent.headers.get('location') ?? '', discovered.url).searchParams.get('ref') ?? '';
    expect(id).toMatch(/^medemblik-/);

    const list = await run(['aanmeldingen', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${id} +Medemblik +\\d{4}-\\d\\d-\\d\\d +Sanne de Boer`));
    const shown = await run(['aanmeldingen', 'show', id]);
    expect(shown.stdout).toMatch(/Welke bestuurder\(s\) doen mee\?\n +Ria Smit, wethouder/);
    const accepted = await run(['aanmeldingen', 'accepteren', id, '--start', '2027-03-01']);
    expect(accepted.code, accepted.stderr).toBe(0);
    const traject = JSON.parse((await run(['traject', 'show', id, '--json'])).stdout).traject;
    expect(traject.status).toBe('lopend');
    expect(traject.participants.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Sanne de Boer', 'Ria Smit']),
    );

    const declined = await run([
      'aanmeldingen',
      'afwijzen',
      'voorbeeld-heuvelland',
      '--reden',
      'Niet in deze ronde',
    ]);
    expect(declined.code, declined.stderr).toBe(0);
    const status = await run(['traject', 'status', 'voorbeeld-heuvelland']);
    expect(status.stdout).toMatch(
      /: Aanmelding afgewezen\nRedenen, nieuwste eerst:\n.*Aanmelding afgewezen: Niet in deze ronde \(cli\)/,
    );
  });

  it('traject status sets a status with its reason, which the API reports', async () => {
    const noReason = await run([
      'traject',
      'status',
      'voorbeeld-rivierenland',
      '--status',
      'tussentijds-gestopt',
    ]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reden');
    const paused = await run([
      'traject',
      'status',
      'voorbeeld-rivierenland',
      '--status',
      'gepauzeerd',
      '--reden',
      'De wethouder wisselt',
    ]);
    expect(paused.code, paused.stderr).toBe(0);
    const { redenen } = JSON.parse(
      (await run(['traject', 'status', 'voorbeeld-rivierenland', '--json'])).stdout,
    );
    expect(redenen[0]).toMatchObject({ status: 'gepauzeerd', reason: 'De wethouder wisselt', by: 'cli' });
  });

  it('programma create and add make a cohort the server shows', async () => {
    const created = await run(CREATE_COHORT_ARGS);
    expect(created.code, created.stderr).toBe(0);
    const added = await run(['programma', 'add', 'cohort-2027', '--traject', 'voorbeeld-rivierenland']);
    expect(added.code, added.stderr).toBe(0);
    const page = await fetch(`${discovered.url}/programmas/cohort-2027`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Cohort 2027');
    const shown = JSON.parse((await run(['programma', 'show', 'cohort-2027', '--json'])).stdout);
    expect(shown.programma.trajectIds).toEqual(['voorbeeld-aan-zee', 'voorbeeld-rivierenland']);
  });

  it('forms link --mail-naar sends the link through the server’s SMTP, on the server’s address', async () => {
    const result = await run([
      'forms',
      'link',
      '--form',
      'vit',
      '--traject',
      'voorbeeld-aan-zee',
      '--mail-naar',
      'contactpersoon@aanzee.example',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const link = result.stdout.trim();
    expect(link.startsWith(`${discovered.url}/forms/`)).toBe(true);
    const mail = mailbox.mails.find((m) => m.to.includes('contactpersoon@aanzee.example'));
    expect(mail?.text).toContain(link);
    expect((await fetch(link)).status).toBe(200);
  });

  it('reminders list shows the deliveries the webhook refused; reminders retry queues one again', async () => {
    let failed: Array<{ key: string; channel: string; recipient: string; state: string }> = [];
    await waitFor(
      () => failed.length > 0,
      30_000,
      'een mislukte herinnering',
      async () => {
        failed = JSON.parse(
          (await run(['reminders', 'list', '--toestand', 'failed', '--json'])).stdout,
        ).herinneringen;
      },
    );
    const [first] = failed;
    const text = await run(['reminders', 'list', '--toestand', 'failed']);
    expect(text.stdout).toContain(
      `opnieuw: visieleren reminders retry --sleutel ${first?.key} --kanaal webhook`,
    );
    const retried = await run([
      'reminders',
      'retry',
      '--sleutel',
      first!.key,
      '--kanaal',
      first!.channel,
      '--ontvanger',
      first!.recipient,
    ]);
    expect(retried.code, retried.stderr).toBe(0);
    const all = JSON.parse((await run(['reminders', 'list', '--json'])).stdout).herinneringen;
    const row = all.find(
      (r: { key: string; channel: string; recipient: string }) =>
        r.key === first!.key && r.channel === first!.channel && r.recipient === first!.recipient,
    );
    expect(row.state).toBe('pending');
  });

  it('lessen: a gemeente’s lesson waits, and once approved from the CLI it is on the public /lessen', async () => {
    const created = await run(['token', 'create', '--rol', 'gemeente', '--traject', 'voorbeeld-aan-zee']);
    const token = /^\s+(vl_\S+)$/m.exec(created.stdout)?.[1];
    const posted = await fetch(`${discovered.url}/api/v1/lessen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        theme: 'rust-en-regie',
        title: 'Eén vast aanspreekpunt werkt',
        body: 'Inwoners met meerdere vragen willen één vast aanspreekpunt.',
        shared: true,
      }),
    });
    expect(posted.status).toBe(201);
    const { les } = (await posted.json()) as { les: { id: string; approval: string } };
    expect(les.approval).toBe('wacht');
    expect(await (await fetch(`${discovered.url}/lessen`)).text()).not.toContain(
      'Eén vast aanspreekpunt werkt',
    );
    const waiting = await run(['lessen', 'wachtend']);
    expect(waiting.stdout).toContain(les.id);
    const approved = await run(['lessen', 'goedkeuren', les.id]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(await (await fetch(`${discovered.url}/lessen`)).text()).toContain('Eén vast aanspreekpunt werkt');
  });

  it('the channel refuses a request without the credential', async () => {
    const response = await fetch(new URL(CLI_CHANNEL_PATH, discovered.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer geraden' },
      body: JSON.stringify({ argv: ['token', 'list'], cwd: home }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('vng');
  });

  it('after the server stops, the file is gone and the CLI opens the database itself again', async () => {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
    expect(existsSync(join(dataDir, SERVER_FILE))).toBe(false);
    const result = await run(['token', 'list']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('tweede shell');
  }, 120_000);
});
