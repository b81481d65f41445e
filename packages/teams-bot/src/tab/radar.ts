import type { Lang, VitProfile } from '@visieleren/core';
import { escapeHtml, n } from './html.js';

/**
 * The VIT profile as an SVG radar chart: one axis per uitgangspunt, the average score on the bank's scale.
 * Not assessed uitgangspunten sit at the centre and are named as such in the table beside it.
 */
export function radarChart(profile: VitProfile, scale: { min: number; max: number }, lang: Lang): string {
  const size = 460;
  const centre = size / 2;
  const radius = 150;
  const items = profile.uitgangspunten;
  const count = Math.max(3, items.length);
  const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / count;
  const point = (index: number, fraction: number) =>
    [
      centre + Math.cos(angle(index)) * radius * fraction,
      centre + Math.sin(angle(index)) * radius * fraction,
    ] as const;
  const fraction = (value: number | null) =>
    value === null ? 0 : Math.max(0, Math.min(1, (value - scale.min) / Math.max(1, scale.max - scale.min)));
  const rings = [0.25, 0.5, 0.75, 1].map((ring) => {
    const points = items.map((_, index) => point(index, ring).map(n).join(',')).join(' ');
    return `<polygon points="${points}" class="radar-ring"/>`;
  });
  const axes = items.map((_item, index) => {
    const [x, y] = point(index, 1);
    const [lx, ly] = point(index, 1.12);
    const anchor = Math.abs(lx - centre) < 10 ? 'middle' : lx > centre ? 'start' : 'end';
    return `<line x1="${centre}" y1="${centre}" x2="${n(x)}" y2="${n(y)}" class="radar-axis"/><text x="${n(lx)}" y="${n(ly)}" text-anchor="${anchor}" class="chart-label radar-label">${index + 1}</text>`;
  });
  const shape = items.map((item, index) => point(index, fraction(item.average)).map(n).join(',')).join(' ');
  const title = lang === 'nl' ? 'VIT-profiel per uitgangspunt' : 'VIT profile per principle';
  const desc =
    lang === 'nl'
      ? `Radardiagram met ${items.length} uitgangspunten, genummerd zoals in de tabel; hoe verder van het midden, hoe hoger de score (${scale.min} tot ${scale.max}).`
      : `Radar chart of ${items.length} principles, numbered as in the table; further from the centre means a higher score (${scale.min} to ${scale.max}).`;
  return `<svg id="vit-radar" class="chart chart-radar" viewBox="0 0 ${size} ${size}" role="img" aria-labelledby="radar-titel radar-uitleg" focusable="false">
<title id="radar-titel">${escapeHtml(title)}</title>
<desc id="radar-uitleg">${escapeHtml(desc)}</desc>
${rings.join('')}
${axes.join('')}
<polygon points="${shape}" class="radar-shape"/>
</svg>`;
}

export function radarTable(profile: VitProfile, lang: Lang): string {
  const nl = lang === 'nl';
  const rows = profile.uitgangspunten.map(
    (item, index) =>
      `<tr><td>${index + 1}</td><th scope="row">${escapeHtml(item.name[lang])}</th><td>${item.average ?? '–'}</td><td>${item.stage ? escapeHtml(item.stage.name[lang]) : nl ? 'te weinig antwoorden' : 'not enough answers'}</td></tr>`,
  );
  return `<table class="data-table" id="vit-tabel">
<caption id="vit-tabel-titel">${nl ? 'VIT-profiel in tabelvorm' : 'VIT profile as a table'}</caption>
<thead><tr><th scope="col">${nl ? 'Nr.' : 'No.'}</th><th scope="col">${nl ? 'Uitgangspunt' : 'Principle'}</th><th scope="col">${nl ? 'Gemiddelde score' : 'Average score'}</th><th scope="col">${nl ? 'Ontwikkelstadium' : 'Stage'}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}
