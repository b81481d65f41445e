import { randomUUID } from 'node:crypto';
import {
  type Clock,
  ConflictError,
  claimRoundSend,
  type PlatformLinkPort,
  type RoundChangeBook,
  type RoundSendRecord,
  releasedRoundSend,
} from '@visieleren/core';

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

export interface RoundBook extends RoundChangeBook {
  trajectId: string;
  /** Where status, schedule and "send these yourself" go. */
  teamChannel: string;
  /** ORGANIZER of the invites: the mailbox they are sent from (SMTP_FROM), so replies land where the meeting is. */
  organizer: { name: string; email: string };
  /** The VNG team member who planned the round, named in the invites' text. */
  planner?: { name: string };
  /** Who claimed the scheduling of the round (a request or trigger): of two "Nu inplannen" one plans. */
  plannedBy?: string;
  people: Record<string, RoundPerson>;
  /** Outbox per message key: claimed by an owner (with a lease) before the send, sent after (core's rules). */
  sent: Record<string, RoundSendRecord>;
  /** The availability DM per person, to update after a click. */
  availabilityMessages: Record<string, { channel: string; ts: string }>;
  statusMessage?: { channel: string; ts: string };
  /** The schedule's messages in the team channel, in order, to update after every change. */
  scheduleMessages?: Array<{ channel: string; ts: string }>;
  /** The Slack user who planned the round: told about setup problems (a channel the bot is not in). */
  plannerUserId?: string;
  /** Set while the team channel refuses the bot (`not_in_channel`); the round resumes when the bot joins. */
  waitingForChannel?: boolean;
  /** The slots of the two interviews before each swap (by request key), so a retried swap goes one way. */
  swaps?: Record<string, [string, string]>;
}

/** Another instance (or job) is sending this message right now: the job tries again after a pause. */
export class SendInProgressError extends ConflictError {
  constructor(key: string) {
    super(`Bericht ${key} van deze duo-ronde wordt al verstuurd; later opnieuw.`);
  }
}

export class RoundBooks {
  constructor(
    private readonly links: PlatformLinkPort,
    private readonly clock: Clock,
  ) {}

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

  /**
   * Applies `change` to the latest payload and writes it with compare-and-set; when someone wrote in
   * between, `change` runs again on what they wrote. A change that returns false writes nothing.
   */
  async update(roundId: string, change: (book: RoundBook) => unknown): Promise<RoundBook> {
    // Invites go out in parallel, so a few writers may race; each attempt lets one of them through.
    for (let attempt = 0; attempt < 100; attempt++) {
      const link = await this.links.find(ROUND_LINK_KIND, roundId);
      if (!link) throw new ConflictError(`De Slack-gegevens van duo-ronde ${roundId} ontbreken.`);
      const book = structuredClone(link.payload) as unknown as RoundBook;
      if (change(book) === false) return book;
      const written = await this.links.updatePayload(ROUND_LINK_KIND, roundId, { ...book }, link.revision);
      if (written) return book;
    }
    throw new ConflictError(`De Slack-gegevens van duo-ronde ${roundId} veranderden steeds tussendoor.`);
  }

  /**
   * Runs `send` once per key, across every instance: the key is claimed in the store first (compare-and-set,
   * with an owner and a lease: core's `claimRoundSend`), so of two jobs doing the same work one sends and
   * the other finds it sent, or in progress (SendInProgressError: its job tries again later). A failed
   * attempt releases the claim as `pending`, so the next one looks before it sends (`mayExist`).
   */
  async once(roundId: string, key: string, send: (mayExist: boolean) => Promise<void>): Promise<boolean> {
    const owner = randomUUID();
    let claim: ReturnType<typeof claimRoundSend> = { kind: 'done' };
    await this.update(roundId, (next) => {
      claim = claimRoundSend(next.sent[key], owner, this.clock.now());
      if (claim.kind !== 'claimed') return false;
      next.sent[key] = claim.record;
      return true;
    });
    const decided = claim as ReturnType<typeof claimRoundSend>;
    if (decided.kind === 'done') return false;
    if (decided.kind === 'busy') throw new SendInProgressError(key);
    try {
      await send(decided.mayExist);
    } catch (error) {
      await this.update(roundId, (next) => {
        const released = releasedRoundSend(next.sent[key], owner);
        if (released === next.sent[key] || released === undefined) return false;
        next.sent[key] = released;
        return true;
      }).catch(() => undefined);
      throw error;
    }
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
