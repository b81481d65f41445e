/**
 * Block Kit limits for messages, App Home and modals. Slack rejects the whole call (`invalid_blocks`,
 * `msg_too_long`) when one is exceeded, so every builder here splits or shortens instead. The modal numbers
 * are the forms package's (`SLACK_LIMITS`, with sources); these add what messages and App Home need.
 */
import { SLACK_LIMITS } from '@visieleren/forms';

export const BLOCK_LIMITS = {
  ...SLACK_LIMITS,
  /** "You can include up to 50 blocks in each message" (docs.slack.dev reference/block-kit/blocks). */
  blocksPerMessage: 50,
  /** App Home and modals: "up to 100 blocks" (same page). */
  blocksPerHome: 100,
  /** Button text: plain_text, 75 characters (reference/block-kit/block-elements/button-element). */
  buttonText: 75,
  /** Button value: 2,000 characters (same page). */
  buttonValue: 2000,
  /** Actions block: at most 25 elements (reference/block-kit/blocks/actions-block). */
  actionsElements: 25,
  /** Context block: at most 10 elements (reference/block-kit/blocks/context-block). */
  contextElements: 10,
  /** Message `text` is truncated by Slack above 40,000 characters (chat.postMessage); stay well below. */
  messageText: 4000,
} as const;

/** Shortens to `max` code points with an ellipsis; cuts at a word boundary when one is near. */
export function truncate(text: string, max: number): string {
  const points = [...text];
  if (points.length <= max) return text;
  const head = points.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= Math.floor(max * 0.6) ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/**
 * A modal title of at most 24 characters that never ends in the middle of a word: whole words are kept
 * while they fit ("Aanmelding visieleertraject" → "Aanmelding"); a first word longer than the limit is
 * shortened with an ellipsis as a last resort.
 */
export function modalTitle(text: string, max: number = BLOCK_LIMITS.titleLength): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if ([...clean].length <= max) return clean;
  let title = '';
  for (const word of clean.split(' ')) {
    const next = title ? `${title} ${word}` : word;
    if ([...next].length > max) break;
    title = next;
  }
  return title || `${[...clean].slice(0, max - 1).join('')}…`;
}

/** Splits blocks into messages of at most `perMessage` blocks, never splitting the groups given. */
export function splitBlocks<T>(groups: readonly (readonly T[])[], perMessage: number): T[][] {
  const messages: T[][] = [];
  let current: T[] = [];
  for (const group of groups) {
    if (current.length + group.length > perMessage && current.length > 0) {
      messages.push(current);
      current = [];
    }
    current.push(...group.slice(0, perMessage));
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
