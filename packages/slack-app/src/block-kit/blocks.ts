import type { Block, KnownBlock } from '@slack/web-api';
import { BLOCK_LIMITS, truncate } from './limits.js';

export type AnyBlock = KnownBlock | Block;

/** Small builders that keep every text inside its limit. */
export const blocks = {
  header(text: string): KnownBlock {
    return { type: 'header', text: { type: 'plain_text', text: truncate(text, BLOCK_LIMITS.headerLength) } };
  },
  section(markdown: string, accessory?: Record<string, unknown>): KnownBlock {
    return {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(markdown, BLOCK_LIMITS.sectionTextLength) },
      ...(accessory ? { accessory } : {}),
    } as KnownBlock;
  },
  context(...markdown: string[]): KnownBlock {
    return {
      type: 'context',
      elements: markdown
        .slice(0, BLOCK_LIMITS.contextElements)
        .map((text) => ({ type: 'mrkdwn', text: truncate(text, BLOCK_LIMITS.sectionTextLength) })),
    };
  },
  divider(): KnownBlock {
    return { type: 'divider' };
  },
  actions(blockId: string, elements: Record<string, unknown>[]): KnownBlock {
    return {
      type: 'actions',
      block_id: blockId.slice(0, BLOCK_LIMITS.idLength),
      elements: elements.slice(0, BLOCK_LIMITS.actionsElements),
    } as unknown as KnownBlock;
  },
};

export function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Record<string, unknown> {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, BLOCK_LIMITS.buttonText), emoji: true },
    action_id: actionId.slice(0, BLOCK_LIMITS.idLength),
    value: value.slice(0, BLOCK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
