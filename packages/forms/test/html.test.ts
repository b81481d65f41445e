import { getBuiltInTemplate } from '@visieleren/core';
import { describe, expect, it } from 'vitest';
import {
  availabilityForm,
  buildForm,
  HTML_ENHANCEMENT_SCRIPT,
  parseSubmission,
  renderHtml,
  slotLabel,
} from '../src/index.js';

describe('HTML renderer', () => {
  const aanmelding = buildForm('aanmelding');

  it('is a complete page with lang, NL Design System classes, labels and fieldsets', () => {
    const html = renderHtml(aanmelding, { stylesheetHref: '/css/nlds.css' }).output;
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(html).toContain('<link rel="stylesheet" href="/css/nlds.css">');
    expect(html).toContain(
      '<label class="utrecht-form-label" for="veld-gemeente">Naam van de gemeente <span class="visieleren-required">(verplicht)</span></label>',
    );
    expect(html).toMatch(
      /<fieldset class="utrecht-form-fieldset[^"]*"[^>]*>\n<legend[^>]*>Welke thema&#39;s passen bij uw vraag\?/,
    );
    expect(html).toContain('aria-describedby="veld-cbs-code-hulp"');
    expect(html).toContain('<form class="utrecht-form" method="post" novalidate data-visieleren-form>');
  });

  it('adds the enhancement script only for forms with conditions, and not when switched off', () => {
    expect(renderHtml(aanmelding).output).toContain(`<script>${HTML_ENHANCEMENT_SCRIPT}</script>`);
    expect(renderHtml(aanmelding, { enhance: false }).output).not.toContain('<script');
    expect(renderHtml(buildForm('beschikbaarheid')).output).not.toContain('<script');
    expect(renderHtml(aanmelding).output).toContain(
      '<div class="visieleren-question" data-question="draagvlak-toelichting" data-visible-when="{&quot;q&quot;:&quot;draagvlak&quot;,&quot;v&quot;:[&quot;nee&quot;]}">',
    );
  });

  it('shows conditional questions with an "alleen invullen als" note tied to the field', () => {
    const { output, report } = renderHtml(aanmelding);
    expect(output).toContain(
      'id="veld-draagvlak-toelichting-voorwaarde">Alleen invullen als u bij &quot;Is er bestuurlijk draagvlak voor deelname (college van B&amp;W)?&quot; &quot;Nee&quot; hebt gekozen. Dan is deze vraag verplicht.</div>',
    );
    expect(output).toMatch(
      /id="veld-draagvlak-toelichting"[^>]*aria-describedby="veld-draagvlak-toelichting-hulp veld-draagvlak-toelichting-voorwaarde"/,
    );
    expect(report.losses).toEqual([
      expect.objectContaining({
        feature: 'conditional-visibility',
        questionIds: ['andere-gemeenten', 'draagvlak-toelichting'],
      }),
    ]);
  });

  it('re-renders with an error summary linking to the fields, errors at the fields, values kept and escaped', () => {
    const result = parseSubmission(aanmelding, 'html', {
      gemeente: 'Bergen <NH> & "omstreken"',
      'contact-email': 'fout',
      themas: ['rust-en-regie'],
      samen: 'ja',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const html = renderHtml(aanmelding, { values: result.values, errors: result.errors }).output;
    expect(html).toContain('<title>Fout: Aanmelding visieleertraject</title>');
    expect(html).toContain(`Er zijn ${result.errors.length} fouten in het formulier`);
    expect(html).toContain(
      '<a class="utrecht-link utrecht-link--html-a" href="#veld-contact-email">E-mailadres: Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.</a>',
    );
    expect(html).toContain('value="Bergen &lt;NH&gt; &amp; &quot;omstreken&quot;"');
    expect(html).toMatch(
      /id="veld-contact-email"[^>]*aria-describedby="veld-contact-email-fout"[^>]*aria-invalid="true"/,
    );
    expect(html).toMatch(/value="rust-en-regie" checked/);
    expect(html).toMatch(/name="samen" value="ja" checked/);
    expect(html.indexOf('id="foutmeldingen"')).toBeLessThan(html.indexOf('<h1'));
  });

  it('shows the provisional notice on the VIT form, and English on request', () => {
    const vit = buildForm('vit');
    expect(renderHtml(vit).output).toContain('voorlopige vragenset');
    const english = renderHtml(vit, { lang: 'en' }).output;
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('provisional question set');
  });

  it('labels availability slots with Dutch dates and times', () => {
    const slot = { id: 'a', start: '2026-03-03T09:30', end: '2026-03-03T11:00' };
    expect(slotLabel(slot, 'nl')).toBe('dinsdag 3 maart 2026, 09:30–11:00');
    expect(slotLabel(slot, 'en')).toBe('Tuesday, 3 March 2026, 09:30–11:00');
    const html = renderHtml(
      availabilityForm([{ id: 'wo-1', start: '2026-10-28T13:00', end: '2026-10-28T14:30' }]),
    ).output;
    expect(html).toContain('woensdag 28 oktober 2026, 13:00–14:30');
    expect(() => availabilityForm([{ id: 'x', start: '2026-10-28T13:00', end: '2026-10-28T12:00' }])).toThrow(
      '0.end: het einde ligt niet na het begin',
    );
  });

  it('shows hour norms from the template data, not from code', () => {
    const html = renderHtml(aanmelding).output;
    // Each source's hours with its document; the size bands only as our interpretation, never as a requirement.
    expect(html).toContain(
      'Gevraagde inzet volgens de bronnen: 6 tot 8 uur in de week (VNG, Visieleertraject (webpagina), &quot;Wat vraagt deelname van uw gemeente?&quot;); circa 6-12 uur in de week (afhankelijk van de grootte van uw gemeente) (VNG, Visieleertrajecten Toegang (webpagina), &quot;Wat vraagt deelname?&quot;). Onze interpretatie, geen eis uit de bronnen: tot 50.000 inwoners 6–8 uur; tot 150.000 inwoners 6–10 uur; daarboven 6–12 uur.',
    );
    expect(html).not.toContain('afhankelijk van de grootte van de gemeente: tot 50.000');
    expect(html).toContain('Gevraagde inzet: ten minste 2 dagdelen plus voorbereiding.');
    const withoutNorms = buildForm('aanmelding', {
      template: { ...getBuiltInTemplate('visieleertraject'), commitments: [] },
    });
    expect(renderHtml(withoutNorms).output).not.toContain('Gevraagde inzet');
  });
});
