import { ConfigurationError } from '@visieleren/core';
import { z } from 'zod';
import type { AppType, BotFrameworkSettings } from './bot-framework/adapter.js';
import { isLocal, isLoopbackHost, teamsLocalModeRefusal } from './local-mode.js';
import { ENTRA_OPENID_METADATA_URL } from './tab/sign-in.js';

/**
 * The Teams plugin's settings, read from the environment the server hands it (never the process environment directly),
 * each error naming the variable in Dutch.
 */

export const TEAMS_SETTINGS = [
  {
    name: 'TEAMS_APP_ID',
    required: true,
    description: 'Microsoft App ID van de bot (Azure Bot-registratie).',
  },
  {
    name: 'TEAMS_APP_PASSWORD',
    required: false,
    secret: true,
    description: 'Clientgeheim van de bot (niet nodig bij managed identity).',
  },
  {
    name: 'TEAMS_APP_TYPE',
    required: false,
    description:
      'MultiTenant, SingleTenant of UserAssignedMSI (standaard SingleTenant als TEAMS_TENANT_ID gezet is).',
  },
  {
    name: 'TEAMS_TENANT_ID',
    required: false,
    description: 'Tenant-id voor single-tenant en managed identity.',
  },
  {
    name: 'TEAMS_LOCAL',
    required: false,
    description:
      '1 = anonieme modus voor lokaal testen met de Agents Playground (alleen zonder TEAMS_APP_ID).',
  },
  {
    name: 'TEAMS_AUTHORITY',
    required: false,
    description:
      'Entra-autoriteit (standaard https://login.microsoftonline.com): waar de bot zijn tokens haalt en de sleutels van niet-Bot Framework-tokens staan; voor nationale clouds en tests.',
  },
  {
    name: 'TEAMS_TOKEN_ENDPOINT',
    required: false,
    description: 'OAuth2-tokenendpoint voor uitgaande tokens (client credentials) in plaats van Entra ID.',
  },
  { name: 'TEAMS_OAUTH_SCOPE', required: false, description: 'Scope van uitgaande tokens.' },
  {
    name: 'TEAMS_MELDINGEN_EMAIL',
    required: false,
    description:
      'E-mailadres van het visieleerteam: krijgt een bericht als de bot een gekoppeld gesprek niet meer bereikt (verwijderd of geblokkeerd). Vraagt SMTP_URL.',
  },
  {
    name: 'TEAMS_SSO_APP_ID',
    required: false,
    description:
      'Client-id van de eigen Entra-app (meerdere organisaties) waarmee de tab aanmeldt; los van de identiteit van de bot. Zonder: de tab toont in Teams geen traject.',
  },
  {
    name: 'TEAMS_SSO_OPENID_METADATA_URL',
    required: false,
    description:
      'OpenID-metadata van Entra ID voor de aanmelding in de tab (standaard die van login.microsoftonline.com); voor tests en private clouds.',
  },
  {
    name: 'TEAMS_SEND_TIMEOUT_MS',
    required: false,
    description: 'Hoe lang een verzoek aan Teams mag duren (standaard 15000 ms).',
  },
] as const;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * An address the plugin fetches keys or tokens from: https, or plain http on this machine only (a local issuer
 * in tests). Over plain http on a network anyone in between could hand the bot their own keys or read its secret.
 */
function secureUrl(name: string) {
  return optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      } catch {
        return false;
      }
    },
    {
      message: `Zet ${name} op een https-URL (http alleen voor een adres op deze machine, zoals http://127.0.0.1).`,
    },
  );
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Loose on purpose: the SMTP server is the judge; this catches a name or a URL put in by mistake. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const envSchema = z.object({
  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_APP_TYPE: optionalText.refine(
    (value) => value === undefined || ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(value),
    { message: 'Zet TEAMS_APP_TYPE op MultiTenant, SingleTenant of UserAssignedMSI.' },
  ),
  TEAMS_TENANT_ID: optionalText,
  TEAMS_LOCAL: optionalText,
  TEAMS_AUTHORITY: secureUrl('TEAMS_AUTHORITY'),
  TEAMS_TOKEN_ENDPOINT: secureUrl('TEAMS_TOKEN_ENDPOINT'),
  TEAMS_OAUTH_SCOPE: optionalText,
  TEAMS_SSO_APP_ID: optionalText.refine((value) => value === undefined || GUID.test(value), {
    message: 'Zet TEAMS_SSO_APP_ID op de client-id (een GUID) van de Entra-app van de tab.',
  }),
  TEAMS_SSO_OPENID_METADATA_URL: secureUrl('TEAMS_SSO_OPENID_METADATA_URL'),
  TEAMS_MELDINGEN_EMAIL: optionalText.refine((value) => value === undefined || EMAIL.test(value), {
    message: 'Zet TEAMS_MELDINGEN_EMAIL op een e-mailadres, zoals visieleerteam@vng.nl.',
  }),
  TEAMS_SEND_TIMEOUT_MS: optionalText.refine(
    (value) =>
      value === undefined || (/^\d+$/.test(value) && Number(value) >= 100 && Number(value) <= 120_000),
    { message: 'Zet TEAMS_SEND_TIMEOUT_MS op een aantal milliseconden van 100 tot en met 120000.' },
  ),
});

export interface TeamsConfig {
  bot: BotFrameworkSettings;
  /**
   * Single sign-on in the tab through its own multi-organisation Entra app (a single-tenant bot or a managed
   * identity cannot expose an API to other tenants). Absent without TEAMS_SSO_APP_ID and in the anonymous mode.
   */
  tabSignIn?: { appId: string; openIdMetadataUrl: string };
  /** Where the VNG team hears that a linked conversation went out of reach. */
  noticeEmail?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function teamsActivation(
  env: Env,
): { enabled: true; reason: string } | { enabled: false; reason: string } {
  const appId = env.TEAMS_APP_ID?.trim();
  if (appId) return { enabled: true, reason: 'TEAMS_APP_ID is gezet.' };
  if (isLocal(env))
    return { enabled: true, reason: 'TEAMS_LOCAL=1 zonder TEAMS_APP_ID: anonieme lokale modus.' };
  return {
    enabled: false,
    reason: 'Zet TEAMS_APP_ID en TEAMS_APP_PASSWORD (of TEAMS_LOCAL=1 om lokaal te testen).',
  };
}

/** Reads and checks the Teams settings; ConfigurationError listing every wrong variable. */
export function readTeamsConfig(env: Env): TeamsConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.message}`);
    throw new ConfigurationError(`De Teams-instellingen zijn ongeldig:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const anonymous = value.TEAMS_APP_ID === undefined;
  if (anonymous && !isLocal(env)) {
    throw new ConfigurationError('Zet TEAMS_APP_ID (of TEAMS_LOCAL=1 voor de anonieme lokale modus).');
  }
  // `serve` checks the address it listens on before anything starts; this catches a HOST given to the plugin.
  const refusal = env.HOST?.trim() ? teamsLocalModeRefusal(env, env.HOST) : undefined;
  if (refusal) throw new ConfigurationError(refusal);
  const appType = (value.TEAMS_APP_TYPE ??
    (value.TEAMS_TENANT_ID ? 'SingleTenant' : 'MultiTenant')) as AppType;
  if (!anonymous && appType !== 'UserAssignedMSI' && value.TEAMS_APP_PASSWORD === undefined) {
    throw new ConfigurationError('Zet TEAMS_APP_PASSWORD (het clientgeheim van de bot) bij TEAMS_APP_ID.');
  }
  if (!anonymous && appType !== 'MultiTenant' && value.TEAMS_TENANT_ID === undefined) {
    throw new ConfigurationError(`Zet TEAMS_TENANT_ID: TEAMS_APP_TYPE ${appType} heeft een tenant-id nodig.`);
  }
  return {
    ...(value.TEAMS_MELDINGEN_EMAIL ? { noticeEmail: value.TEAMS_MELDINGEN_EMAIL } : {}),
    ...(anonymous || !value.TEAMS_SSO_APP_ID
      ? {}
      : {
          tabSignIn: {
            appId: value.TEAMS_SSO_APP_ID,
            openIdMetadataUrl: value.TEAMS_SSO_OPENID_METADATA_URL ?? ENTRA_OPENID_METADATA_URL,
          },
        }),
    bot: {
      anonymous,
      appType,
      sendTimeoutMs: value.TEAMS_SEND_TIMEOUT_MS ? Number(value.TEAMS_SEND_TIMEOUT_MS) : 15_000,
      ...(value.TEAMS_APP_ID ? { appId: value.TEAMS_APP_ID } : {}),
      ...(value.TEAMS_APP_PASSWORD ? { appPassword: value.TEAMS_APP_PASSWORD } : {}),
      ...(value.TEAMS_TENANT_ID ? { tenantId: value.TEAMS_TENANT_ID } : {}),
      ...(value.TEAMS_AUTHORITY ? { authority: value.TEAMS_AUTHORITY } : {}),
      ...(value.TEAMS_TOKEN_ENDPOINT ? { tokenEndpoint: value.TEAMS_TOKEN_ENDPOINT } : {}),
      ...(value.TEAMS_OAUTH_SCOPE ? { oauthScope: value.TEAMS_OAUTH_SCOPE } : {}),
    },
  };
}
