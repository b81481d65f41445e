import { type Commitment, defineMessages, type Lang, type Template } from '@visieleren/core';

const t = defineMessages({
  hours: { nl: '{range} uur per week', en: '{range} hours a week' },
  bySize: {
    nl: 'afhankelijk van de grootte van de gemeente: {bands}',
    en: 'depending on the size of the municipality: {bands}',
  },
  upTo: { nl: 'tot {count} inwoners {range} uur', en: 'up to {count} inhabitants {range} hours' },
  above: { nl: 'daarboven {range} uur', en: 'above that {range} hours' },
  dagdelen: { nl: 'ten minste {count} dagdelen', en: 'at least {count} half-days' },
  preparation: { nl: 'plus voorbereiding', en: 'plus preparation' },
  during: { nl: 'tijdens {phases}', en: 'during {phases}' },
  wholeTraject: { nl: 'gedurende het hele traject', en: 'throughout the programme' },
  norm: { nl: 'Gevraagde inzet: {text}.', en: 'Time asked: {text}.' },
  sources: {
    nl: 'Gevraagde inzet volgens de bronnen: {text}.',
    en: 'Time asked according to the sources: {text}.',
  },
  statement: { nl: '{text} ({source})', en: '{text} ({source})' },
  interpretation: {
    nl: 'Onze interpretatie, geen eis uit de bronnen: {bands}.',
    en: 'Our interpretation, not a requirement of the sources: {bands}.',
  },
});

function range(min: number, max: number, lang: Lang): string {
  const format = (value: number) => value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  return min === max ? format(min) : `${format(min)}–${format(max)}`;
}

function sizeBands(commitment: Extract<Commitment, { kind: 'hours-per-week' }>, lang: Lang): string[] {
  return (commitment.bySize ?? []).map((band) =>
    band.upToInwoners === undefined
      ? t('above', lang, { range: range(band.minHours, band.maxHours, lang) })
      : t('upTo', lang, {
          count: band.upToInwoners.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB'),
          range: range(band.minHours, band.maxHours, lang),
        }),
  );
}

/**
 * A commitment for which the template quotes its sources: each source's own words with the document they come
 * from, then our size bands, marked as interpretation (they are no requirement of any source).
 */
function describeFromSources(commitment: Commitment, lang: Lang): string {
  const said = (commitment.statements ?? []).map((statement) =>
    t('statement', lang, { text: statement.text[lang], source: statement.source }),
  );
  const text = t('sources', lang, { text: said.join('; ') });
  if (commitment.kind !== 'hours-per-week' || !commitment.bySize || commitment.bySize.length < 2) return text;
  return `${text} ${t('interpretation', lang, { bands: sizeBands(commitment, lang).join('; ') })}`;
}

/**
 * The hour or dagdeel norm of a role in words, from the template's commitments (data, not code), so a
 * changed template changes the registration form without a code change.
 */
export function describeCommitment(commitment: Commitment, template: Template, lang: Lang): string {
  if (commitment.statements && commitment.statements.length > 0) return describeFromSources(commitment, lang);
  const parts: string[] = [];
  if (commitment.kind === 'hours-per-week') {
    parts.push(t('hours', lang, { range: range(commitment.minHours, commitment.maxHours, lang) }));
    if (commitment.bySize && commitment.bySize.length > 1) {
      parts.push(`(${t('bySize', lang, { bands: sizeBands(commitment, lang).join('; ') })})`);
    }
  } else {
    parts.push(t('dagdelen', lang, { count: commitment.minDagdelen }));
    if (commitment.plusPreparation) parts.push(t('preparation', lang));
  }
  if (commitment.phaseKeys && commitment.phaseKeys.length > 0) {
    const names = commitment.phaseKeys.map(
      (key) => template.phases.find((phase) => phase.key === key)?.name[lang].toLowerCase() ?? key,
    );
    parts.push(t('during', lang, { phases: names.join(', ') }));
  } else if (commitment.kind === 'hours-per-week') {
    parts.push(t('wholeTraject', lang));
  }
  return t('norm', lang, { text: parts.join(' ') });
}
