import { describe, expect, it } from 'vitest';
import { oncePerCard } from '../src/bot/once-per-card.js';

describe('oncePerCard', () => {
  it('runs the work once per card, also for a second click while the first is under way', async () => {
    let runs = 0;
    let release: (value: string) => void = () => {};
    const cards = oncePerCard<string>({ ttlMs: 60_000, maxEntries: 10 });
    const work = () => {
      runs += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = cards.once('kaart-1', work);
    const second = cards.once('kaart-1', work);
    release('ontvangen');
    expect(await first).toBe('ontvangen');
    expect(await second).toBe('ontvangen');
    expect(await cards.once('kaart-1', work)).toBe('ontvangen');
    expect(runs).toBe(1);
  });

  it('forgets a failure, so the person can try again, and forgets a card after its time', async () => {
    let time = 0;
    const cards = oncePerCard<string>({ ttlMs: 1000, maxEntries: 10, now: () => time });
    await expect(cards.once('kaart-2', () => Promise.reject(new Error('database weg')))).rejects.toThrow();
    expect(await cards.once('kaart-2', async () => 'tweede poging')).toBe('tweede poging');
    time = 1001;
    expect(await cards.once('kaart-2', async () => 'later')).toBe('later');
  });

  it('keeps at most maxEntries cards, dropping the oldest', async () => {
    const cards = oncePerCard<number>({ ttlMs: 60_000, maxEntries: 2 });
    await cards.once('a', async () => 1);
    await cards.once('b', async () => 2);
    await cards.once('c', async () => 3);
    expect(await cards.once('a', async () => 10)).toBe(10);
    expect(await cards.once('c', async () => 30)).toBe(3);
  });
});
