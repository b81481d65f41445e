import type { HomeView, KnownBlock } from '@slack/web-api';
import type { TrajectRecord } from '@visieleren/core';
import { blocks, button } from './block-kit/blocks.js';
import { BLOCK_LIMITS } from './block-kit/limits.js';
import { counted, t } from './text.js';
import { overviewLine } from './trajecten.js';

export const ACTIONS = {
  homePlanRound: 'home_plan_round',
  homeOpen: 'home_open_traject',
  availabilitySlot: 'availability_slot',
  availabilityNone: 'availability_none',
  roundScheduleNow: 'round_schedule_now',
  roundRefresh: 'round_refresh',
  interviewMove: 'interview_move',
  interviewCancel: 'interview_cancel',
} as const;

const BLOCKS_PER_TRAJECT = 3;

/** Running trajects first, then by name. */
function byAttention(a: TrajectRecord, b: TrajectRecord, day: string): number {
  const closedA = overviewLine(a, day).overview.closed ? 1 : 0;
  const closedB = overviewLine(b, day).overview.closed ? 1 : 0;
  return closedA - closedB || a.gemeenten[0]!.name.localeCompare(b.gemeenten[0]!.name, 'nl');
}

/**
 * Blocks for the portfolio: one section, one context line and buttons per traject, inside `maxBlocks`.
 * When not all fit, the last block says how many were left out and where to find them.
 */
export function portfolioBlocks(
  trajects: readonly TrajectRecord[],
  day: string,
  options: { maxBlocks: number; trajectUrl: (id: string) => string; withButtons: boolean },
): KnownBlock[] {
  const sorted = [...trajects].sort((a, b) => byAttention(a, b, day));
  const head: KnownBlock[] = [
    blocks.header(t('portfolioHeader', 'nl')),
    blocks.context(t('portfolioIntro', 'nl', { count: trajects.length, ...counted(trajects.length) })),
  ];
  const perTraject = options.withButtons ? BLOCKS_PER_TRAJECT : 2;
  const room = options.maxBlocks - head.length;
  const fits = sorted.length * perTraject <= room ? sorted.length : Math.floor((room - 1) / perTraject);
  const body = sorted.slice(0, fits).flatMap((traject) => {
    const { text } = overviewLine(traject, day);
    const group: KnownBlock[] = [blocks.section(text)];
    if (options.withButtons) {
      // A finished traject has no round to plan; its page stays open.
      const closed = overviewLine(traject, day).overview.closed;
      group.push(
        blocks.actions(`traject:${traject.id}`, [
          { ...button(t('open', 'nl'), ACTIONS.homeOpen, traject.id), url: options.trajectUrl(traject.id) },
          ...(closed ? [] : [button(t('planRound', 'nl'), ACTIONS.homePlanRound, traject.id, 'primary')]),
        ]),
      );
    }
    group.push(blocks.divider());
    return group;
  });
  const more = sorted.length - fits;
  return [
    ...head,
    ...body,
    ...(more > 0 ? [blocks.context(t('portfolioMore', 'nl', { count: more, ...counted(more) }))] : []),
  ];
}

/** How long the traject page links in App Home work: as long as a VNG session on the web overview. */
export const HOME_LINK_TTL_MS = 8 * 3600_000;

/**
 * App Home. Links to the traject pages and the plan buttons only for the VNG team (`trajectUrl` given);
 * a guest or someone outside SLACK_VNG_USERGROUP sees the portfolio as text.
 */
export function homeView(
  trajects: readonly TrajectRecord[],
  day: string,
  trajectUrl: ((id: string) => string) | undefined,
): HomeView {
  return {
    type: 'home',
    blocks: portfolioBlocks(trajects, day, {
      maxBlocks: BLOCK_LIMITS.blocksPerHome,
      trajectUrl: trajectUrl ?? (() => ''),
      withButtons: trajectUrl !== undefined,
    }),
  };
}
