import { describe, expect, it } from 'vitest';
import { renderOverviewPage } from '../src/http/overview-page.js';
import { escapeHtml } from '../src/http/page-shell.js';

describe('renderOverviewPage', () => {
  const html = renderOverviewPage({
    today: '2027-02-08',
    rows: [
      {
        gemeente: 'Stede Broec, Enkhuizen, Drechterland',
        themes: ['Inwoner centraal'],
        currentPhase: 'Luisteren',
        status: 'Lopend',
        nextSession: { name: 'Ontwerpsessie', date: '2027-03-02' },
        overdueItems: 2,
        forecastEnd: '2027-04-30',
        slipDays: 3,
      },
      {
        gemeente: '<script>alert(1)</script>',
        themes: [],
        currentPhase: 'Afgerond',
        status: 'Afgerond',
        overdueItems: 0,
      },
    ],
  });

  it('is a Dutch page with a skip link, a caption and header scopes', () => {
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<a class="vl-skip" href="#inhoud">/);
    expect(html).toMatch(/<main id="inhoud"/);
    expect(html).toMatch(/<caption id="trajecten-caption">Alle visieleertrajecten \(2\)/);
    expect(html.match(/<th scope="col">/g)).toHaveLength(7);
    expect(html.match(/<th scope="row">/g)).toHaveLength(2);
  });

  it('shows dates in Dutch with machine-readable datetime', () => {
    expect(html).toContain('<time datetime="2027-03-02">di 2 maart 2027</time>');
    expect(html).toContain('3 werkdagen uitgelopen');
  });

  it('escapes what it shows', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('explains what to do when there are no trajects', () => {
    const empty = renderOverviewPage({ today: '2027-02-08', rows: [] });
    expect(empty).toContain('Er zijn nog geen trajecten');
    expect(empty).not.toContain('<table');
  });

  it('offers the VNG sign-in when nobody is signed in, and an Uitloggen form when someone is', () => {
    const signedOut = renderOverviewPage({ today: '2027-02-08', rows: [], signInHref: '/inloggen' });
    expect(signedOut).toContain('<a href="/inloggen">Inloggen (VNG-team)</a>');
    expect(signedOut).not.toContain('Uitloggen');
    const signedIn = renderOverviewPage({ today: '2027-02-08', rows: [], signedInAs: '<Anna & co>' });
    expect(signedIn).toContain('Ingelogd als <strong>&lt;Anna &amp; co&gt;</strong> (VNG-team)');
    expect(signedIn).toContain('<form method="post" action="/uitloggen">');
    expect(signedIn).not.toContain('Inloggen (VNG-team)');
  });
});
