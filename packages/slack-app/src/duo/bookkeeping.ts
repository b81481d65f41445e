import { ConflictError, type PlatformLinkPort } from '@visieleren/core';

/**
 * What the Slack app remembers of one duo round beyond the round itself: who is reached how, which messages
 * were sent (so a retried job sends nothing twice), the invite sequence per interview. Kept as a platform
 * link (`slack-duo-round`, externalId = round id) and written with compare-and-set.
 */
export const ROUND_LINK_KIND = 'slack-duo-round';

export interface RoundPerson {
  name: string;
  /** Normalised e-mail (personal data: never logged). */
  email: string;
  role: 'deelnemer' | 'moderator';
  slackUserId?: string;
  /** The DM channel (D…) with this person, once opened. */
  dmChannel?: string;
}

export interface RoundBook {
  trajectId: string;
  /** Where status, schedule and "send these yourself" go. */
  teamChannel: string;
  organizer: { name: string; email: string };
  people: Record<string, RoundPerson>;
  /** Outbox per message key: pending before the send, sent after. */
  sent: Record<string, 'pending' | 'sent'>;
  /** The availability DM per person, to update after a click. */
  availabilityMessages: Record<string, { channel: string; ts: string }>;
  statusMessage?: { channel: string; ts: string };
  /** Current SEQUENCE per interview index (0 = first invite). */
  sequences: Record<string, number>;
  /** The sequence each change (by its request key) got, so a retried change reuses it. */
  changes: Record<string, number>;
  /** The slots of the two interviews before each swap (by request key), so a retried swap goes one way. */
  swaps?: Record<string, [string, string]>;
}

export class RoundBooks {
  constructor(private readonly links: PlatformLinkPort) {}

  async create(roundId: string, book: RoundBook, actor: string): Promise<void> {
    await this.links.link(
      { kind: ROUND_LINK_KIND, externalId: roundId, trajectId: book.trajectId, payload: { ...book } },
      actor,
    );
  }

  async get(roundId: string): Promise<RoundBook | undefined> {
    const link = await this.links.find(ROUND_LINK_KIND, roundId);
    return link ? (link.payload as unknown as RoundBook) : undefined;
  }

  /** Applies `change` to the latest payload; retries when someone wrote in between. */
  async update(roundId: string, change: (book: RoundBook) => void): Promise<RoundBook> {
    // Invites go out in parallel, so a few writers may race; each attempt lets one of them through.
    for (let attempt = 0; attempt < 100; attempt++) {
      const link = await this.links.find(ROUND_LINK_KIND, roundId);
      if (!link) throw new ConflictError(`De Slack-gegevens van duo-ronde ${roundId} ontbreken.`);
      const book = structuredClone(link.payload) as unknown as RoundBook;
      change(book);
      const written = await this.links.updatePayload(ROUND_LINK_KIND, roundId, { ...book }, link.revision);
      if (written) return book;
    }
    throw new ConflictError(`De Slack-gegevens van duo-ronde ${roundId} veranderden steeds tussendoor.`);
  }

  /**
   * Runs `send` once per key: marks it pending first, so a retry after a crash knows an attempt may have
   * landed (`mayExist`) and looks before sending again.
   */
  async once(roundId: string, key: string, send: (mayExist: boolean) => Promise<void>): Promise<boolean> {
    const book = await this.get(roundId);
    const state = book?.sent[key];
    if (state === 'sent') return false;
    if (state !== 'pending')
      await this.update(roundId, (next) => {
        next.sent[key] = 'pending';
      });
    await send(state === 'pending');
    await this.update(roundId, (next) => {
      next.sent[key] = 'sent';
    });
    return true;
  }

  /**
   * AVG: replaces this person (normalised e-mail) in every round's bookkeeping by a placeholder without
   * name, address or Slack ids; the round itself keeps working for the others. Returns how many rounds.
   */
  async forget(participantKey: string): Promise<number> {
    let removed = 0;
    for (const link of await this.links.listByKind(ROUND_LINK_KIND)) {
      const book = link.payload as unknown as RoundBook;
      if (!Object.values(book.people ?? {}).some((person) => person.email === participantKey)) continue;
      await this.update(link.externalId, (next) => {
        for (const [id, person] of Object.entries(next.people)) {
          if (person.email === participantKey) {
            next.people[id] = { name: 'Verwijderde deelnemer', email: '', role: person.role };
            delete next.availabilityMessages[id];
          }
        }
      });
      removed++;
    }
    return removed;
  }
}
