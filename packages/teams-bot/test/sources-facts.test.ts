import { demoPortfolio, getBuiltInTemplate } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import { statusCard } from '../src/cards/traject-cards.js';
import { trajectPage } from '../src/tab/page.js';
import { trajectView } from '../src/traject-view.js';

const today = '2027-03-17';
const portfolio = demoPortfolio(today, getBuiltInTemplate('visieleertraject'));
const oldenzaal = portfolio.find((traject) => traject.id === 'oldenzaal')!;

describe('the tab and the status card show what the sources say, and what is illustrative', () => {
  it('the tab page: the stop reason beside the status, the illustrative notice, nothing "te laat"', () => {
    const html = trajectPage(trajectView(oldenzaal, today), { theme: 'default' });
    expect(html).toContain('Tussentijds gestopt: Gewijzigde timing en voortschrijdend inzicht');
    expect(html).toContain('Illustratief: de data van fasen en sessies zijn ingevuld');
    expect(html).not.toContain('Te laat');
    expect(html).not.toContain('Borgingssessie');
  });

  it('the status card: the same reason and notice', () => {
    const card = JSON.stringify(statusCard(trajectView(oldenzaal, today), 'nl'));
    expect(card).toContain('Tussentijds gestopt: Gewijzigde timing en voortschrijdend inzicht');
    expect(card).toContain('Illustratief:');
  });
});
