import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@visieleren/core';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK_FILE, lockDataDir } from '../src/db/data-dir-lock.js';
import { findMigrationsDir, loadMigrations } from '../src/db/migrations.js';
import { createStore } from '../src/index.js';
import { sampleTraject } from './support/fixtures.js';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

describe('migrations folder', () => {
  it('is found from the source tree and from the built dist/ alike', () => {
    const expected = join(packageDir, 'drizzle');
    expect(findMigrationsDir(join(packageDir, 'src', 'db'))).toBe(expected);
    expect(findMigrationsDir(join(packageDir, 'dist'))).toBe(expected);
    expect(findMigrationsDir()).toBe(expected);
  });

  it('says in Dutch where it looked when the folder is missing', () => {
    expect(() => findMigrationsDir('/')).toThrow(ConfigurationError);
    expect(() => findMigrationsDir('/')).toThrow(/databasemigraties zijn niet gevonden/);
  });

  it('splits every migration into statements, with the audit trigger in its own migration', () => {
    const migrations = loadMigrations(findMigrationsDir());
    // The journal lists them in order; the first three are the ones this test knows by heart.
    expect(migrations.map((migration) => migration.tag).slice(0, 3)).toEqual([
      '0000_init',
      '0001_audit_append_only',
      '0002_hour_log_order',
    ]);
    expect(migrations.map((migration) => migration.tag)).toContain('0004_plugin_ports');
    expect(migrations[1]?.statements).toHaveLength(3);
    expect(migrations.every((migration) => /^[0-9a-f]{64}$/.test(migration.hash))).toBe(true);
  });
});

describe('PGlite in a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'visieleren-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what was stored after the process closes and opens it again', async () => {
    const first = await createStore({ dataDir: join(dataDir, 'nested', 'data') });
    expect(first.driver).toBe('pglite');
    await expect(first.ping()).rejects.toThrow(/migratie/);
    await first.migrate();
    await first.trajects.create(sampleTraject(), 'test');
    await first.close();
    await first.close();

    const second = await createStore({ dataDir: join(dataDir, 'nested', 'data') });
    try {
      expect((await second.migrate()).applied).toEqual([]);
      expect((await second.trajects.get('tr-ede', { kind: 'all' })).participants).toHaveLength(2);
    } finally {
      await second.close();
    }
    // Creating a data folder takes ~5 s on an idle machine and far longer on a busy one: it is not the subject.
  }, 120_000);
});

describe('PGlite data folder lock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'visieleren-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second opener while the folder is open; a lock of a process that is gone is taken over', async () => {
    const first = await createStore({ dataDir });
    const second = await createStore({ dataDir }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ConfigurationError);
    expect((second as Error).message).toMatch(/al geopend door dit proces/);
    await first.close();
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);

    // A crashed process leaves its lock behind: a pid that no longer runs does not block the next start.
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(join(dataDir, DATA_DIR_LOCK_FILE), `${gone}\n`);
    const release = lockDataDir(dataDir);
    expect(readFileSync(join(dataDir, DATA_DIR_LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false);
  });

  it("names another running process's pid", () => {
    const other = mkdtempSync(join(tmpdir(), 'visieleren-lock-'));
    // The parent of this test process is running for sure and is not this process.
    writeFileSync(join(other, DATA_DIR_LOCK_FILE), `${process.ppid}\n`);
    try {
      expect(() => lockDataDir(other)).toThrow(new RegExp(`ander proces \\(pid ${process.ppid}\\)`));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('configuration errors', () => {
  it('names an unreachable PostgreSQL in Dutch without revealing the password', async () => {
    const store = await createStore({
      databaseUrl: 'postgres://app:geheim-wachtwoord@127.0.0.1:1/visieleren',
    });
    try {
      const error = await store.migrate().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(
        /PostgreSQL is niet bereikbaar op postgres:\/\/app:\*\*\*@127\.0\.0\.1:1/,
      );
      expect((error as Error).message).not.toContain('geheim-wachtwoord');
      await expect(store.ping()).rejects.toBeInstanceOf(ConfigurationError);
    } finally {
      await store.close();
    }
  });

  it('refuses PostgreSQL and in-memory at once, and PGlite without a data folder', async () => {
    await expect(
      createStore({ databaseUrl: 'postgres://x@127.0.0.1/x', inMemory: true }),
    ).rejects.toBeInstanceOf(ConfigurationError);
    await expect(createStore({})).rejects.toThrow(/datamap/);
  });
});
