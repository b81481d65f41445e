import { escapeHtml } from '@visieleren/core';

/** Small HTML pieces the console's pages share: fields, buttons, tables that scroll with their caption. */

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  attributes?: string;
}

export function field(options: FieldOptions): string {
  const described = [options.hint ? `${options.id}-uitleg` : '', options.error ? `${options.id}-fout` : '']
    .filter(Boolean)
    .join(' ');
  return `<div class="vl-field${options.error ? ' vl-field--invalid' : ''}">
<label for="${escapeHtml(options.id)}">${escapeHtml(options.label)}</label>
${options.hint ? `<p id="${escapeHtml(options.id)}-uitleg" class="vl-hint">${escapeHtml(options.hint)}</p>` : ''}
${options.error ? `<p id="${escapeHtml(options.id)}-fout" class="vl-field-error"><span class="vl-visually-hidden">Fout: </span>${escapeHtml(options.error)}</p>` : ''}
<input id="${escapeHtml(options.id)}" name="${escapeHtml(options.name)}" type="${escapeHtml(options.type ?? 'text')}"${options.value !== undefined ? ` value="${escapeHtml(options.value)}"` : ''}${options.required ? ' required' : ''}${described ? ` aria-describedby="${described}"` : ''}${options.error ? ' aria-invalid="true"' : ''}${options.attributes ? ` ${options.attributes}` : ''}>
</div>`;
}

export function textarea(options: FieldOptions): string {
  return `<div class="vl-field${options.error ? ' vl-field--invalid' : ''}">
<label for="${escapeHtml(options.id)}">${escapeHtml(options.label)}</label>
${options.hint ? `<p id="${escapeHtml(options.id)}-uitleg" class="vl-hint">${escapeHtml(options.hint)}</p>` : ''}
${options.error ? `<p id="${escapeHtml(options.id)}-fout" class="vl-field-error"><span class="vl-visually-hidden">Fout: </span>${escapeHtml(options.error)}</p>` : ''}
<textarea id="${escapeHtml(options.id)}" name="${escapeHtml(options.name)}" rows="3"${options.required ? ' required' : ''}${options.hint ? ` aria-describedby="${escapeHtml(options.id)}-uitleg"` : ''}${options.error ? ' aria-invalid="true"' : ''}>${escapeHtml(options.value ?? '')}</textarea>
</div>`;
}

export function select(
  options: Omit<FieldOptions, 'type'> & { choices: ReadonlyArray<readonly [value: string, label: string]> },
): string {
  const items = options.choices
    .map(
      ([value, label]) =>
        `<option value="${escapeHtml(value)}"${value === options.value ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    )
    .join('');
  return `<div class="vl-field">
<label for="${escapeHtml(options.id)}">${escapeHtml(options.label)}</label>
${options.hint ? `<p id="${escapeHtml(options.id)}-uitleg" class="vl-hint">${escapeHtml(options.hint)}</p>` : ''}
<select id="${escapeHtml(options.id)}" name="${escapeHtml(options.name)}"${options.hint ? ` aria-describedby="${escapeHtml(options.id)}-uitleg"` : ''}>${items}</select>
</div>`;
}

/** A form that posts to the console (same origin; the session cookie is SameSite=Strict). */
export function postForm(action: string, content: string, button: string, secondary = false): string {
  return `<form method="post" action="${escapeHtml(action)}" class="vl-console-form">
${content}
<p><button type="submit" class="vl-button${secondary ? ' vl-button--secondary' : ''}">${escapeHtml(button)}</button></p>
</form>`;
}

/** A table in a focusable region named by its caption: on a narrow screen it scrolls, caption and all. */
export function table(
  id: string,
  caption: string,
  headers: readonly string[],
  rows: readonly string[][],
): string {
  if (rows.length === 0) return `<p>${escapeHtml(caption)}: geen.</p>`;
  return `<div class="vl-table-wrapper" role="region" aria-labelledby="${escapeHtml(id)}" tabindex="0">
<table class="utrecht-table"><caption id="${escapeHtml(id)}">${escapeHtml(caption)}</caption>
<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((cells) => `<tr>${cells.map((cell, index) => (index === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`).join('')}</tbody>
</table></div>`;
}

/** The government-forms error summary: at the top, linking to the field. */
export function errorSummary(errors: ReadonlyArray<{ field?: string; message: string }>): string {
  if (errors.length === 0) return '';
  const items = errors
    .map((error) =>
      error.field
        ? `<li><a href="#${escapeHtml(error.field)}">${escapeHtml(error.message)}</a></li>`
        : `<li>${escapeHtml(error.message)}</li>`,
    )
    .join('');
  return `<div class="vl-error-summary" role="alert" aria-labelledby="foutmelding-titel">
<h2 id="foutmelding-titel">Er is een probleem</h2>
<ul>${items}</ul>
</div>`;
}

/** A confirmation after an action ("De aanmelding is geaccepteerd."). */
export function notice(message: string): string {
  return `<div class="vl-notice" role="status"><p>${escapeHtml(message)}</p></div>`;
}

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An ISO instant in Dutch, Europe/Amsterdam. */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? escapeHtml(iso)
    : `<time datetime="${escapeHtml(iso)}">${escapeHtml(dateTime.format(date))}</time>`;
}

/** `2027-02-08` in Dutch. */
export function day(isoDate: string | undefined): string {
  if (!isoDate) return '—';
  const date = new Date(`${isoDate}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? escapeHtml(isoDate)
    : `<time datetime="${escapeHtml(isoDate)}">${escapeHtml(dateOnly.format(date))}</time>`;
}
