import type { CreatePageParameters } from '@notionhq/client';
import { MAX_ARRAY_ELEMENTS, MAX_EMAIL_CHARS } from '../limits.js';
import { richText } from './rich-text.js';

/** One property value as the SDK's page create and update take it. */
export type PropertyValue = NonNullable<CreatePageParameters['properties']>[string];

/** Property values in the shape Notion's page create and update take. */
export const prop = {
  title: (text: string) => ({ title: richText(text) }) satisfies PropertyValue,
  text: (text: string | undefined) => ({ rich_text: text ? richText(text) : [] }) satisfies PropertyValue,
  number: (value: number | undefined) => ({ number: value ?? null }) satisfies PropertyValue,
  date: (start: string | undefined, end?: string) =>
    ({
      date: start ? { start, ...(end && end !== start ? { end } : {}) } : null,
    }) satisfies PropertyValue,
  checkbox: (value: boolean) => ({ checkbox: value }) satisfies PropertyValue,
  select: (name: string | undefined) => ({ select: name ? { name } : null }) satisfies PropertyValue,
  multiSelect: (names: string[]) =>
    ({
      multi_select: names.slice(0, MAX_ARRAY_ELEMENTS).map((name) => ({ name })),
    }) satisfies PropertyValue,
  email: (address: string | undefined) =>
    ({
      email: address && address.length <= MAX_EMAIL_CHARS ? address : null,
    }) satisfies PropertyValue,
  relation: (pageId: string) => ({ relation: [{ id: pageId }] }) satisfies PropertyValue,
};
