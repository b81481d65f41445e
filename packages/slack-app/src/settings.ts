import { ConfigurationError, type PluginActivation, type PluginSetting } from '@visieleren/core';

/** Slack's own Web API address; `SLACK_API_URL` points the app elsewhere (a test double, a proxy). */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export const SLACK_SETTINGS: readonly PluginSetting[] = [
  {
    name: 'SLACK_SIGNING_SECRET',
    required: true,
    secret: true,
    description:
      'Signing secret van de Slack-app (Basic Information): elk verzoek van Slack wordt ermee gecontroleerd.',
  },
  {
    name: 'SLACK_BOT_TOKEN',
    required: true,
    secret: true,
    description: 'Bot-token (xoxb-…) waarmee de app berichten stuurt en App Home toont.',
  },
  {
    name: 'SLACK_TEAM_ID',
    required: true,
    description:
      'De werkruimte van het VNG-team (T…); andere werkruimten krijgen een vriendelijke weigering.',
  },
  {
    name: 'SLACK_VNG_USERGROUP',
    required: false,
    description:
      'Slack-gebruikersgroep (S…) van het visieleerteam: alleen wie daarin zit plant, wijzigt en koppelt. Zonder: elk lid van de werkruimte (gasten nooit).',
  },
  {
    name: 'SLACK_API_URL',
    required: false,
    description: `Adres van de Slack Web API (standaard ${DEFAULT_SLACK_API_URL}).`,
  },
];

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  teamId: string;
  apiUrl: string;
  /** Only members of this user group may plan (SLACK_VNG_USERGROUP). */
  vngUsergroup?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

const REQUIRED = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_TEAM_ID'] as const;

export function slackActivation(env: Env): PluginActivation {
  const missing = REQUIRED.filter((name) => !value(env, name));
  if (missing.length === REQUIRED.length) {
    return {
      enabled: false,
      reason: 'uit: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN en SLACK_TEAM_ID zijn niet gezet',
    };
  }
  if (missing.length > 0) return { enabled: false, reason: `uit: zet ook ${missing.join(' en ')}` };
  return { enabled: true, reason: `aan voor werkruimte ${value(env, 'SLACK_TEAM_ID')}` };
}

/** Reads and checks the settings; the error names the variable, never its value. */
export function readSlackConfig(env: Env): SlackConfig {
  const missing = REQUIRED.filter((name) => !value(env, name));
  if (missing.length > 0)
    throw new ConfigurationError(`Zet ${missing.join(', ')} om de Slack-app te starten.`);
  const teamId = value(env, 'SLACK_TEAM_ID') as string;
  if (!/^[TE][A-Z0-9]{2,}$/.test(teamId)) {
    throw new ConfigurationError(
      'SLACK_TEAM_ID is geen werkruimte-id van Slack (begint met T, bijvoorbeeld T012AB3CD).',
    );
  }
  const apiUrl = value(env, 'SLACK_API_URL') ?? DEFAULT_SLACK_API_URL;
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigurationError('SLACK_API_URL is geen geldig http(s)-adres.');
  }
  const usergroup = value(env, 'SLACK_VNG_USERGROUP');
  if (usergroup !== undefined && !/^S[A-Z0-9]{2,}$/.test(usergroup)) {
    throw new ConfigurationError('SLACK_VNG_USERGROUP is geen gebruikersgroep-id van Slack (begint met S).');
  }
  return {
    ...(usergroup ? { vngUsergroup: usergroup } : {}),
    signingSecret: value(env, 'SLACK_SIGNING_SECRET') as string,
    botToken: value(env, 'SLACK_BOT_TOKEN') as string,
    teamId,
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
  };
}
