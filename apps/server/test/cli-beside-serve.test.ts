import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_FILE } from '../src/cli/local-server.js';
import { CLI_CHANNEL_PATH } from '../src/cli/remote.js';
import { BUILT_CLI, buildCli } from './helpers/built-cli.js';

/**
 * `npm start` in one shell, `visieleren …` in another: the real server (`serve` on the embedded database in a
 * temporary data folder, on a random port) and the built CLI as child processes, as a VNG team member runs them.
 */

let home: string;
let dataDir: string;
let serve: ChildProcess;
let serverOutput = '';
let discovered: { pid: number; url: string; credential: string };

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

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Wachten op ${what} duurde te lang.\n${serverOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  buildCli();
  home = await mkdtemp(join(tmpdir(), 'visieleren-tweede-shell-'));
  dataDir = join(home, 'data');
  serve = spawn(process.execPath, [BUILT_CLI, 'serve'], {
    cwd: home,
    env: { ...shellEnv(), PORT: '0', HOST: '127.0.0.1', VISIELEREN_DISPATCH_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve.stdout?.on('data', (chunk) => (serverOutput += chunk));
  serve.stderr?.on('data', (chunk) => (serverOutput += chunk));
  await waitFor(() => existsSync(join(dataDir, SERVER_FILE)), 150_000, 'de server');
  discovered = JSON.parse(await readFile(join(dataDir, SERVER_FILE), 'utf8'));
}, 240_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) serve.kill('SIGKILL');
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
