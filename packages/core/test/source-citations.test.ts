import { describe, expect, it } from 'vitest';
import {
  builtInTemplates,
  DELIVERABLE_INFO,
  DEMO_PROGRAMMES,
  defaultVitBank,
  demoExtraSessions,
  demoPortfolio,
  EXPERTISE_SOURCE,
  EXTRA_SESSION_INFO,
  getBuiltInTemplate,
  PHASE_OUTPUTS,
  SEED_LESSONS,
  SOURCE_DOCUMENTS,
  trajectOverview,
} from '../src/index.js';

/** Our internal names for the source documents: the word "seed" and their file numbers. */
const INTERNAL = [/\bseed\b/i, /(?<![\d.,])00[0-4](?![\d.,])/, /\.\.\/shared/, /_[0-9a-f]{16}\.txt/];

describe('users read the sources named as documents, never our internal names', () => {
  const template = getBuiltInTemplate('visieleertraject');
  const readable: Array<[string, unknown]> = [
    ['templates', builtInTemplates],
    ['VIT-vragenset', defaultVitBank],
    ['lessen', SEED_LESSONS],
    ['producten', [DELIVERABLE_INFO, PHASE_OUTPUTS]],
    ['extra sessies', EXTRA_SESSION_INFO],
    ['expertteam', EXPERTISE_SOURCE],
    ['programma’s', DEMO_PROGRAMMES],
    ['demo', demoPortfolio('2027-03-17', template)],
    ['demo-sessies', demoExtraSessions()],
    [
      'overzicht',
      demoPortfolio('2027-03-17', template).map((traject) => trajectOverview(traject, '2027-03-17')),
    ],
  ];

  it.each(readable)('%s', (_name, data) => {
    const text = JSON.stringify(data);
    for (const pattern of INTERNAL) expect(text).not.toMatch(pattern);
  });

  it('cites the documents by the titles DOMAIN.md gives', () => {
    const text = JSON.stringify(readable);
    for (const title of Object.values(SOURCE_DOCUMENTS)) expect(text).toContain(title);
  });
});
