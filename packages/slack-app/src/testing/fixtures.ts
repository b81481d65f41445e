import type { Traject } from '@visieleren/core';
import { buildTemplate, buildTraject } from '@visieleren/core/testing';

/**
 * The people and the traject the Slack tests share: a VNG lead and moderator in the workspace, and Hoorn with
 * a participant for every perspective (one of them outside Slack, so a round also sends e-mail).
 */
/** People in the fake workspace (the rest of a round is outside Slack and gets e-mail). */
export const SLACK_TEST_USERS = {
  'lead@vng.nl': { id: 'U0LEAD', name: 'Lotte Lead' },
  'mies@vng.nl': { id: 'U0MIES', name: 'Mies Moderator' },
  'anna@hoorn.nl': { id: 'U0ANNA', name: 'Anna Bestuur' },
  'bram@hoorn.nl': { id: 'U0BRAM', name: 'Bram Uitvoering' },
};

export function hoornTraject(overrides: Partial<Traject> = {}): Traject {
  return buildTraject({
    id: 'hoorn-2027',
    gemeenten: [{ name: 'Hoorn' }],
    template: buildTemplate(),
    participants: [
      {
        id: 'anna',
        name: 'Anna Bestuur',
        email: 'anna@hoorn.nl',
        role: 'bestuurder',
        perspective: 'bestuur',
      },
      {
        id: 'bram',
        name: 'Bram Uitvoering',
        email: 'bram@hoorn.nl',
        role: 'professional',
        perspective: 'uitvoering',
      },
      {
        id: 'cees',
        name: 'Cees Beleid',
        email: 'cees@hoorn.nl',
        role: 'professional',
        perspective: 'beleid',
      },
      { id: 'dirk', name: 'Dirk Inwoner', email: 'dirk@example.nl', role: 'inwoner', perspective: 'inwoner' },
      { id: 'mies', name: 'Mies Moderator', email: 'mies@vng.nl', role: 'moderator' },
    ],
    ...overrides,
  });
}
