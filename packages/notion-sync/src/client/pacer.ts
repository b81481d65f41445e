/**
 * Keeps one connection under its request budget: at most `perMinute` requests in any 60-second window
 * (Notion counts per window and allows a burst within it). Requests wait their turn in order.
 */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const WINDOW_MS = 60_000;

export class Pacer {
  readonly perMinute: number;
  readonly #time: PacerTime;
  /** Start times of the requests in the current window, oldest first. */
  readonly #sent: number[] = [];
  #queue: Promise<void> = Promise.resolve();
  /** Total time spent waiting for the budget, for the summary and the benchmark. */
  waitedMs = 0;

  constructor(perMinute: number, time: PacerTime = realTime) {
    this.perMinute = perMinute;
    this.#time = time;
  }

  /** Resolves when a request may be sent, and counts it. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn.catch(() => {});
    return turn;
  }

  /** After a 429 the server's window is spent: wait at least this long before the next request. */
  pauseFor(ms: number): Promise<void> {
    const turn = this.#queue.then(async () => {
      this.waitedMs += ms;
      await this.#time.sleep(ms);
    });
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = this.#time.now();
      while (this.#sent.length > 0 && this.#sent[0]! <= now - WINDOW_MS) this.#sent.shift();
      if (this.#sent.length < this.perMinute) {
        this.#sent.push(now);
        return;
      }
      const wait = this.#sent[0]! + WINDOW_MS - now;
      this.waitedMs += wait;
      await this.#time.sleep(wait);
    }
  }
}
