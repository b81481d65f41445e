import { ConfigurationError } from '@visieleren/core';
import { z } from 'zod';
import type { AppType, BotFrameworkSettings } from './bot-framework/adapter.js';
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
    name: 'TEAMS_OPENID_METADATA_URL',
    required: false,
    description:
      'OpenID-metadata van het kanaal (standaard die van Bot Framework); voor tests en private clouds.',
  },
  {
    name: 'TEAMS_TOKEN_ISSUER',
    required: false,
    description: 'Verwachte uitgever (iss) van inkomende tokens.',
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

function optionalUrl(name: string) {
  return optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `Zet ${name} op een http(s)-URL.` },
  );
}

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
  TEAMS_OPENID_METADATA_URL: optionalUrl('TEAMS_OPENID_METADATA_URL'),
  TEAMS_TOKEN_ISSUER: optionalText,
  TEAMS_TOKEN_ENDPOINT: optionalUrl('TEAMS_TOKEN_ENDPOINT'),
  TEAMS_OAUTH_SCOPE: optionalText,
  TEAMS_SSO_OPENID_METADATA_URL: optionalUrl('TEAMS_SSO_OPENID_METADATA_URL'),
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
  /** Single sign-on in the tab; absent in the anonymous local mode (there is no app to sign in to). */
  tabSignIn?: { openIdMetadataUrl: string };
  /** Where the VNG team hears that a linked conversation went out of reach. */
  noticeEmail?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function isLocal(env: Env): boolean {
  return ['1', 'true', 'ja'].includes((env.TEAMS_LOCAL ?? '').trim().toLowerCase());
}

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
    ...(anonymous
      ? {}
      : {
          tabSignIn: {
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
      ...(value.TEAMS_OPENID_METADATA_URL ? { openIdMetadataUrl: value.TEAMS_OPENID_METADATA_URL } : {}),
      ...(value.TEAMS_TOKEN_ISSUER ? { tokenIssuer: value.TEAMS_TOKEN_ISSUER } : {}),
      ...(value.TEAMS_TOKEN_ENDPOINT ? { tokenEndpoint: value.TEAMS_TOKEN_ENDPOINT } : {}),
      ...(value.TEAMS_OAUTH_SCOPE ? { oauthScope: value.TEAMS_OAUTH_SCOPE } : {}),
    },
  };
}
