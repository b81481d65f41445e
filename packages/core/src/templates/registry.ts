import verbetertrajectToegang from '../../data/templates/verbetertraject-toegang.json';
import visieleertraject from '../../data/templates/visieleertraject.json';
import { NotFoundError } from '../errors.js';
import { defineMessages, type Lang } from '../i18n/index.js';
import type { Template } from './schema.js';

const message = defineMessages({
  notFound: {
    nl: 'Onbekend template "{key}". Bekende templates: {known}.',
    en: 'Unknown template "{key}". Known templates: {known}.',
  },
});

/**
 * The templates shipped with core. Their data files hold every field, defaults included, so they are used as
 * they are: `templates.test.ts` checks that each parses with `parseTemplate` to exactly its file, which keeps
 * zod (and ~100 ms) out of commands that only plan, such as `visieleren plan`.
 */
export const builtInTemplates: readonly Template[] = deepFreeze([
  visieleertraject as Template,
  verbetertrajectToegang as Template,
]);

/** Shared by every caller in the process: one that mutated a built-in template would change everyone's plans. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const builtInTemplateKeys: readonly string[] = builtInTemplates.map((template) => template.key);

export function findBuiltInTemplate(key: string): Template | undefined {
  return builtInTemplates.find((template) => template.key === key);
}

/** Throws a NotFoundError (in Dutch by default) that lists the known keys. */
export function getBuiltInTemplate(key: string, lang: Lang = 'nl'): Template {
  const template = findBuiltInTemplate(key);
  if (!template) {
    throw new NotFoundError(message('notFound', lang, { key, known: builtInTemplateKeys.join(', ') }));
  }
  return template;
}
