import { FREE_WORKSPACE_BLOCK_CAP } from '../limits.js';
import { type DesiredTraject, renderTraject } from '../render/traject.js';
import { DATA_SOURCE_KEYS } from '../workspace-template.js';
import type { NotionSyncPorts } from './ports.js';

/**
 * Notion's Free plan counts blocks (PLATFORM-LIMITS §1.2): every page is one, every block in a page one, a
 * database one. Notion lets the write that crosses the cap succeed and starts a grace period, so the
 * count is shown before it matters: by `notion init` and by every sync, dry run or not.
 */

/** Blocks one traject takes: its page, the dossier's blocks, and a page per row elsewhere. */
export function blocksOfTraject(desired: DesiredTraject): number {
  return 1 + desired.dossier.length + desired.rows.length;
}

/** Blocks the workspace itself takes: one database per data source and the two-line guide. */
export const WORKSPACE_BLOCKS = DATA_SOURCE_KEYS.length + 1;

export interface BlockEstimate {
  /** Blocks our workspace holds once every traject is in Notion as it is now. */
  total: number;
  trajects: number;
  /** The Free plan's cap, printed beside the total. */
  cap: number;
}

/** What the whole workspace takes when every traject is synced as the store has it today. */
export async function estimateBlocks(
  ports: Pick<NotionSyncPorts, 'trajects' | 'formSubmissions'>,
  today: string,
): Promise<BlockEstimate> {
  const all = await ports.trajects.list({ kind: 'all' });
  let total = WORKSPACE_BLOCKS;
  for (const traject of all) {
    const submissions = ports.formSubmissions ? await ports.formSubmissions.list(traject.id) : [];
    total += blocksOfTraject(renderTraject(traject, today, submissions));
  }
  return { total, trajects: all.length, cap: FREE_WORKSPACE_BLOCK_CAP };
}

/** One Dutch line: the count beside the cap, and a warning when it does not fit. */
export function describeBlocks(
  estimate: BlockEstimate,
  created?: { count: number; dryRun: boolean },
): string {
  const nl = (value: number) => value.toLocaleString('nl-NL');
  const parts = [
    ...(created
      ? [
          `${created.dryRun ? 'zou' : 'heeft'} ${nl(created.count)} nieuwe blok(ken) ${created.dryRun ? 'maken' : 'gemaakt'}`,
        ]
      : []),
    `de werkruimte telt ${created ? 'daarna ' : ''}ongeveer ${nl(estimate.total)} blokken voor ${nl(estimate.trajects)} traject(en), van de ${nl(estimate.cap)} van het gratis Notion-abonnement`,
  ];
  const line = `Blokken: ${parts.join('; ')}.`;
  return estimate.total > estimate.cap
    ? `${line} Dat past niet: Notion laat het overschrijden eerst toe en weigert na een respijtperiode nieuwe blokken. Kies een betaald abonnement of een werkruimte met één lid.`
    : line;
}
