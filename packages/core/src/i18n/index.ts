/** Every user-facing string exists in Dutch (the default) and English. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'nl';

export interface LocalizedText {
  nl: string;
  en: string;
}

export function localize(text: LocalizedText, lang: Lang = DEFAULT_LANG): string {
  return text[lang];
}

export type MessageParams = Record<string, string | number>;

/**
 * A module's own message catalogue. Keeping catalogues next to the code that uses them avoids one
 * giant file that every change touches; `{name}` placeholders are filled from params.
 */
export function defineMessages<K extends string>(catalogue: Record<K, LocalizedText>) {
  return (key: K, lang: Lang = DEFAULT_LANG, params: MessageParams = {}): string =>
    fillPlaceholders(catalogue[key][lang], params);
}

export function fillPlaceholders(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
