import { ValidationError } from '@visieleren/core';

/**
 * The Slack app manifest (api.slack.com/apps → "Create from manifest"), with every URL from the server's
 * public address. Scopes are the ones the app uses, no more.
 */
export const SLACK_BOT_SCOPES = [
  'commands', // /visieleren
  'chat:write', // DMs, schedules, reminders
  'channels:history', // confirm a reminder landed (metadata in the history)
  'groups:history',
  'im:history',
  'im:write', // conversations.open for DMs
  'users:read', // users.info: the planner's name, and guests (is_restricted) are refused
  'channels:read', // conversations.info: is the bot in the channel (koppel, duo plan) + member_joined_channel
  'groups:read',
  'usergroups:read', // usergroups.users.list: SLACK_VNG_USERGROUP, who may plan
  'users:read.email', // users.lookupByEmail: participants in Slack get buttons, not e-mail
  'files:write', // the .ics of an invite in the DM
] as const;

export interface SlackManifestOptions {
  /** The server's public address (`PUBLIC_URL`), e.g. https://visieleren.vng.nl. */
  publicUrl: string;
  name?: string;
}

/** ValidationError (naming the public address) when it is not an https URL: Slack posts only to https. */
export function slackManifest(options: SlackManifestOptions): Record<string, unknown> {
  let parsed: URL;
  try {
    parsed = new URL(options.publicUrl);
  } catch {
    throw new ValidationError(`Het publieke adres ${JSON.stringify(options.publicUrl)} is geen geldige URL.`);
  }
  if (parsed.protocol !== 'https:') {
    throw new ValidationError(
      'Het publieke adres moet met https:// beginnen: Slack stuurt verzoeken alleen naar https.',
    );
  }
  const base = options.publicUrl.replace(/\/+$/, '');
  const url = `${base}/slack/events`;
  const name = options.name ?? 'Visieleren';
  return {
    _metadata: { major_version: 2, minor_version: 1 },
    display_information: {
      name,
      description: 'Visieleertrajecten van de VNG: portfolio, duo-interviews en herinneringen.',
      long_description:
        'Voor het visieleerteam van de VNG: alle visieleertrajecten met fase, volgende sessie, achterstand en uitloop in App Home; /visieleren voor status, kanalen koppelen en Teams-codes; duo-interviewrondes van beschikbaarheid tot agenda-uitnodiging; herinneringen per traject. Gegevens blijven op de eigen server van de VNG.',
      background_color: '#1d3a6d',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: name.toLowerCase(), always_online: true },
      slash_commands: [
        {
          command: '/visieleren',
          url,
          description: 'Trajecten, status, duo-interviews plannen, kanaal koppelen',
          usage_hint:
            'help | trajecten | status <gemeente> | duo plan <gemeente> | koppel <gemeente> | teams-code <gemeente>',
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { request_url: url, bot_events: ['app_home_opened', 'member_joined_channel'] },
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
