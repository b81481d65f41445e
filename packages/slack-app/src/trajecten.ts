import {
  amsterdamDate,
  type Clock,
  formatDate,
  localize,
  TRAJECT_STATUS_LABELS,
  type TrajectOverview,
  type TrajectRecord,
  type TrajectRepositoryPort,
  trajectName,
  trajectOverview,
  ValidationError,
} from '@visieleren/core';
import { escapeMrkdwn } from './block-kit/blocks.js';
import { counted, t } from './text.js';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/**
 * The traject a person means by a gemeente name ("Hoorn", "stede broec") or an id. Exact names win over
 * partial ones and running trajects over closed ones; more than one candidate is a question back, not a guess.
 */
export async function findTraject(trajects: TrajectRepositoryPort, query: string): Promise<TrajectRecord> {
  const wanted = fold(query);
  if (!wanted) throw new ValidationError(t('needGemeente', 'nl', { command: 'status' }));
  const all = await trajects.list({ kind: 'all' });
  const byId = all.find((traject) => fold(traject.id) === wanted);
  if (byId) return byId;
  const exact = all.filter(
    (traject) =>
      traject.gemeenten.some((gemeente) => fold(gemeente.name) === wanted) ||
      fold(trajectName(traject)) === wanted,
  );
  const partial = all.filter((traject) => fold(trajectName(traject)).includes(wanted));
  for (const candidates of [exact, partial]) {
    const open = candidates.filter(
      (traject) =>
        !['afgerond', 'afgerond-werkbezoek', 'tussentijds-gestopt', 'geannuleerd'].includes(traject.status),
    );
    const pick = open.length > 0 ? open : candidates;
    if (pick.length === 1) return pick[0] as TrajectRecord;
    if (pick.length > 1) {
      throw new ValidationError(
        t('manyTrajecten', 'nl', {
          query,
          names: pick
            .slice(0, 8)
            .map((traject) => `${trajectName(traject)} (${traject.id})`)
            .join(', '),
        }),
      );
    }
  }
  throw new ValidationError(t('noTraject', 'nl', { query }));
}

export function today(clock: Clock): string {
  return amsterdamDate(clock.now());
}

/** One line per fact of the shared overview view, as the overview page shows them. */
export function overviewFacts(overview: TrajectOverview): string[] {
  if (overview.closed) {
    return [t('closed', 'nl', { status: localize(TRAJECT_STATUS_LABELS[overview.status]) })];
  }
  return [
    overview.currentPhase
      ? t('phase', 'nl', { phase: localize(overview.currentPhase.name) })
      : t('noPhase', 'nl'),
    overview.nextSession
      ? t('nextSession', 'nl', {
          session: localize(overview.nextSession.name),
          date: formatDate(overview.nextSession.date),
        })
      : t('noNextSession', 'nl'),
    overview.overdue.length > 0
      ? t('overdue', 'nl', { count: overview.overdue.length })
      : t('noOverdue', 'nl'),
    overview.slipWorkingDays
      ? t('slip', 'nl', { days: overview.slipWorkingDays, ...counted(overview.slipWorkingDays) })
      : t('onTime', 'nl'),
  ];
}

export function overviewLine(
  traject: TrajectRecord,
  day: string,
): { overview: TrajectOverview; text: string } {
  const overview = trajectOverview(traject, day);
  return {
    overview,
    text: `*${escapeMrkdwn(overview.name)}*\n${overviewFacts(overview).join(' · ')}`,
  };
}
