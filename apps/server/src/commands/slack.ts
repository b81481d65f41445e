import { isVisielerenError } from '@visieleren/core';
import { slackManifest } from '@visieleren/slack-app';
import { type Command, UsageError } from '../cli/command.js';
import { loadEnv } from '../env.js';

export const slackManifestCommand: Command = {
  path: ['slack', 'manifest'],
  summary: 'Het app-manifest voor Slack (slash-commando, interactiviteit, events, App Home)',
  help: `Gebruik: visieleren slack manifest [--public-url URL]

Toont het manifest van de Slack-app als JSON. Plak het in api.slack.com/apps bij
"Create New App" > "From an app manifest". Alle adressen wijzen naar <URL>/slack/events.
  --public-url URL   het https-adres van de server (standaard VISIELEREN_PUBLIC_URL)

Daarna zet u op de server SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN en SLACK_TEAM_ID.

Voorbeeld:
  visieleren slack manifest --public-url https://visieleren.vng.nl > slack-manifest.json
`,
  options: { 'public-url': { type: 'string' } },
  async run({ values, io }) {
    const given = typeof values['public-url'] === 'string' ? values['public-url'].trim() : '';
    const publicUrl = given || loadEnv(io.env).publicUrl;
    if (!publicUrl) {
      throw new UsageError(
        'Het argument --public-url ontbreekt (of zet VISIELEREN_PUBLIC_URL): het https-adres waarop Slack de server bereikt.',
      );
    }
    try {
      io.stdout.write(`${JSON.stringify(slackManifest({ publicUrl }), null, 2)}\n`);
    } catch (error) {
      if (isVisielerenError(error) && error.code === 'VALIDATION')
        throw new UsageError(`--public-url: ${error.message}`);
      throw error;
    }
    return 0;
  },
};
