import { ValidationError } from '@visieleren/core';
import type { Store } from '@visieleren/store';
import { LINK_CODE_PURPOSE } from '@visieleren/teams-bot';

/** A code is for the VNG team to pass on by phone or mail: long enough to arrive, short enough to leak little. */
export const DEFAULT_CODE_HOURS = 72;
export const MAX_CODE_HOURS = 24 * 14;

export interface Koppelcode {
  code: string;
  trajectId: string;
  gemeente: string;
  expiresAt: string;
  /** What the gemeente types in its Teams channel. */
  instruction: string;
}

/** A one-time code that links a Teams channel to the traject; only its hash is stored. */
export async function createTeamsKoppelcode(
  store: Store,
  trajectId: string,
  hours: number,
  actor: string,
): Promise<Koppelcode> {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_CODE_HOURS) {
    throw new ValidationError(`Geef de geldigheid in hele uren, 1 tot en met ${MAX_CODE_HOURS}.`, [
      { path: 'uren', message: `1 tot en met ${MAX_CODE_HOURS}` },
    ]);
  }
  const traject = await store.trajects.get(trajectId, { kind: 'all' });
  const record = await store.linkCodes.create(
    { trajectId: traject.id, purpose: LINK_CODE_PURPOSE, ttlMs: hours * 3_600_000 },
    actor,
  );
  return {
    code: record.code,
    trajectId: traject.id,
    gemeente: traject.gemeenten.map((gemeente) => gemeente.name).join(', '),
    expiresAt: record.expiresAt,
    instruction: `@Visieleren koppel ${record.code}`,
  };
}
