import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from '@visieleren/store';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured, tempDirWith } from './helpers/cli.js';

/** `visieleren teams code|manifest|package`: Dutch output, exit code 2 on bad arguments. */
const APP_ID = '11111111-2222-3333-4444-555555555555';
let cwd: string;

beforeAll(() => {
  cwd = tempDirWith();
});

const cli = (argv: string[], env: Record<string, string> = {}) => runCliCaptured(argv, { cwd, env });

describe('visieleren teams', { timeout: 120_000 }, () => {
  it('manifest needs an app id and an https public URL, naming the argument (exit 2)', async () => {
    const noId = await cli(['teams', 'manifest', '--public-url', 'https://visieleren.example.nl']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/--app-id ontbreekt/);
    const http = await cli([
      'teams',
      'manifest',
      '--app-id',
      APP_ID,
      '--public-url',
      'http://localhost:3000',
    ]);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/--public-url moet met https/);
    const badId = await cli([
      'teams',
      'manifest',
      '--app-id',
      'mijn-bot',
      '--public-url',
      'https://v.example.nl',
    ]);
    expect(badId.code).toBe(2);
  });

  it('manifest prints the manifest, taking the app id and URL from the environment too', async () => {
    const result = await cli(['teams', 'manifest'], {
      TEAMS_APP_ID: APP_ID,
      VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl',
    });
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout) as { id: string; validDomains: string[] };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['visieleren.example.nl']);
  });

  it('package writes the zip with manifest, English strings and icons', async () => {
    const result = await cli([
      'teams',
      'package',
      '--out',
      'visieleren-teams.zip',
      '--app-id',
      APP_ID,
      '--public-url',
      'https://visieleren.example.nl',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/App-pakket geschreven/);
    const files = unzipSync(readFileSync(join(cwd, 'visieleren-teams.zip')));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const missing = await cli(['teams', 'package', '--app-id', APP_ID]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out ontbreekt/);
  });

  it('code makes a one-time code for an existing traject; bad hours are refused', async () => {
    const bad = await cli(['teams', 'code', '--traject', 'x', '--uren', 'veel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--uren/);
    const created = await cli([
      'traject',
      'create',
      '--gemeente',
      'Ede',
      '--start',
      '2027-01-11',
      '--kernvraag',
      'Hoe houden we de toegang dichtbij?',
      '--thema',
      'inwoner-centraal',
      '--id',
      'ede-2027',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const result = await cli(['teams', 'code', '--traject', 'ede-2027']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/@Visieleren koppel [A-Z2-9]{8}/);
    const unknown = await cli(['teams', 'code', '--traject', 'bestaat-niet']);
    expect(unknown.code).not.toBe(0);
  });

  it('koppelingen lists the conversations with their traject, and which ones the bot no longer reaches', async () => {
    const empty = await cli(['teams', 'koppelingen']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('nog geen Teams-gesprekken');
    // Two conversations as the bot stores them: one linked and reachable, one out of reach after a 403.
    const store = await createStore({ dataDir: join(cwd, '.visieleren', 'data') });
    try {
      const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:a' } };
      await store.platformLinks.link(
        {
          kind: 'teams-conversation',
          externalId: '19:a@thread.tacv2',
          trajectId: 'ede-2027',
          payload: { reference, conversationType: 'channel', active: true },
        },
        'test',
      );
      await store.platformLinks.link(
        {
          kind: 'teams-conversation',
          externalId: '19:b@thread.v2',
          payload: {
            reference,
            conversationType: 'groupChat',
            active: false,
            inactiveReason: 'Teams antwoordde 403: bot verwijderd of geblokkeerd',
          },
        },
        'test',
      );
    } finally {
      await store.close();
    }
    const all = await cli(['teams', 'koppelingen']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/Ede \(ede-2027\)\s+kanaal\s+actief/);
    expect(all.stdout).toMatch(/\(niet gekoppeld\)\s+groepschat\s+INACTIEF: Teams antwoordde 403/);
    const inactive = await cli(['teams', 'koppelingen', '--inactief', '--json']);
    expect(inactive.code, inactive.stderr).toBe(0);
    const rows = JSON.parse(inactive.stdout) as Array<{ actief: boolean; soort: string }>;
    expect(rows).toEqual([expect.objectContaining({ actief: false, soort: 'groepschat' })]);
    // Conversation ids are for the bot, not for this list.
    // (Not just "19:", which a time of day such as 11:19:36 contains too.)
    expect(all.stdout + inactive.stdout).not.toMatch(/19:[ab]@/);
  });

  it('serve refuses the anonymous Teams mode on an address others can reach, with a Dutch message (exit 2)', async () => {
    const shared = await cli(['serve'], { TEAMS_LOCAL: '1', HOST: '0.0.0.0' });
    expect(shared.code).not.toBe(0);
    expect(shared.stderr).toMatch(
      /TEAMS_LOCAL=1 .* mag alleen op een adres van deze machine draaien, maar HOST is 0\.0\.0\.0/,
    );
    // With PostgreSQL the default address is every interface: refused as well, before any connection is made.
    const defaulted = await cli(['serve'], {
      TEAMS_LOCAL: '1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/niet-gebruikt',
      VISIELEREN_FORMS_SECRET: 'een-geheim-van-minstens-tweeendertig-tekens-lang',
    });
    expect(defaulted.code).not.toBe(0);
    expect(defaulted.stderr).toMatch(/HOST is 0\.0\.0\.0/);
  });

  it("manifest and package take --app-version and the tab's own Entra app", async () => {
    const env = { TEAMS_APP_ID: APP_ID, VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl' };
    const result = await cli(
      ['teams', 'manifest', '--app-version', '1.4.2', '--sso-app-id', '66666666-7777-4888-8999-aaaaaaaaaaaa'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout) as { version: string; webApplicationInfo: { id: string } };
    expect(manifest.version).toBe('1.4.2');
    expect(manifest.webApplicationInfo.id).toBe('66666666-7777-4888-8999-aaaaaaaaaaaa');
    const bad = await cli(['teams', 'package', '--out', 'x.zip', '--app-version', '1.4'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--app-version moet drie getallen zijn/);
  });

  it("consent-url prints the admin-consent address for a gemeente's tenant", async () => {
    const env = {
      TEAMS_SSO_APP_ID: '66666666-7777-4888-8999-aaaaaaaaaaaa',
      VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl',
    };
    const result = await cli(['teams', 'consent-url', '--tenant', 'ede.onmicrosoft.com'], env);
    expect(result.code, result.stderr).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin + url.pathname).toBe(
      'https://login.microsoftonline.com/ede.onmicrosoft.com/adminconsent',
    );
    expect(url.searchParams.get('client_id')).toBe('66666666-7777-4888-8999-aaaaaaaaaaaa');
    expect(url.searchParams.get('redirect_uri')).toBe('https://visieleren.example.nl/teams/toestemming');
    const noTenant = await cli(['teams', 'consent-url'], env);
    expect(noTenant.code).toBe(2);
    const badTenant = await cli(['teams', 'consent-url', '--tenant', 'ede gemeente'], env);
    expect(badTenant.code).toBe(2);
    expect(badTenant.stderr).toMatch(/--tenant is geen tenant-id of domeinnaam/);
    const noApp = await cli(['teams', 'consent-url', '--tenant', 'ede.onmicrosoft.com'], {
      VISIELEREN_PUBLIC_URL: 'https://visieleren.example.nl',
    });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toMatch(/--sso-app-id ontbreekt/);
  });
});
