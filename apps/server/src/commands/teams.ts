import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatAmsterdamMoment, isVisielerenError, readLinkPayload } from '@visieleren/core';
import { adminConsentUrl, buildAppPackage, buildManifest, LINK_CODE_PURPOSE } from '@visieleren/teams-bot';
import { type Command, type CommandContext, requireOption, UsageError } from '../cli/command.js';
import { loadEnv } from '../env.js';
import { CLI_ACTOR, withStore } from './with-store.js';

/** A code is for the VNG team to pass on by phone or mail: long enough to arrive, short enough to leak little. */
const DEFAULT_CODE_HOURS = 72;
const MAX_CODE_HOURS = 24 * 14;

/** An argument, or else the setting it defaults to. */
function optionOrSetting(
  { values, io }: CommandContext,
  option: string,
  setting: string,
): string | undefined {
  const given = values[option];
  return typeof given === 'string' && given.trim() ? given.trim() : io.env[setting]?.trim() || undefined;
}

function publicUrlOf(context: CommandContext): string {
  const publicUrl =
    optionOrSetting(context, 'public-url', 'VISIELEREN_PUBLIC_URL') ?? loadEnv(context.io.env).publicUrl;
  if (!publicUrl) {
    throw new UsageError(
      'Het argument --public-url ontbreekt (of zet VISIELEREN_PUBLIC_URL): het https-adres waarop Teams de server bereikt.',
    );
  }
  return publicUrl;
}

function manifestOptions(context: CommandContext) {
  const appId = optionOrSetting(context, 'app-id', 'TEAMS_APP_ID');
  if (!appId)
    throw new UsageError(
      'Het argument --app-id ontbreekt (of zet TEAMS_APP_ID): de Microsoft App ID van de bot.',
    );
  const ssoAppId = optionOrSetting(context, 'sso-app-id', 'TEAMS_SSO_APP_ID');
  const version =
    typeof context.values['app-version'] === 'string' ? context.values['app-version'].trim() : undefined;
  return {
    appId,
    publicUrl: publicUrlOf(context),
    ...(ssoAppId ? { ssoAppId } : {}),
    ...(version ? { version } : {}),
  };
}

/** The manifest functions throw ValidationError naming the argument; on the CLI that is a usage error. */
function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isVisielerenError(error) && error.code === 'VALIDATION') throw new UsageError(error.message);
    throw error;
  }
}

const MANIFEST_OPTIONS_HELP = `  --app-id GUID         de Microsoft App ID van de bot (standaard TEAMS_APP_ID)
  --sso-app-id GUID     de Entra-app waarmee de tab aanmeldt (standaard TEAMS_SSO_APP_ID)
  --public-url URL      het https-adres van de server (standaard VISIELEREN_PUBLIC_URL)
  --app-version X.Y.Z   versie van de app (standaard 1.0.0); hoger dan de vorige om bij te werken`;

const MANIFEST_OPTIONS = {
  'app-id': { type: 'string' },
  'sso-app-id': { type: 'string' },
  'public-url': { type: 'string' },
  'app-version': { type: 'string' },
} as const;

export const teamsCodeCommand: Command = {
  path: ['teams', 'code'],
  summary: 'Eenmalige code om een Teams-kanaal aan een traject te koppelen',
  help: `Gebruik: visieleren teams code --traject ID [--uren N]

Maakt een eenmalige code voor het traject. De gemeente typt in haar Teams-kanaal
"@Visieleren koppel <code>"; daarna komen de herinneringen en kaarten van dit traject daar.
Bewaard wordt alleen een hash van de code.
  --traject ID   het traject (zie visieleren traject list)
  --uren N       hoe lang de code geldig is, in uren (standaard ${DEFAULT_CODE_HOURS}, hoogstens ${MAX_CODE_HOURS})

Voorbeeld:
  visieleren teams code --traject voorbeeld-aan-zee
`,
  options: { traject: { type: 'string' }, uren: { type: 'string' } },
  async run({ values, io }) {
    const trajectId = requireOption(values, 'traject').trim();
    const hoursText = typeof values.uren === 'string' ? values.uren.trim() : String(DEFAULT_CODE_HOURS);
    const hours = Number(hoursText);
    if (!/^\d+$/.test(hoursText) || hours < 1 || hours > MAX_CODE_HOURS) {
      throw new UsageError(
        `Ongeldige waarde voor --uren: ${JSON.stringify(hoursText)}. Verwacht een geheel getal van 1 tot en met ${MAX_CODE_HOURS}.`,
      );
    }
    return withStore(io, async (store) => {
      const traject = await store.trajects.get(trajectId, { kind: 'all' });
      const record = await store.linkCodes.create(
        { trajectId: traject.id, purpose: LINK_CODE_PURPOSE, ttlMs: hours * 3_600_000 },
        CLI_ACTOR,
      );
      io.stdout.write(
        [
          `Koppelcode voor ${traject.gemeenten.map((gemeente) => gemeente.name).join(', ')} (${traject.id}):`,
          '',
          `  ${record.code}`,
          '',
          `Geldig tot ${formatAmsterdamMoment(record.expiresAt)}, één keer te gebruiken. Laat de gemeente in haar Teams-kanaal typen:`,
          `  @Visieleren koppel ${record.code}`,
          '',
        ].join('\n'),
      );
      return 0;
    });
  },
};

export const teamsManifestCommand: Command = {
  path: ['teams', 'manifest'],
  summary: 'Het Teams-appmanifest tonen (JSON)',
  help: `Gebruik: visieleren teams manifest [--app-id GUID] [--public-url URL]

Toont het manifest van de Teams-app (Nederlands, met Engelse vertaling in het pakket).
${MANIFEST_OPTIONS_HELP}

Voorbeeld:
  visieleren teams manifest --app-id 00000000-0000-0000-0000-000000000000 --public-url https://visieleren.example.nl
`,
  options: MANIFEST_OPTIONS,
  run(context) {
    const manifest = asUsage(() => buildManifest(manifestOptions(context)));
    context.io.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    return 0;
  },
};

export const teamsPackageCommand: Command = {
  path: ['teams', 'package'],
  summary: 'Het Teams-app-pakket (zip) maken om in Teams te uploaden',
  help: `Gebruik: visieleren teams package --out BESTAND.zip [--app-id GUID] [--public-url URL]

Schrijft het app-pakket: manifest.json, en-us.json en de twee pictogrammen.
Upload het in Teams (Apps > Uw apps beheren > Een app uploaden) of in het Teams-beheercentrum.
  --out BESTAND       waar het zip-bestand komt
${MANIFEST_OPTIONS_HELP}

Voorbeeld:
  visieleren teams package --out visieleren-teams.zip --public-url https://visieleren.example.nl
`,
  options: { out: { type: 'string' }, ...MANIFEST_OPTIONS },
  async run(context) {
    const out = requireOption(context.values, 'out');
    const zip = asUsage(() => buildAppPackage(manifestOptions(context)));
    const path = resolve(context.io.cwd, out);
    try {
      await writeFile(path, zip);
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`Kan niet schrijven naar het bestand bij --out (${out}): ${detail}.`);
    }
    context.io.stdout.write(`App-pakket geschreven: ${path} (${zip.length} bytes).\n`);
    return 0;
  },
};

export const teamsConsentUrlCommand: Command = {
  path: ['teams', 'consent-url'],
  summary: 'De link waarmee de beheerder van een gemeente toestemming geeft voor de tab',
  help: `Gebruik: visieleren teams consent-url --tenant ID [--sso-app-id GUID] [--public-url URL]

Toont het adres waarop een beheerder van de gemeente (globale beheerder of beheerder van
cloudtoepassingen) eenmalig, voor de hele organisatie, toestemming geeft voor de Entra-app van de
Visieleren-tab. Daarna kan de tab in Teams de mensen van die gemeente aanmelden. Entra ID stuurt de
beheerder terug naar <public-url>/teams/toestemming.
  --tenant ID           tenant-id (GUID) of domeinnaam van de gemeente, zoals gemeente.onmicrosoft.com
  --sso-app-id GUID     de Entra-app van de tab (standaard TEAMS_SSO_APP_ID)
  --public-url URL      het https-adres van de server (standaard VISIELEREN_PUBLIC_URL)

Voorbeeld:
  visieleren teams consent-url --tenant ede.onmicrosoft.com
`,
  options: {
    tenant: { type: 'string' },
    'sso-app-id': { type: 'string' },
    'public-url': { type: 'string' },
  },
  run(context) {
    const tenant = requireOption(context.values, 'tenant');
    const ssoAppId = optionOrSetting(context, 'sso-app-id', 'TEAMS_SSO_APP_ID');
    if (!ssoAppId) {
      throw new UsageError(
        'Het argument --sso-app-id ontbreekt (of zet TEAMS_SSO_APP_ID): de client-id van de Entra-app van de tab.',
      );
    }
    const url = asUsage(() => adminConsentUrl({ tenant, ssoAppId, publicUrl: publicUrlOf(context) }));
    context.io.stdout.write(`${url}\n`);
    return 0;
  },
};

const CONVERSATION_TYPES: Record<string, string> = {
  channel: 'kanaal',
  groupChat: 'groepschat',
  personal: 'persoonlijk',
};

export const teamsLinksCommand: Command = {
  path: ['teams', 'koppelingen'],
  summary: 'Welke Teams-gesprekken aan welk traject gekoppeld zijn, en of de bot ze nog bereikt',
  help: `Gebruik: visieleren teams koppelingen [--inactief] [--json]

Toont de Teams-gesprekken die de bot kent: het traject, de soort gesprek en of het
nog bereikbaar is. Een inactief gesprek (bot verwijderd of geblokkeerd) krijgt geen
herinneringen meer tot de gemeente de app weer toevoegt.
  --inactief   alleen de gesprekken die de bot niet meer bereikt
  --json       als JSON

Voorbeeld:
  visieleren teams koppelingen --inactief
`,
  options: { inactief: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, io }) {
    return withStore(io, async (store) => {
      const names = new Map(
        (await store.trajects.summaries({ kind: 'all' })).map((summary) => [
          summary.id,
          summary.gemeenten.map((gemeente) => gemeente.name).join(', '),
        ]),
      );
      const rows = (await store.platformLinks.listByKind('teams-conversation'))
        .map((record) => {
          const payload = readLinkPayload('teams-conversation', record.payload);
          return {
            trajectId: record.trajectId ?? null,
            gemeente: record.trajectId ? (names.get(record.trajectId) ?? record.trajectId) : null,
            soort: CONVERSATION_TYPES[payload.conversationType ?? 'channel'] ?? 'kanaal',
            actief: payload.active,
            reden: payload.active ? null : (payload.inactiveReason ?? null),
            bijgewerkt: record.updatedAt,
          };
        })
        .filter((row) => !values.inactief || !row.actief);
      if (values.json) {
        io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      if (rows.length === 0) {
        io.stdout.write(
          values.inactief ? 'Geen inactieve Teams-gesprekken.\n' : 'De bot kent nog geen Teams-gesprekken.\n',
        );
        return 0;
      }
      for (const row of rows) {
        const traject = row.trajectId ? `${row.gemeente} (${row.trajectId})` : '(niet gekoppeld)';
        const state = row.actief ? 'actief' : `INACTIEF: ${row.reden ?? 'onbekend'}`;
        io.stdout.write(`${traject.padEnd(44)} ${row.soort.padEnd(12)} ${state}  (${row.bijgewerkt})\n`);
      }
      return 0;
    });
  },
};

export const teamsCommands: Command[] = [
  teamsCodeCommand,
  teamsLinksCommand,
  teamsManifestCommand,
  teamsPackageCommand,
  teamsConsentUrlCommand,
];
