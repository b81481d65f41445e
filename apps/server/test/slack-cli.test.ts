import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

/** `visieleren slack manifest`: the app manifest with every URL from the public address. */
let cwd: string;

beforeAll(() => {
  cwd = tempDirWith();
});

describe('visieleren slack manifest', { timeout: 120_000 }, () => {
  it('prints the manifest with the slash command, interactivity and events at <public url>/slack/events', async () => {
    const result = await runCliCaptured(['slack', 'manifest', '--public-url', 'https://visieleren.vng.nl'], {
      cwd,
      env: {},
    });
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout) as {
      features: { slash_commands: Array<{ command: string; url: string }> };
      settings: { interactivity: { request_url: string }; event_subscriptions: { request_url: string } };
    };
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/visieleren',
      url: 'https://visieleren.vng.nl/slack/events',
    });
    expect(manifest.settings.interactivity.request_url).toBe('https://visieleren.vng.nl/slack/events');
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://visieleren.vng.nl/slack/events');
  });

  it('takes VISIELEREN_PUBLIC_URL, and names the argument when there is none or it is not https (exit 2)', async () => {
    const fromEnv = await runCliCaptured(['slack', 'manifest'], {
      cwd,
      env: { VISIELEREN_PUBLIC_URL: 'https://v.example.nl' },
    });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain('https://v.example.nl/slack/events');
    const none = await runCliCaptured(['slack', 'manifest'], { cwd, env: {} });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--public-url ontbreekt/);
    const http = await runCliCaptured(['slack', 'manifest', '--public-url', 'http://localhost:3978'], {
      cwd,
      env: {},
    });
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/--public-url: Het publieke adres moet met https:\/\/ beginnen/);
  });
});
