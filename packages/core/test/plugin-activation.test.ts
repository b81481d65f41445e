import { describe, expect, it } from 'vitest';
import { activationFromSettings, type PluginSetting } from '../src/index.js';

const settings: PluginSetting[] = [
  { name: 'SLACK_SIGNING_SECRET', required: true, secret: true, description: 'ondertekengeheim' },
  { name: 'SLACK_BOT_TOKEN', required: true, secret: true, description: 'bot-token' },
  { name: 'SLACK_API_URL', required: false, description: 'adres van de Web API' },
];

describe('activationFromSettings', () => {
  it('is on when every required setting is present', () => {
    expect(
      activationFromSettings(settings, { SLACK_SIGNING_SECRET: 'a', SLACK_BOT_TOKEN: 'b' }, 'aan (HTTP)'),
    ).toEqual({ enabled: true, reason: 'aan (HTTP)' });
  });

  it('names what is missing, never a value', () => {
    const partly = activationFromSettings(settings, { SLACK_BOT_TOKEN: 'xoxb-geheim' });
    expect(partly).toEqual({
      enabled: false,
      reason: 'uit — SLACK_SIGNING_SECRET ontbreekt (de rest is gezet)',
    });
    expect(activationFromSettings(settings, { SLACK_BOT_TOKEN: '  ' })).toEqual({
      enabled: false,
      reason: 'uit — SLACK_SIGNING_SECRET en SLACK_BOT_TOKEN ontbreken',
    });
  });
});
