/**
 * Adaptive Card building blocks. Teams renders schema 1.5 (docs/platform-limits.md §3.4); every action is an
 * `Action.Execute` (Universal Actions: the card refreshes in place) with an `Action.Submit` fallback for
 * clients without them, which then sends the same data as a message.
 */

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/**
 * Teams refuses a message over ~100 KB (docs/platform-limits.md §3.3) and renders big cards slowly on phones; 40 KB
 * as Teams counts it (UTF-16, 2 bytes a character) leaves room for the activity around the card.
 */
export const MAX_CARD_BYTES = 40 * 1024;

export type Json = Record<string, unknown>;

/** The verbs our cards send; the bot routes on them. */
export const VERBS = {
  checklistToggle: 'visieleren.checklist.toggle',
  hoursLog: 'visieleren.hours.log',
  show: 'visieleren.show',
  vitForm: 'visieleren.vit.form',
  /** "Traject bekijken": a page link for the person who clicked only (tab/member-links.ts). */
  open: 'visieleren.open',
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

/** Action.Execute only: what it answers is for the person who clicked, never posted where others see it. */
export function executeOnly(title: string, verb: string, data: Json): Json {
  return { type: 'Action.Execute', title, verb, data };
}

/** Hours as people write them: "2,5" in Dutch, "2.5" in English. */
export function formatHours(hours: number, lang: 'nl' | 'en'): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(hours);
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
