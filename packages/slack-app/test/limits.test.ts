import { buildTemplate, buildTraject } from '@visieleren/core/testing';
import { describe, expect, it } from 'vitest';
import { scheduleMessages } from '../src/duo/messages.js';
import {
  BLOCK_LIMITS,
  homeView,
  modalTitle,
  planModal,
  slackManifest,
  splitBlocks,
  truncate,
} from '../src/index.js';
import { blockKitProblems } from '../src/testing.js';

describe('Block Kit limits', () => {
  it('modal titles fit 24 characters and never end mid-word', () => {
    expect(modalTitle('Aanmelding visieleertraject')).toBe('Aanmelding');
    expect(modalTitle('Duo-ronde plannen')).toBe('Duo-ronde plannen');
    expect(modalTitle('Beschikbaarheid duo-interviews')).toBe('Beschikbaarheid');
    expect([...modalTitle('Ontwikkelingsstadiumbepalingsformulier')].length).toBeLessThanOrEqual(24);
  });

  it('truncates at a word boundary with an ellipsis', () => {
    expect(truncate('een twee drie vier vijf', 15)).toBe('een twee drie…');
    expect(truncate('kort', 10)).toBe('kort');
  });

  it('splits blocks into messages without breaking a group', () => {
    const groups = Array.from({ length: 30 }, (_, i) => [`s${i}`, `a${i}`]);
    const messages = splitBlocks(groups, 50);
    expect(messages.every((message) => message.length <= 50)).toBe(true);
    expect(messages.flat()).toHaveLength(60);
    expect(messages[0]?.at(-1)).toMatch(/^a/);
  });

  it('App Home holds at most 100 blocks however many trajects there are, and says how many it left out', () => {
    const trajects = Array.from({ length: 60 }, (_, i) => ({
      ...buildTraject({
        id: `t-${i}`,
        gemeenten: [{ name: `Gemeente ${String(i).padStart(2, '0')}` }],
        template: buildTemplate(),
      }),
      revision: 1,
      createdAt: '2027-01-01T00:00:00Z',
      updatedAt: '2027-01-01T00:00:00Z',
    }));
    const view = homeView(trajects, '2027-02-01', (id) => `https://x/${id}`);
    expect(view.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerHome);
    expect(blockKitProblems(view.blocks, 100)).toBeUndefined();
    expect(JSON.stringify(view.blocks.at(-1))).toMatch(/En nog \d+ trajecten/);
  });

  it('a schedule of 40 interviews goes out in messages of at most 50 blocks', () => {
    const slots = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      start: `2027-02-${String(1 + (i % 20)).padStart(2, '0')}T09:00`,
      end: `2027-02-${String(1 + (i % 20)).padStart(2, '0')}T10:00`,
    }));
    const participants = Array.from({ length: 80 }, (_, i) => ({
      id: `p${i}`,
      name: `Deelnemer ${i}`,
      perspective: i % 2 ? ('bestuur' as const) : ('uitvoering' as const),
    }));
    const round = {
      id: 'r1',
      trajectId: 't',
      roundNumber: 1,
      state: 'gepland' as const,
      input: {},
      availability: {},
      schedule: {
        interviews: slots.map((slot, i) => ({
          slot: slot.id,
          participants: [`p${2 * i}`, `p${2 * i + 1}`],
          moderator: 'm',
        })),
      },
      revision: 1,
      createdAt: '',
      updatedAt: '',
    };
    const messages = scheduleMessages(
      round,
      { slots, participants, moderators: [{ id: 'm', name: 'Mies' }] },
      'Hoorn',
      [{ id: 'p79', reason: 'x'.repeat(400) }],
      'samenvatting',
    );
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(blockKitProblems(message, 50)).toBeUndefined();
  });

  it('the plan modal passes the view checks', () => {
    const traject = {
      ...buildTraject({ template: buildTemplate() }),
      revision: 1,
      createdAt: '',
      updatedAt: '',
    };
    const view = planModal(traject, { trajectId: traject.id }, new Date('2027-01-20T16:00:00Z'));
    expect(blockKitProblems(view.blocks, 100)).toBeUndefined();
    expect([...view.title.text].length).toBeLessThanOrEqual(24);
  });
});

describe('slackManifest', () => {
  it('points the command, interactivity and events at the public address', () => {
    const manifest = slackManifest({ publicUrl: 'https://visieleren.vng.nl/' }) as {
      features: {
        slash_commands: Array<{ command: string; url: string }>;
        app_home: { home_tab_enabled: boolean };
      };
      settings: {
        interactivity: { request_url: string };
        event_subscriptions: { request_url: string; bot_events: string[] };
      };
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/visieleren',
      url: 'https://visieleren.vng.nl/slack/events',
    });
    expect(manifest.settings.interactivity.request_url).toBe('https://visieleren.vng.nl/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'member_joined_channel',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain('users:read.email');
  });
});
