/**
 * Adaptive Card building blocks. Teams renders schema 1.5 (docs/platform-limits.md §3.4); every action is an
 * `Action.Execute` (Universal Actions: the card refreshes in place) with an `Action.Submit` fallback for
 * clients without them, which then sends the same data as a message.
 */

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams accepts ~100 KB per message; we stay under 80 KB (docs/platform-limits.md §3.3). */
export const MAX_CARD_BYTES = 80 * 1024;

export type Json = Record<string, unknown>;

/** The verbs our cards send; the bot routes on them. */
export const VERBS = {
  checklistToggle: 'visieleren.checklist.toggle',
  hoursLog: 'visieleren.hours.log',
  show: 'visieleren.show',
  vitForm: 'visieleren.vit.form',
} as const;

export type CardView = 'status' | 'checklist' | 'uren' | 'planning' | 'vit' | 'help';

export function card(body: Json[], actions: Json[] = []): Json {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function heading(text: string): Json {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function subheading(text: string): Json {
  return {
    type: 'TextBlock',
    text,
    size: 'Medium',
    weight: 'Bolder',
    wrap: true,
    style: 'heading',
    spacing: 'Large',
    separator: true,
  };
}

export function text(value: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

export function facts(entries: Array<[string, string]>): Json {
  return { type: 'FactSet', facts: entries.map(([title, value]) => ({ title, value })) };
}

/** Action.Execute with an Action.Submit fallback carrying the verb in its data. */
export function execute(title: string, verb: string, data: Json, extra: Json = {}): Json {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...extra,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb }, ...extra },
  };
}

export function openUrl(title: string, url: string): Json {
  return { type: 'Action.OpenUrl', title, url };
}

/** The attachment Bot Framework carries a card in. */
export function cardAttachment(content: Json): { contentType: string; content: Json } {
  return { contentType: CARD_CONTENT_TYPE, content };
}

/** Size as Teams counts it: the serialised activity in UTF-16 (2 bytes a character). */
export function cardSizeBytes(content: Json): number {
  return JSON.stringify(content).length * 2;
}
