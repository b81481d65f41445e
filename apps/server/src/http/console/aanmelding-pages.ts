import { builtInTemplates, escapeHtml, localize, type Participant, ROLE_LABELS } from '@visieleren/core';
import type { StoredIntake, StoredTraject } from '@visieleren/store';
import { aanmeldingAnswers } from '../../lifecycle/aanmelding-answers.js';
import { day, errorSummary, field, postForm, select, table, textarea, when } from './console-html.js';

/** The whole aanmelding form with every answer, section by section, as the gemeente filled it in. */
export function renderAnswers(answers: Record<string, unknown>): string {
  return aanmeldingAnswers(answers)
    .map(
      (section) => `<section aria-labelledby="sectie-${escapeHtml(section.id)}">
<h3 id="sectie-${escapeHtml(section.id)}">${escapeHtml(section.title)}</h3>
<dl class="vl-facts">${section.questions
        .map(
          (question) =>
            `<dt>${escapeHtml(question.label)}</dt><dd>${question.answer === undefined ? '<span class="vl-muted">niet ingevuld</span>' : escapeHtml(question.answer).replaceAll('\n', '<br>')}</dd>`,
        )
        .join('')}</dl>
</section>`,
    )
    .join('\n');
}

export function aanmeldingenList(
  items: ReadonlyArray<{ traject: StoredTraject; intake?: StoredIntake }>,
): string {
  return table(
    'aanmeldingen-caption',
    `Aanmeldingen die op een besluit wachten (${items.length})`,
    ['Gemeente', 'Ontvangen', 'Vraagstuk', 'Contactpersoon'],
    items.map(({ traject, intake }) => [
      `<a href="/console/aanmeldingen/${encodeURIComponent(traject.id)}">${escapeHtml(traject.gemeenten.map((g) => g.name).join(', '))}</a>`,
      when(intake?.submittedAt),
      escapeHtml((intake?.vraagstuk ?? traject.kernvraag).slice(0, 160)),
      escapeHtml(intake?.contact.name ?? '—'),
    ]),
  );
}

export interface DecisionErrors {
  startDate?: string;
  reden?: string;
  other?: string;
}

function participantItem(participant: Participant): string {
  return `<li>${escapeHtml(participant.name)} — ${escapeHtml(localize(ROLE_LABELS[participant.role]))}</li>`;
}

/** One aanmelding: everything submitted, who becomes a participant, and the two decisions. */
export function aanmeldingDetail(
  traject: StoredTraject,
  intake: StoredIntake | undefined,
  options: { today: string; errors?: DecisionErrors; values?: { startDate?: string; reden?: string } },
  named: readonly Participant[],
): string {
  const errors = options.errors ?? {};
  const id = encodeURIComponent(traject.id);
  const templates = builtInTemplates.map((template) => [template.key, localize(template.name)] as const);
  const summary = errorSummary([
    ...(errors.startDate ? [{ field: 'startdatum', message: errors.startDate }] : []),
    ...(errors.reden ? [{ field: 'reden', message: errors.reden }] : []),
    ...(errors.other ? [{ message: errors.other }] : []),
  ]);
  const decided = traject.status !== 'aangemeld';
  return `${summary}
<h1>Aanmelding ${escapeHtml(traject.gemeenten.map((g) => g.name).join(', '))}</h1>
<dl class="vl-facts">
<dt>Status</dt><dd>${escapeHtml(traject.status)}</dd>
<dt>Ontvangen</dt><dd>${when(intake?.submittedAt)}</dd>
<dt>Contactpersoon</dt><dd>${escapeHtml(intake?.contact.name ?? '—')}${intake?.contact.email ? `, <a href="mailto:${escapeHtml(intake.contact.email)}">${escapeHtml(intake.contact.email)}</a>` : ''}${intake?.contact.telefoon ? `, ${escapeHtml(intake.contact.telefoon)}` : ''}</dd>
${intake?.decision ? `<dt>Besluit</dt><dd>${escapeHtml(intake.decision.kind)} op ${when(intake.decision.at)}${intake.decision.reason ? `: ${escapeHtml(intake.decision.reason)}` : ''}</dd>` : ''}
</dl>
<h2>Het ingevulde formulier</h2>
${intake ? renderAnswers(intake.answers) : '<p>Deze aanmelding heeft geen formulier (aangemaakt via de API).</p>'}
${
  decided
    ? '<p>Over deze aanmelding is al besloten.</p>'
    : `<h2>Accepteren</h2>
<p>Deze mensen uit de aanmelding worden deelnemer:</p>
<ul>${named.map(participantItem).join('') || '<li>alleen de contactpersoon</li>'}</ul>
<p>De actiepunten die de aanmelding al beantwoordt (aanmelding verstuurd, vraagstuk, contactpersoon, en zo
verder) worden afgevinkt.</p>
${postForm(
  `/console/aanmeldingen/${id}/accepteren`,
  `${select({ id: 'template', name: 'template', label: 'Template', choices: templates, value: 'visieleertraject' })}
${field({ id: 'startdatum', name: 'startDate', label: 'Startdatum', type: 'date', value: options.values?.startDate ?? '', hint: `Bijvoorbeeld de dag van de intake; vandaag is het ${options.today}.`, required: true, ...(errors.startDate ? { error: errors.startDate } : {}) })}`,
  'Aanmelding accepteren',
)}
<h2>Afwijzen</h2>
${postForm(
  `/console/aanmeldingen/${id}/afwijzen`,
  textarea({
    id: 'reden',
    name: 'reden',
    label: 'Reden van de afwijzing',
    hint: 'De gemeente en het dossier krijgen deze reden.',
    value: options.values?.reden ?? '',
    required: true,
    ...(errors.reden ? { error: errors.reden } : {}),
  }),
  'Aanmelding afwijzen',
  true,
)}`
}
<p><a href="/console/aanmeldingen">Terug naar de aanmeldingen</a> · geplande start nu: ${day(traject.startDate)}</p>`;
}
