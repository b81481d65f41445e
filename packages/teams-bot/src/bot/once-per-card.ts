/**
 * Runs the work for a card once: a second submit of the same card (Teams has no idempotency key; people click
 * twice, also while the first click is still being handled) gets the first outcome. A failure is forgotten, so
 * the person can try again. Kept for `ttlMs` in this process, at most `maxEntries` cards.
 */
export function oncePerCard<T>(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const outcomes = new Map<string, { until: number; outcome: Promise<T> }>();
  return {
    once(cardId: string, work: () => Promise<T>): Promise<T> {
      const time = now();
      const known = outcomes.get(cardId);
      if (known && known.until > time) return known.outcome;
      if (outcomes.size >= options.maxEntries) {
        for (const [key, entry] of outcomes) if (entry.until <= time) outcomes.delete(key);
        // Still full: the oldest goes (a Map iterates in insertion order).
        if (outcomes.size >= options.maxEntries) outcomes.delete(outcomes.keys().next().value as string);
      }
      const outcome = work();
      const entry = { until: time + options.ttlMs, outcome };
      outcomes.set(cardId, entry);
      // Only this attempt's entry: a later one for the same card stays.
      outcome.catch(() => {
        if (outcomes.get(cardId) === entry) outcomes.delete(cardId);
      });
      return outcome;
    },
  };
}
