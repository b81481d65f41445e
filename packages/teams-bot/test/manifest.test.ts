import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  buildManifest,
  colorIcon,
  englishLocalization,
  MANIFEST_VERSION,
  outlineIcon,
} from '../src/index.js';

const require = createRequire(import.meta.url);
const SCHEMAS = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);
const OPTIONS = {
  appId: '11111111-2222-3333-4444-555555555555',
  ssoAppId: '66666666-7777-4888-8999-aaaaaaaaaaaa',
  publicUrl: 'https://visieleren.vng.example',
};

function validator(file: string) {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `v${MANIFEST_VERSION}`, file), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The schemas use these formats; the checks that matter here are structure, patterns and lengths.
  for (const format of ['uri', 'uri-reference', 'email', 'regex', 'date-time', 'hostname'])
    ajv.addFormat(format, true);
  return ajv.compile(schema);
}

/** Width, height and colour type of a PNG, and its pixels (RGBA, filter 0 as we write them). */
function readPng(buffer: Uint8Array) {
  const data = Buffer.from(buffer);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const idatLength = data.readUInt32BE(33);
  const raw = inflateSync(data.subarray(41, 41 + idatLength));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = y * (width * 4 + 1) + 1 + x * 4;
      pixels.push([raw[offset] ?? 0, raw[offset + 1] ?? 0, raw[offset + 2] ?? 0, raw[offset + 3] ?? 0]);
    }
  }
  return { width, height, colourType: data[25], pixels };
}

describe('app manifest', () => {
  it(`validates against Microsoft's schema v${MANIFEST_VERSION} from @microsoft/app-manifest`, () => {
    const validate = validator('MicrosoftTeams.schema.json');
    const manifest = buildManifest(OPTIONS);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
  });

  it('has the bot in personal, team and group chat, the configurable tab, the public host as valid domain and SSO for the tab', () => {
    const manifest = buildManifest(OPTIONS) as {
      bots: Array<{ scopes: string[]; botId: string }>;
      configurableTabs: Array<{ configurationUrl: string }>;
      validDomains: string[];
      localizationInfo: { defaultLanguageTag: string };
      webApplicationInfo: { id: string; resource: string };
    };
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0]?.botId).toBe(OPTIONS.appId);
    expect(manifest.configurableTabs[0]?.configurationUrl).toBe(
      'https://visieleren.vng.example/teams/tab/config',
    );
    expect(manifest.validDomains).toEqual(['visieleren.vng.example']);
    // Single sign-on in the tab: the API the tab's own Entra app exposes (not the bot's), on the public host.
    expect(manifest.webApplicationInfo).toEqual({
      id: OPTIONS.ssoAppId,
      resource: `api://visieleren.vng.example/${OPTIONS.ssoAppId}`,
    });
    const { ssoAppId: _none, ...withoutTab } = OPTIONS;
    expect(buildManifest(withoutTab).webApplicationInfo).toBeUndefined();
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('nl-nl');
  });

  it('the English localization file validates against its schema', () => {
    const validate = validator('MicrosoftTeams.Localization.schema.json');
    expect(validate(englishLocalization()) ? [] : validate.errors).toEqual([]);
  });

  it('the schema check does catch a broken manifest (so an empty list means something)', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    expect(validate({ ...buildManifest(OPTIONS), accentColor: 'blauw' })).toBe(false);
  });

  it('refuses a public URL without https and an app id that is no GUID, naming the setting in Dutch', () => {
    expect(() => buildManifest({ ...OPTIONS, publicUrl: 'http://localhost:3000' })).toThrow(
      /--public-url moet met https/,
    );
    expect(() => buildManifest({ ...OPTIONS, appId: 'mijn-bot' })).toThrow(/app-id is geen GUID/);
    expect(() => buildManifest({ ...OPTIONS, ssoAppId: 'tab' })).toThrow(/TEAMS_SSO_APP_ID/);
    for (const version of ['1.0', '01.2.3', '1.2.3-beta', 'v2.0.0']) {
      expect(() => buildManifest({ ...OPTIONS, version })).toThrow(/--app-version moet drie getallen zijn/);
    }
  });

  it('carries the version it is given, so the admin center can update the app', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    const manifest = buildManifest({ ...OPTIONS, version: '2.14.0' });
    expect(manifest.version).toBe('2.14.0');
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(buildManifest(OPTIONS).version).toBe('1.0.0');
  });
});

describe('icons and package', () => {
  it('a 192×192 colour icon and a 32×32 outline icon: white on transparent', () => {
    const color = readPng(colorIcon());
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    expect(color.pixels.every((pixel) => pixel[3] === 255)).toBe(true);
    const outline = readPng(outlineIcon());
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const visible = outline.pixels.filter((pixel) => (pixel[3] ?? 0) > 0);
    expect(visible.length).toBeGreaterThan(20);
    expect(visible.every(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
    expect(outline.pixels.filter((pixel) => pixel[3] === 0).length).toBeGreaterThan(500);
  });

  it('the zip holds manifest, English strings and both icons, the same bytes every time', () => {
    const zip = buildAppPackage(OPTIONS);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest.id).toBe(OPTIONS.appId);
    expect(Buffer.from(buildAppPackage(OPTIONS)).equals(Buffer.from(zip))).toBe(true);
  });
});
