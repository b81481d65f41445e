import { escapeHtml, renderPageShell } from '../page-shell.js';
import type { OpenApiDocument, OpenApiOperationObject } from './document.js';

/**
 * The API's human-readable page (`GET /api/v1`), rendered from the OpenAPI document itself, so it never says
 * something else than the document. Plain HTML: no script, no inline style (the content security policy
 * allows neither); WCAG 2.1 AA (checked with axe-core in the browser test).
 */

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `a` → `<code>a</code>` for the document's backticks; everything else escaped. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function paragraphs(text: string): string {
  const blocks = text.split(/\n\n+/);
  return blocks
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((line) => line.startsWith('- '))) {
        return `<ul>${lines.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>`;
      }
      const intro = lines.filter((line) => !line.startsWith('- '));
      const items = lines.filter((line) => line.startsWith('- '));
      return `<p>${inline(intro.join(' '))}</p>${items.length ? `<ul>${items.map((line) => `<li>${inline(line.slice(2))}</li>`).join('')}</ul>` : ''}`;
    })
    .join('\n');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function example(label: string, value: unknown, id: string): string {
  if (value === undefined) return '';
  return `<p id="${id}-label">${escapeHtml(label)}</p><pre tabindex="0" aria-labelledby="${id}-label"><code>${escapeHtml(JSON.stringify(value, null, 2))}</code></pre>`;
}

function parametersTable(operation: OpenApiOperationObject, id: string): string {
  const parameters = operation.parameters ?? [];
  if (parameters.length === 0) return '';
  const rows = parameters
    .map(
      (parameter) =>
        `<tr><th scope="row"><code>${escapeHtml(String(parameter.name))}</code></th><td>${parameter.in === 'path' ? 'pad' : 'zoekvraag'}${parameter.required ? ', verplicht' : ''}</td><td>${inline(String(parameter.description ?? ''))}</td><td><code>${escapeHtml(String(parameter.example ?? ''))}</code></td></tr>`,
    )
    .join('');
  return `<table class="utrecht-table"><caption id="${id}-parameters">Parameters</caption><thead><tr><th scope="col">Naam</th><th scope="col">Waar</th><th scope="col">Betekenis</th><th scope="col">Voorbeeld</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function responsesTable(operation: OpenApiOperationObject): string {
  const rows = Object.entries(operation.responses)
    .map(([status, response]) => {
      const types = Object.keys(response.content ?? {}).join(', ') || '—';
      return `<tr><th scope="row">${escapeHtml(status)}</th><td>${inline(response.description)}</td><td><code>${escapeHtml(types)}</code></td></tr>`;
    })
    .join('');
  return `<table class="utrecht-table"><caption>Antwoorden</caption><thead><tr><th scope="col">Status</th><th scope="col">Betekenis</th><th scope="col">Mediatype</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operationSection(
  method: string,
  path: string,
  operation: OpenApiOperationObject,
  base: string,
): string {
  const id = slug(operation.operationId);
  const body = operation.requestBody as
    | { description?: string; content?: Record<string, { example?: unknown }> }
    | undefined;
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
  const successExample = success ? Object.values(success[1].content ?? {})[0]?.example : undefined;
  return [
    `<section class="vl-operation" aria-labelledby="${id}">`,
    `<h3 id="${id}"><span class="vl-method">${method.toUpperCase()}</span> <span class="vl-path">${escapeHtml(base + (path === '/' ? '' : path))}</span></h3>`,
    `<p><strong>${inline(operation.summary)}</strong>. ${inline(operation.description)}</p>`,
    `<p>${operation.security.length ? 'Vraagt een API-token (Bearer).' : 'Open, zonder token.'}</p>`,
    parametersTable(operation, id),
    body ? `<p>${inline(body.description ?? '')}</p>` : '',
    example('Voorbeeld van de inhoud:', body?.content?.['application/json']?.example, `${id}-request`),
    responsesTable(operation),
    example('Voorbeeld van het antwoord:', successExample, `${id}-response`),
    '</section>',
  ].join('\n');
}

export function renderApiPage(document: OpenApiDocument, options: { stylesheetHref?: string } = {}): string {
  const base = document.servers[0]?.url ?? '';
  const sections = document.tags.map((tag) => {
    const operations: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation?.tags.includes(tag.name))
          operations.push(operationSection(method, path, operation, base));
      }
    }
    return `<section aria-labelledby="tag-${slug(tag.name)}"><h2 id="tag-${slug(tag.name)}">${escapeHtml(tag.name)}</h2><p>${inline(tag.description)}</p>${operations.join('\n')}</section>`;
  });
  const info = document.info as {
    title: string;
    version: string;
    description: string;
    contact: { name: string; url: string; email: string };
  };
  return renderPageShell({
    title: `${info.title} ${info.version}`,
    stylesheetHref: options.stylesheetHref,
    path: '/api/v1',
    body: `<h1>${escapeHtml(info.title)}</h1>
<dl class="vl-facts">
<dt>Versie</dt><dd>${escapeHtml(info.version)} (OpenAPI ${escapeHtml(document.openapi)})</dd>
<dt>Adres</dt><dd><code>${escapeHtml(base)}</code></dd>
<dt>Het document</dt><dd><a href="${escapeHtml(base)}/openapi.json">${escapeHtml(base)}/openapi.json</a></dd>
<dt>Contact</dt><dd>${escapeHtml(info.contact.name)}, <a href="mailto:${escapeHtml(info.contact.email)}">${escapeHtml(info.contact.email)}</a>, <a href="${escapeHtml(info.contact.url)}">website</a></dd>
</dl>
${paragraphs(info.description)}
${sections.join('\n')}`,
    footerNote: 'Deze pagina is gemaakt uit het OpenAPI-document.',
  });
}
