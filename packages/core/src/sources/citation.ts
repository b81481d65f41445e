import { type Lang, localize } from '../i18n/index.js';
import { defaultVitBank } from '../vit/bank.js';

/**
 * The source documents as people cite them (DOMAIN.md, "how users see it cited"). Code and comments call
 * them "seed 000" … "seed 004"; nothing a person reads does.
 */
export const SOURCE_DOCUMENTS = {
  '000': 'VNG, Visieleertraject (webpagina)',
  '001': 'VNG, Visieleertrajecten Toegang (webpagina)',
  '002': 'Rapportage Visieleren, VNG, april 2024',
  '003': 'Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa)',
  '004': 'Movisie, Achtergrondinformatie Verbetertraject Toegang',
} as const;

/** "seed 002 §2.1", "seed 002: Rapportage Visieleren (april 2024), §1.3" (a label someone wrote with it). */
const SEED_REFERENCE = /\bseed (00[0-4])(?::\s*[^,;§]*?(?=,|;|§|$))?/g;

/**
 * A source label in the words people read: "seed 002 §2.1" → "Rapportage Visieleren, VNG, april 2024, §2.1".
 * Text without a seed reference comes back as it was.
 */
export function citeSource(label: string): string {
  return label
    .replace(SEED_REFERENCE, (_match, number: keyof typeof SOURCE_DOCUMENTS) => SOURCE_DOCUMENTS[number])
    .replace(/(april 2024)\s+(§|Tabel|Bijlage|hoofdstuk)/g, '$1, $2')
    .replace(/,\s*,/g, ',')
    .trim();
}

/** An uitgangspunt by its name ("Transparantie en eenvoud"), not its key; an unknown key as given. */
export function uitgangspuntName(key: string, lang: Lang = 'nl'): string {
  const found = defaultVitBank.uitgangspunten.find((uitgangspunt) => uitgangspunt.key === key);
  return found ? localize(found.name, lang) : key;
}

/** Whether a citation starts with one of the source documents' titles. */
export function citesSourceDocument(citation: string): boolean {
  return Object.values(SOURCE_DOCUMENTS).some((title) => citation.startsWith(title));
}
