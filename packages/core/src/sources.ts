/**
 * The public source documents as users see them cited (DOMAIN.md, last column). Internally they are numbered
 * files ("seed 000" … "seed 004"); nothing a user reads names those numbers, every text cites these titles.
 */
export const SOURCE_DOCUMENTS = {
  visieleertraject: 'VNG, Visieleertraject (webpagina)',
  visieleertrajectenToegang: 'VNG, Visieleertrajecten Toegang (webpagina)',
  rapportage: 'Rapportage Visieleren (VNG, april 2024)',
  impulsVakmanschap: 'Programmaplan Impuls Vakmanschap (SZW, VNG, Divosa)',
  verbetertraject: 'Movisie, Achtergrondinformatie Verbetertraject Toegang',
} as const;

/** Whether a citation starts with one of the source documents' titles. */
export function citesSourceDocument(citation: string): boolean {
  return Object.values(SOURCE_DOCUMENTS).some((title) => citation.startsWith(title));
}
