import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, type Store } from '@visieleren/store';
import { createTemporaryDatabase, type TemporaryDatabase } from '@visieleren/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from './helpers/cli.js';

/** `visieleren token list|revoke`: the VNG team manages its tokens without ever seeing one again. */

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
let database: TemporaryDatabase;
let store: Store;
let cwd: string;

const cli = (...argv: string[]) =>
  runCliCaptured(argv, {
    cwd,
    env: { DATABASE_URL: database.url, VISIELEREN_FORMS_SECRET: 'token-test-geheim-van-minstens-32-tekens' },
  });

beforeAll(async () => {
  database = await createTemporaryDatabase(ADMIN_URL);
  store = await createStore({ databaseUrl: database.url, maxConnections: 2 });
  await store.migrate();
  cwd = await mkdtemp(join(tmpdir(), 'visieleren-token-'));
}, 60_000);

afterAll(async () => {
  await store?.close();
  await database?.drop();
  await rm(cwd, { recursive: true, force: true });
});

describe('visieleren token list and revoke', { timeout: 60_000 }, () => {
  it('lists tokens without the secret, and a revoked token stops working at once', async () => {
    expect((await cli('token', 'list')).stdout).toContain('Geen API-tokens');
    const created = await cli('token', 'create', '--role', 'vng', '--label', 'Anna, visieleerteam');
    expect(created.code, created.stderr).toBe(0);
    const token = /\b(vl_[A-Za-z0-9_-]+)/.exec(created.stdout)?.[1] ?? '';
    const principal = await store.tokens.verify(token);
    if (!principal) throw new Error('token werkt niet');

    const listed = await cli('token', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(principal.tokenId);
    expect(listed.stdout).toContain('"Anna, visieleerteam"');
    expect(listed.stdout).not.toContain(token);

    const revoked = await cli('token', 'revoke', principal.tokenId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('is ingetrokken');
    expect(await store.tokens.verify(token)).toBeUndefined();
    expect(await store.tokens.findActive(principal.tokenId)).toBeUndefined();

    const again = await cli('token', 'revoke', principal.tokenId);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was al ingetrokken');
    expect((await cli('token', 'list')).stdout).toContain('Geen API-tokens');
    const all = JSON.parse((await cli('token', 'list', '--ingetrokken', '--json')).stdout) as Array<{
      id: string;
      revokedAt?: string;
    }>;
    expect(all).toEqual([expect.objectContaining({ id: principal.tokenId, revokedAt: expect.any(String) })]);
  });

  it('refuses a missing or unknown id in Dutch (exit 2)', async () => {
    const missing = await cli('token', 'revoke');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/precies één token-id/);
    const unknown = await cli('token', 'revoke', 'bestaat-niet');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Geen token met id "bestaat-niet"/);
  });
});
