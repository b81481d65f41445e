import { ConfigurationError } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, readTeamsConfig, teamsLocalModeRefusal, teamsPlugin } from '../src/index.js';
import { startTestServer } from './helpers/bot-server.js';

describe('teamsPlugin', () => {
  it('is off without TEAMS_APP_ID, on with it, and anonymous only when TEAMS_LOCAL=1 asks for it', () => {
    expect(teamsPlugin.activation({})).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('TEAMS_APP_ID'),
    });
    expect(teamsPlugin.activation({ TEAMS_APP_ID: 'x' }).enabled).toBe(true);
    expect(teamsPlugin.activation({ TEAMS_LOCAL: '1' })).toMatchObject({
      enabled: true,
      reason: expect.stringContaining('anoniem'),
    });
    expect(readTeamsConfig({ TEAMS_LOCAL: '1' }).bot.anonymous).toBe(true);
    // With an app id, TEAMS_LOCAL does not switch the token check off.
    expect(
      readTeamsConfig({ TEAMS_LOCAL: '1', TEAMS_APP_ID: 'x', TEAMS_APP_PASSWORD: 'y' }).bot.anonymous,
    ).toBe(false);
  });

  it('names the missing or wrong variable in Dutch', () => {
    expect(() => readTeamsConfig({ TEAMS_APP_ID: 'x' })).toThrow(/TEAMS_APP_PASSWORD/);
    expect(() =>
      readTeamsConfig({ TEAMS_APP_ID: 'x', TEAMS_APP_TYPE: 'SingleTenant', TEAMS_APP_PASSWORD: 'y' }),
    ).toThrow(/TEAMS_TENANT_ID/);
    expect(() => readTeamsConfig({ TEAMS_APP_ID: 'x', TEAMS_APP_TYPE: 'Iets' })).toThrow(ConfigurationError);
    expect(() =>
      readTeamsConfig({ TEAMS_APP_ID: 'x', TEAMS_APP_PASSWORD: 'y', TEAMS_AUTHORITY: 'geen url' }),
    ).toThrow(/TEAMS_AUTHORITY/);
    expect(
      readTeamsConfig({ TEAMS_APP_ID: 'x', TEAMS_APP_TYPE: 'UserAssignedMSI', TEAMS_TENANT_ID: 't' }).bot
        .appType,
    ).toBe('UserAssignedMSI');
  });

  it('reports its mode at start and warns in anonymous mode; never prints the secret', async () => {
    const local = await startTestServer({ TEAMS_LOCAL: '1' });
    expect(local.instance.describe?.().join('\n')).toMatch(/anoniem/);
    expect(local.logs.some((line) => line.level === 'warn' && /ANONIEM/.test(line.message))).toBe(true);
    await local.close();
    const real = await startTestServer({
      TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_APP_PASSWORD: 'heel-geheim',
    });
    const lines = real.instance.describe?.().join('\n') ?? '';
    expect(lines).toMatch(/multi-tenant/);
    expect(lines).toContain('/api/messages');
    expect(`${lines}${JSON.stringify(real.logs)}`).not.toContain('heel-geheim');
    await real.close();
  });

  it('allows the anonymous local mode only on a loopback address', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(teamsLocalModeRefusal({ TEAMS_LOCAL: '1' }, host)).toBeUndefined();
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'visieleren.example.nl', '128.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
      expect(teamsLocalModeRefusal({ TEAMS_LOCAL: '1' }, host)).toMatch(/HOST is/);
    }
    // With a real app id the token check is on: any address will do.
    expect(teamsLocalModeRefusal({ TEAMS_LOCAL: '1', TEAMS_APP_ID: 'x' }, '0.0.0.0')).toBeUndefined();
    expect(() => readTeamsConfig({ TEAMS_LOCAL: '1', HOST: '0.0.0.0' })).toThrow(/TEAMS_LOCAL=1/);
  });

  it('fetches keys and tokens over plain http only from this machine', () => {
    const base = { TEAMS_APP_ID: 'x', TEAMS_APP_PASSWORD: 'y' };
    expect(
      readTeamsConfig({ ...base, TEAMS_TOKEN_ENDPOINT: 'http://127.0.0.1:4000/token' }).bot.tokenEndpoint,
    ).toBe('http://127.0.0.1:4000/token');
    expect(
      readTeamsConfig({ ...base, TEAMS_TOKEN_ENDPOINT: 'https://login.example.nl/token' }).bot.tokenEndpoint,
    ).toBe('https://login.example.nl/token');
    for (const name of ['TEAMS_TOKEN_ENDPOINT', 'TEAMS_AUTHORITY', 'TEAMS_SSO_OPENID_METADATA_URL']) {
      expect(() => readTeamsConfig({ ...base, [name]: 'http://tokens.example.nl/token' })).toThrow(
        new RegExp(`${name} op een https-URL`),
      );
    }
  });
});
