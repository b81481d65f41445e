import { VisielerenError } from '@visieleren/core';

/**
 * The Free workspace's lifetime block cap is reached: no retry helps, the sync stops and says what it did.
 * Notion documents the cap (docs/platform-limits.md §1.2) but not its error body; we recognise a 403 (or 400) whose
 * code, message or additional data speaks of a block limit.
 */
export class NotionBlockCapError extends VisielerenError {
  constructor() {
    super(
      'CONFIGURATION',
      'Notion weigert nieuwe blokken: de werkruimte heeft de limiet van 1.000 blokken van het gratis abonnement bereikt.',
    );
  }
}

/** Notion refuses for good (bad token, no access, blocked connection, a request it cannot accept). */
export class NotionRefusedError extends VisielerenError {
  readonly status: number | undefined;
  readonly notionCode: string | undefined;
  /** Notion's own message, to recognise a case; not shown (it may quote what we sent). */
  readonly notionMessage: string;

  constructor(message: string, status?: number, notionCode?: string, notionMessage = '') {
    super(status === 401 ? 'AUTH' : 'CONFIGURATION', message);
    this.status = status;
    this.notionCode = notionCode;
    this.notionMessage = notionMessage;
  }
}

/** The page or block is gone in Notion: deleted, or moved to the trash by someone. */
export function isGoneInNotion(error: unknown): boolean {
  return (
    error instanceof NotionRefusedError &&
    (error.status === 404 || (error.status === 400 && /archived|in_trash|trash/i.test(error.notionMessage)))
  );
}

/** Notion stayed unavailable (5xx, time-outs) after every retry we allow. */
export class NotionUnavailableError extends VisielerenError {
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

/** The sync was stopped from outside (the job was cancelled, the server stops). */
export class SyncAbortedError extends VisielerenError {
  constructor() {
    super('INTERNAL', 'De Notion-synchronisatie is afgebroken.');
  }
}
