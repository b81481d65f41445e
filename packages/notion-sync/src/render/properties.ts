import { MAX_ARRAY_ELEMENTS, MAX_EMAIL_CHARS } from '../limits.js';
import { richText } from './rich-text.js';

/** Property values in the shape Notion's page create and update take. */
export const prop = {
  title: (text: string) => ({ title: richText(text) }),
  text: (text: string | undefined) => ({ rich_text: text ? richText(text) : [] }),
  number: (value: number | undefined) => ({ number: value ?? null }),
  date: (start: string | undefined, end?: string) => ({
    date: start ? { start, ...(end && end !== start ? { end } : {}) } : null,
  }),
  checkbox: (value: boolean) => ({ checkbox: value }),
  select: (name: string | undefined) => ({ select: name ? { name } : null }),
  multiSelect: (names: string[]) => ({
    multi_select: names.slice(0, MAX_ARRAY_ELEMENTS).map((name) => ({ name })),
  }),
  email: (address: string | undefined) => ({
    email: address && address.length <= MAX_EMAIL_CHARS ? address : null,
  }),
  relation: (pageId: string) => ({ relation: [{ id: pageId }] }),
};
