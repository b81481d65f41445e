import { describe, expect, it } from 'vitest';
import { Pacer, TEAMS_PACING } from '../src/pacing.js';

describe('Pacer', () => {
  it('spaces sends to one conversation 2 s apart, within every Teams window', async () => {
    const slots: number[] = [];
    let clock = 0;
    const schedule = new Pacer({
      ...TEAMS_PACING,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    for (let index = 0; index < 40; index += 1) {
      await schedule.acquire('19:kanaal', 'tenant');
      slots.push(clock);
    }
    for (let index = 1; index < slots.length; index += 1) {
      expect((slots[index] ?? 0) - (slots[index - 1] ?? 0)).toBeGreaterThanOrEqual(2000);
    }
    // 60 per 30 s is the tightest long window: 2 s spacing gives 15.
    expect(slots.filter((slot) => slot < 30_000).length).toBeLessThanOrEqual(60);
  });

  it('keeps a tenant at or under 50 sends in any second across many conversations', async () => {
    let clock = 0;
    const pacer = new Pacer({
      ...TEAMS_PACING,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const slots: number[] = [];
    for (let index = 0; index < 300; index += 1) {
      await pacer.acquire(`19:kanaal-${index}`, 'tenant');
      slots.push(clock);
    }
    for (const start of slots) {
      expect(slots.filter((slot) => slot >= start && slot < start + 1000).length).toBeLessThanOrEqual(50);
    }
  });

  it('a 429 pushes the conversation back by Retry-After', async () => {
    let clock = 0;
    const pacer = new Pacer({
      ...TEAMS_PACING,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await pacer.acquire('19:a', 't');
    pacer.backOff('19:a', 30_000);
    await pacer.acquire('19:a', 't');
    expect(clock).toBeGreaterThanOrEqual(30_000);
  });

  it('says the minimum time the limits allow', () => {
    expect(Pacer.minimumMs(300, 1, TEAMS_PACING)).toBe(5980);
    expect(Pacer.minimumMs(1, 10, TEAMS_PACING)).toBe(18_000);
  });
});
