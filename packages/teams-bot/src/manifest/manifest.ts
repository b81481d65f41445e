import { ValidationError } from '@visieleren/core';
import { appIdUri } from '../tab/sign-in.js';
import { ACCENT_COLOR } from './icons.js';

/**
 * The Teams app manifest: the newest schema `@microsoft/app-manifest` ships as stable, Dutch by default with
 * an English localization file, the bot in every scope and a configurable channel tab.
 */
export const MANIFEST_VERSION = '1.30';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const ENGLISH_FILE = 'en-us.json';

export interface ManifestOptions {
  /** The bot's Microsoft App ID (a GUID); also the app id. */
  appId: string;
  /**
   * The tab's own multi-organisation Entra app (TEAMS_SSO_APP_ID): Teams gets the user's sign-in for it. Without
   * it the manifest has no `webApplicationInfo` and the tab cannot sign anyone in.
   */
  ssoAppId?: string;
  /** Where the server is reachable for Teams (https). */
  publicUrl: string;
  /**
   * Version of the app package, X.Y.Z (default 1.0.0). Teams' admin center updates an app in the org catalogue
   * only from a package with a higher version.
   */
  version?: string;
  developerName?: string;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** What the manifest schema accepts as `version`: three numbers, no leading zeros, no pre-release. */
const APP_VERSION = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

const COMMANDS = [
  ['status', 'De stand van zaken van het traject', 'Where the traject stands'],
  ['checklist', 'De checklist per fase, af te vinken', 'The checklist per phase'],
  ['uren', 'Uren tegen de afspraken, en uren schrijven', 'Hours against commitments, and logging hours'],
  ['planning', 'Fasen en sessies, gepland en verwacht', 'Phases and sessions, planned and forecast'],
  ['vit', 'Het VIT-profiel en de vragenlijst', 'The VIT profile and questionnaire'],
  [
    'koppel',
    'Dit gesprek aan een traject koppelen met een code',
    'Link this conversation to a traject with a code',
  ],
  ['ontkoppel', 'De koppeling met het traject opheffen', 'Remove the link to the traject'],
  [
    'aanmelden',
    'Uw gemeente aanmelden voor een visieleertraject',
    'Register your municipality for a traject',
  ],
  ['help', 'Wat de bot kan', 'What the bot can do'],
] as const;

const TEXT = {
  nameShort: ['Visieleren', 'Visieleren'],
  nameFull: ['Visieleren: visieleertrajecten van de VNG', 'Visieleren: VNG vision-learning trajects'],
  descriptionShort: [
    'Het visieleertraject van uw gemeente in Teams.',
    "Your municipality's vision-learning traject in Teams.",
  ],
  descriptionFull: [
    'Visieleren ondersteunt gemeenten en het visieleerteam van de VNG tijdens een visieleertraject: herinneringen aan wat de volgende fase vraagt, de checklist per fase, uren tegen de afspraken per rol, het Verkenningsinstrument Toegang (VIT) en een tab met de tijdlijn, de checklist, de uren en het VIT-profiel.',
    'Visieleren supports municipalities and the VNG team during a vision-learning traject: reminders of what the next phase asks, the checklist per phase, hours against commitments per role, the access exploration instrument (VIT) and a tab with the timeline, checklist, hours and VIT profile.',
  ],
} as const;

function httpsBase(publicUrl: string): URL {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new ValidationError(`--public-url is geen geldige URL: ${JSON.stringify(publicUrl)}.`, [
      { path: 'publicUrl', message: 'verwacht een URL als https://visieleren.gemeente.nl' },
    ]);
  }
  if (url.protocol !== 'https:') {
    throw new ValidationError(
      '--public-url moet met https:// beginnen: Teams laadt tabs en bots alleen via https.',
      [{ path: 'publicUrl', message: 'verwacht https://' }],
    );
  }
  return url;
}

export function buildManifest(options: ManifestOptions): Record<string, unknown> {
  if (!GUID.test(options.appId)) {
    throw new ValidationError(
      `De app-id is geen GUID: ${JSON.stringify(options.appId)} (zet TEAMS_APP_ID of --app-id).`,
      [{ path: 'appId', message: 'verwacht een GUID als 00000000-0000-0000-0000-000000000000' }],
    );
  }
  if (options.ssoAppId !== undefined && !GUID.test(options.ssoAppId)) {
    throw new ValidationError(
      `De app-id van de tab is geen GUID: ${JSON.stringify(options.ssoAppId)} (zet TEAMS_SSO_APP_ID of --sso-app-id).`,
      [{ path: 'ssoAppId', message: 'verwacht een GUID' }],
    );
  }
  if (options.version !== undefined && !APP_VERSION.test(options.version)) {
    throw new ValidationError(
      `--app-version moet drie getallen zijn, zoals 1.4.0 (nu ${JSON.stringify(options.version)}).`,
      [{ path: 'version', message: 'verwacht X.Y.Z' }],
    );
  }
  const url = httpsBase(options.publicUrl);
  const base = url.toString().replace(/\/+$/, '');
  const commands = COMMANDS.map(([title, nl]) => ({ title, description: nl }));
  return {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    id: options.appId,
    localizationInfo: {
      defaultLanguageTag: 'nl-nl',
      additionalLanguages: [{ languageTag: 'en-us', file: ENGLISH_FILE }],
    },
    developer: {
      name: options.developerName ?? 'VNG Platform Sociaal Domein',
      websiteUrl: base,
      privacyUrl: `${base}/privacy`,
      termsOfUseUrl: `${base}/voorwaarden`,
    },
    name: { short: TEXT.nameShort[0], full: TEXT.nameFull[0] },
    description: { short: TEXT.descriptionShort[0], full: TEXT.descriptionFull[0] },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: options.appId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands }],
      },
    ],
    configurableTabs: [
      {
        configurationUrl: `${base}/teams/tab/config`,
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'privateChatTab', 'meetingChatTab'],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [url.host],
    // Single sign-on in the tab: Teams gets the user's token for the tab's own Entra app (not the bot's, which
    // is single-tenant or a managed identity and cannot expose an API to gemeenten' tenants).
    ...(options.ssoAppId
      ? {
          webApplicationInfo: {
            id: options.ssoAppId,
            resource: appIdUri({ appId: options.ssoAppId, publicUrl: base }),
          },
        }
      : {}),
  };
}

/** The English localization file (`en-us.json`). */
export function englishLocalization(): Record<string, unknown> {
  const file: Record<string, unknown> = {
    $schema: `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`,
    'name.short': TEXT.nameShort[1],
    'name.full': TEXT.nameFull[1],
    'description.short': TEXT.descriptionShort[1],
    'description.full': TEXT.descriptionFull[1],
  };
  COMMANDS.forEach(([title, , en], index) => {
    file[`bots[0].commandLists[0].commands[${index}].title`] = title;
    file[`bots[0].commandLists[0].commands[${index}].description`] = en;
  });
  return file;
}
