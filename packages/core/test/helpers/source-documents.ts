import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The public source documents live beside the repository (`../shared/seeds`, see DOMAIN.md), not in it: CI has
 * them, a plain clone does not. Tests that read them run only when they are there and are reported as skipped,
 * with this reason, when they are not. `VISIELEREN_SOURCES_DIR` points elsewhere (and lets a test simulate a
 * clone without them).
 */
export const sourcesDir =
  process.env.VISIELEREN_SOURCES_DIR ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seeds');

export const sourcesAvailable = existsSync(sourcesDir);

export const SOURCES_SKIP_REASON = `overgeslagen: de brondocumenten staan niet in ${sourcesDir} (alleen naast de repository, zoals in CI)`;

/** The title of a describe block that reads the sources: it says why it was skipped when it was. */
export function sourcesSuite(title: string): string {
  return sourcesAvailable ? title : `${title} (${SOURCES_SKIP_REASON})`;
}

const files = {
  '000': '000_a81f7c4fbeb7756c.txt',
  '001': '001_b6f892849cdde762.txt',
  '002': '002_ce7e4a58e81adb35.txt',
  '003': '003_44a85e72f632cb0f.txt',
  '004': '004_12de117ecea26eec.txt',
} as const;

/** One source document's text, by its internal number. */
export function sourceDocument(number: keyof typeof files): string {
  return readFileSync(resolve(sourcesDir, files[number]), 'utf8');
}

/** Whitespace and markdown emphasis do not matter when checking that a phrase is in a source. */
export const squash = (text: string) => text.replace(/\*+/g, '').replace(/\s+/g, ' ').toLowerCase();
