import type { Lang } from '@visieleren/core';
import { allQuestions, type FormDefinition, findQuestion, type Question } from '../definition/schema.js';
import { LossCollector, type Rendered } from './lossiness.js';

type Json = Record<string, unknown>;

// Same rule as the server-side check (answers/validate.ts), anchored for JSON Schema's unanchored pattern.
const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

function propertySchema(question: Question, lang: Lang, losses: LossCollector): Json {
  const annotations: Json = {
    title: question.label[lang],
    ...(question.help ? { description: question.help[lang] } : {}),
  };
  switch (question.kind) {
    case 'short-text':
    case 'long-text':
      return {
        ...annotations,
        type: 'string',
        minLength: 1,
        maxLength: question.maxLength,
        // Answers are trimmed, so at least one non-space character; a question's own pattern replaces that.
        pattern:
          question.kind === 'short-text' && question.pattern ? `^(?:${question.pattern.regex})$` : '\\S',
      };
    case 'email':
      return { ...annotations, type: 'string', maxLength: 254, pattern: EMAIL_PATTERN };
    case 'date':
      losses.add('date-format', question.id, {
        nl: 'Het schema controleert de notatie JJJJ-MM-DD, niet of de datum bestaat (31 februari past).',
        en: 'The schema checks the YYYY-MM-DD notation, not whether the date exists (31 February fits).',
      });
      return { ...annotations, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'yes-no':
      return { ...annotations, type: 'boolean' };
    case 'single-choice':
      return {
        ...annotations,
        oneOf: question.options.map((option) => ({ const: option.value, title: option.label[lang] })),
      };
    case 'multiple-choice':
      return {
        ...annotations,
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: {
          oneOf: question.options.map((option) => ({ const: option.value, title: option.label[lang] })),
        },
      };
    case 'scale':
      return { ...annotations, type: 'integer', minimum: question.min, maximum: question.max };
    case 'number':
      return {
        ...annotations,
        type: question.integer ? 'integer' : 'number',
        ...(question.min !== undefined ? { minimum: question.min } : {}),
        ...(question.max !== undefined ? { maximum: question.max } : {}),
      };
  }
}

/** The schema fragment that holds when a question's condition holds (its controller is in the answers). */
function conditionSchema(form: FormDefinition, question: Question): Json | undefined {
  const rule = question.visibleWhen;
  if (!rule) return undefined;
  const controller = findQuestion(form, rule.question);
  const multiple = controller?.kind === 'multiple-choice';
  let value: Json = {};
  if (rule.equals !== undefined)
    value = multiple ? { type: 'array', contains: { const: rule.equals } } : { const: rule.equals };
  else if (rule.in !== undefined)
    value = multiple ? { type: 'array', contains: { enum: rule.in } } : { enum: rule.in };
  return { required: [rule.question], properties: { [rule.question]: value } };
}

/**
 * JSON Schema 2020-12 for the answers object parseSubmission produces. Conditional questions become
 * if/then/else: required when shown (if marked required), absent when hidden, because hidden answers are
 * dropped. A hidden controller is absent too, so chains of conditions hold without extra rules.
 */
export function renderJsonSchema(form: FormDefinition, options: { lang?: Lang } = {}): Rendered<Json> {
  const lang = options.lang ?? 'nl';
  const losses = new LossCollector();
  const properties: Json = {};
  const required: string[] = [];
  const conditions: Json[] = [];
  for (const question of allQuestions(form)) {
    properties[question.id] = propertySchema(question, lang, losses);
    const condition = conditionSchema(form, question);
    if (!condition) {
      if (question.required) required.push(question.id);
      continue;
    }
    // `properties: { id: true }` beside each `required` keeps the schema valid under ajv's strictRequired.
    const present = { required: [question.id], properties: { [question.id]: true } };
    conditions.push({
      if: condition,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
      ...(question.required ? { then: present } : {}),
      else: { not: present },
    });
  }
  const description = [form.intro?.[lang], form.notice?.[lang]].filter(Boolean).join(' ');
  const schema: Json = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:visieleren:form:${form.id}:${form.version}`,
    title: form.title[lang],
    ...(description ? { description } : {}),
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
  return { output: schema, report: losses.report('json-schema', form.id) };
}
