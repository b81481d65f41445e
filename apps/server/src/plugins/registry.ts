import type { VisielerenPlugin } from '@visieleren/core';
import { notionPlugin } from '@visieleren/notion-sync';
import { slackPlugin } from '@visieleren/slack-app';
import { teamsPlugin } from '@visieleren/teams-bot';

/** Every plugin `serve` knows, in the order it reports them. Adding one is adding a line here. */
export const PLUGINS: readonly VisielerenPlugin[] = [teamsPlugin, slackPlugin, notionPlugin];
