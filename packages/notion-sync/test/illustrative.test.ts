import { demoPortfolio, getBuiltInTemplate } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { renderTraject } from '../src/render/traject.js';

const TODAY = '2027-02-01';

function dossierText(traject: Parameters<typeof renderTraject>[0]): string[] {
  return renderTraject(traject, TODAY).dossier.map((block) =>
    block.richText.map((piece) => piece.text.content).join(''),
  );
}

describe('illustrative demo data in Notion', () => {
  const portfolio = demoPortfolio(TODAY, getBuiltInTemplate('visieleertraject'));

  it('a Tabel 1 traject with illustrative dates says so in its dossier', () => {
    const marked = portfolio.find((traject) => (traject.illustrative ?? []).length > 0);
    expect(marked).toBeDefined();
    expect(dossierText(marked!).some((line) => line.startsWith('Illustratief'))).toBe(true);
  });

  it('a traject without illustrative parts gets no such block', () => {
    const plain = { ...portfolio[0]!, illustrative: [] };
    expect(dossierText(plain).some((line) => line.startsWith('Illustratief'))).toBe(false);
  });
});
