import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@visieleren/core';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(migrations.map((migration) => migration.tag)).toEqual([
      '0000_init',
      '0001_audit_append_only',
      '0002_hour_log_order',
    ]);
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
