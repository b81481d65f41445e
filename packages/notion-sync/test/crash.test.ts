import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';
import { FakeNotion, type FaultKind } from '../src/testing.js';
import { crashTrajects } from './crash-data.js';
import { inventory } from './support.js';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));
let fake: FakeNotion | undefined;
let dir: string | undefined;

afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(
  state: string,
  options: { killOn?: FaultKind } = {},
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(
      process.execPath,
      ['--conditions=@visieleren/source', '--import', 'tsx', child, fake!.url, fake!.token, state],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    process_.stdout.on('data', (chunk) => (out += String(chunk)));
    process_.stderr.on('data', (chunk) => (err += String(chunk)));
    // The fake holds the faulted request open; once it is seen, the process is killed mid-write.
    const watch = options.killOn
      ? setInterval(() => {
          if (fake!.requests.some((request) => request.fault === options.killOn)) process_.kill('SIGKILL');
        }, 20)
      : undefined;
    process_.on('error', reject);
    process_.on('exit', (code, signal) => {
      if (watch) clearInterval(watch);
      if (code !== 0 && signal === null) reject(new Error(`child failed: ${err}`));
      else resolve({ code, signal, out });
    });
  });
}

function expectedInventory() {
  const rendered = crashTrajects().map((traject) =>
    renderTraject(traject, new Date().toISOString().slice(0, 10)),
  );
  return rendered.reduce((sum, desired) => sum + desired.rows.length + 1, 0);
}

describe('a sync killed with SIGKILL and run again', () => {
  // The run takes trajects in id order and makes each traject's page first: this many creates come before
  // the second traject's page, the one the first case hangs (so its page must be found back, dossier and all).
  const first = [...crashTrajects()].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
  const beforeSecondTraject = 1 + renderTraject(first, new Date().toISOString().slice(0, 10)).rows.length;
  for (const [kind, after] of [
    ['timeout-after-save', beforeSecondTraject],
    ['timeout-before-save', 25],
  ] as Array<[FaultKind, number]>) {
    it(`converges without duplicates (killed while a page create hangs, ${kind})`, {
      timeout: 120_000,
    }, async () => {
      fake = new FakeNotion();
      await fake.start();
      dir = mkdtempSync(join(tmpdir(), 'notion-crash-'));
      const state = join(dir, 'links.json');
      fake.inject({ kind, method: 'POST', path: /^pages$/, after });

      const killed = await run(state, { killOn: kind });
      expect(killed.signal).toBe('SIGKILL');
      const made = inventory(fake);
      expect(made.Trajecten!.rows).toBeLessThan(4 + 1);

      fake.clearFaults();
      const resumed = await run(state);
      expect(JSON.parse(resumed.out)).toMatchObject({ synced: 4, recovered: true });
      const stock = inventory(fake);
      for (const [title, entry] of Object.entries(stock)) expect(entry.duplicates, title).toEqual([]);
      const total = Object.values(stock).reduce((sum, entry) => sum + entry.rows, 0);
      expect(total).toBe(expectedInventory());
      for (const row of fake.rows('Trajecten')) {
        const texts = fake.blocksOf(row.id).map((block) => `${block.type}:${block.text}`);
        expect(new Set(texts).size, 'no dossier block twice').toBe(texts.length);
      }

      // Every traject page, also one found back, has its dossier recorded (so ticks in it are read).
      const links = JSON.parse(readFileSync(state, 'utf8')) as Array<
        [string, { kind: string; payload: { entity: string; dossier?: unknown } }]
      >;
      const trajectLinks = links
        .map(([, link]) => link)
        .filter((link) => link.kind === 'notion-page' && link.payload.entity === 'traject');
      expect(trajectLinks).toHaveLength(4);
      for (const link of trajectLinks) expect(link.payload.dossier).toBeDefined();

      const before = fake.requests.length;
      const again = await run(state);
      expect(JSON.parse(again.out)).toMatchObject({ recovered: false, writes: 0 });
      expect(fake.writesSince(before)).toEqual([]);
    });
  }
});
