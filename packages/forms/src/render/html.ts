import { defineMessages, escapeHtml, type Lang } from '@visieleren/core';
import type { FieldError, RawValues } from '../answers/validate.js';
import { NO, YES } from '../answers/validate.js';
import { describeCondition } from '../definition/describe.js';
import { allQuestions, type FormDefinition, type Question } from '../definition/schema.js';
import { answerOptions } from './answer-options.js';
import { HTML_ENHANCEMENT_SCRIPT } from './html-enhancement.js';
import { HTML_THEME_CSS } from './html-theme.js';
import { LossCollector, type Rendered } from './lossiness.js';

/** Where the route module serves the NL Design System stylesheet. */
export const DEFAULT_STYLESHEET_HREF = '/forms/_assets/nl-design-system.css';

export interface HtmlRenderOptions {
  lang?: Lang;
  /** The form's `action`; empty posts back to the page's own URL. */
  action?: string;
  stylesheetHref?: string;
  /** What the person entered, to keep it after an error. */
  values?: RawValues;
  /**
   * Add the small inline script that hides questions whose condition does not hold (default true).
   * The page's Content-Security-Policy must allow it: see `HTML_ENHANCEMENT_SCRIPT`.
   */
  enhance?: boolean;
  errors?: FieldError[];
  /** Links to this page in each language: a visible NL | EN switch above the page. */
  languages?: LanguageLinks;
}

/**
 * The language switch of a page. The page is Dutch unless the person chose otherwise; the browser's
 * Accept-Language only suggests (`suggest`): one line "also available in English", never a switch by itself.
 */
export interface LanguageLinks {
  href: Record<Lang, string>;
  /** The browser prefers this language, and the page is in the other one. */
  suggest?: Lang;
}

const LANGUAGE_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };
const ALSO_AVAILABLE: Record<Lang, string> = {
  nl: 'Deze pagina is ook in het Nederlands beschikbaar.',
  en: 'This page is also available in English.',
};

/** The NL | EN switch: each link in its own language, the current one marked. */
export function renderLanguageSwitch(lang: Lang, languages: LanguageLinks): string {
  const links = (Object.keys(LANGUAGE_NAMES) as Lang[])
    .map((other) =>
      other === lang
        ? `<li><a href="${escapeHtml(languages.href[other])}" lang="${other}" hreflang="${other}" aria-current="page">${other.toUpperCase()}<span class="visieleren-visually-hidden"> (${LANGUAGE_NAMES[other]})</span></a></li>`
        : `<li><a href="${escapeHtml(languages.href[other])}" lang="${other}" hreflang="${other}">${other.toUpperCase()}<span class="visieleren-visually-hidden"> (${LANGUAGE_NAMES[other]})</span></a></li>`,
    )
    .join('');
  const suggestion =
    languages.suggest !== undefined && languages.suggest !== lang
      ? `<p class="utrecht-paragraph visieleren-language-suggestion" lang="${languages.suggest}"><a href="${escapeHtml(languages.href[languages.suggest])}" hreflang="${languages.suggest}">${ALSO_AVAILABLE[languages.suggest]}</a></p>`
      : '';
  return `<nav class="visieleren-language" aria-label="${lang === 'nl' ? 'Taal' : 'Language'}"><ul>${links}</ul></nav>${suggestion}`;
}

const t = defineMessages({
  required: { nl: '(verplicht)', en: '(required)' },
  requiredWhenShown: { nl: 'Dan is deze vraag verplicht.', en: 'This question is then required.' },
  submit: { nl: 'Versturen', en: 'Submit' },
  errorTitlePrefix: { nl: 'Fout', en: 'Error' },
  summaryOne: { nl: 'Er is 1 fout in het formulier', en: 'There is 1 error in the form' },
  summaryMany: { nl: 'Er zijn {count} fouten in het formulier', en: 'There are {count} errors in the form' },
  summaryHelp: { nl: 'Verbeter de volgende velden:', en: 'Please correct these fields:' },
  errorPrefix: { nl: 'Fout:', en: 'Error:' },
  notice: { nl: 'Let op', en: 'Please note' },
  scaleHint: { nl: 'Van {min} tot en met {max}.', en: 'From {min} to {max}.' },
  skip: { nl: 'Naar het formulier', en: 'Skip to the form' },
});

/** One escaper for every page (core's), re-exported where the forms' renderers import it. */
export { escapeHtml };

/** The id of a question's (first) input: error summary links point here. */
export const fieldId = (question: Question | string): string =>
  `veld-${typeof question === 'string' ? question : question.id}`;

interface FieldContext {
  question: Question;
  lang: Lang;
  raw: string | string[] | undefined;
  error: FieldError | undefined;
  describedBy: string;
  condition: string | undefined;
}

function rawList(raw: string | string[] | undefined): string[] {
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

function rawText(raw: string | string[] | undefined): string {
  return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
}

function labelSuffix(question: Question, lang: Lang): string {
  return question.required && !question.visibleWhen
    ? ` <span class="visieleren-required">${t('required', lang)}</span>`
    : '';
}

function descriptions(context: FieldContext): string {
  const { question, lang, error, condition } = context;
  const id = fieldId(question);
  const parts: string[] = [];
  if (question.help) {
    parts.push(
      `<div class="utrecht-form-field-description" id="${id}-hulp">${escapeHtml(question.help[lang])}</div>`,
    );
  }
  if (condition) {
    const extra = question.required ? ` ${t('requiredWhenShown', lang)}` : '';
    parts.push(
      `<div class="utrecht-form-field-description visieleren-condition" id="${id}-voorwaarde">${escapeHtml(condition + extra)}</div>`,
    );
  }
  if (error) {
    parts.push(
      `<div class="utrecht-form-field-error-message" id="${id}-fout"><span class="visieleren-visually-hidden">${t('errorPrefix', lang)} </span>${escapeHtml(error.message)}</div>`,
    );
  }
  return parts.join('\n');
}

function describedByIds(
  question: Question,
  error: FieldError | undefined,
  condition: string | undefined,
): string {
  const id = fieldId(question);
  return [question.help ? `${id}-hulp` : '', condition ? `${id}-voorwaarde` : '', error ? `${id}-fout` : '']
    .filter(Boolean)
    .join(' ');
}

function attributes(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .filter(([, value]) => value !== undefined && value !== false && value !== '')
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join('');
}

function textField(context: FieldContext): string {
  const { question, lang, raw, error, describedBy } = context;
  const id = fieldId(question);
  const hardRequired = question.required && !question.visibleWhen;
  const common = {
    id,
    name: question.id,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': error ? 'true' : undefined,
    required: hardRequired,
  };
  let control: string;
  if (question.kind === 'long-text') {
    control = `<textarea class="utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}"${attributes(
      { ...common, rows: 5, maxlength: question.maxLength },
    )}>${escapeHtml(rawText(raw))}</textarea>`;
  } else {
    const type = question.kind === 'email' ? 'email' : question.kind === 'date' ? 'date' : 'text';
    const extra: Record<string, string | number | undefined> = {};
    if (question.kind === 'short-text') extra.maxlength = question.maxLength;
    if (question.kind === 'number') extra.inputmode = question.integer ? 'numeric' : 'decimal';
    if (question.kind === 'email') extra.autocomplete = 'email';
    control = `<input class="utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}${
      question.kind === 'number' || question.kind === 'date' ? '' : ' visieleren-textbox-full'
    }"${attributes({ ...common, type, ...extra, value: rawText(raw) })}>`;
  }
  return `<div class="utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${escapeHtml(question.label[lang])}${labelSuffix(question, lang)}</label></div>
${descriptions(context)}
<div class="utrecht-form-field__input">${control}</div>
</div>`;
}

function choiceField(context: FieldContext): string {
  const { question, lang, raw, error, describedBy } = context;
  const id = fieldId(question);
  const multiple = question.kind === 'multiple-choice';
  const chosen = rawList(raw);
  const kindClass = multiple ? 'checkbox' : 'radio-button';
  const items = answerOptions(question, lang).map((option, index) => {
    const optionId = index === 0 ? id : `${id}-${index}`;
    const input = `<input class="utrecht-${kindClass} utrecht-${kindClass}--html-input${error ? ` utrecht-${kindClass}--invalid` : ''}"${attributes(
      {
        type: multiple ? 'checkbox' : 'radio',
        id: optionId,
        name: question.id,
        value: option.value,
        checked: chosen.includes(option.value),
        required: !multiple && question.required && !question.visibleWhen,
      },
    )}>`;
    const label = `<label class="utrecht-form-label utrecht-form-label--${multiple ? 'checkbox' : 'radio'}" for="${optionId}">${escapeHtml(option.label)}</label>`;
    return `<li>${input}${label}</li>`;
  });
  const scaleHint =
    question.kind === 'scale'
      ? `<span class="visieleren-visually-hidden"> ${t('scaleHint', lang, { min: question.min, max: question.max })}</span>`
      : '';
  return `<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${attributes(
    { 'aria-describedby': describedBy || undefined },
  )}>
<legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${escapeHtml(question.label[lang])}${labelSuffix(question, lang)}${scaleHint}</legend>
${descriptions(context)}
<ul class="visieleren-options">
${items.join('\n')}
</ul>
</fieldset>`;
}

function renderQuestion(
  form: FormDefinition,
  question: Question,
  options: HtmlRenderOptions,
  lang: Lang,
): string {
  const error = options.errors?.find((candidate) => candidate.questionId === question.id);
  const condition = describeCondition(form, question, lang);
  const context: FieldContext = {
    question,
    lang,
    raw: options.values?.[question.id],
    error,
    describedBy: describedByIds(question, error, condition),
    condition,
  };
  const choice = ['single-choice', 'multiple-choice', 'yes-no', 'scale'].includes(question.kind);
  const field = choice ? choiceField(context) : textField(context);
  return `<div class="visieleren-question"${attributes({
    'data-question': question.id,
    'data-visible-when': visibilityRule(question),
  })}>\n${field}\n</div>`;
}

/** The condition in the shape the enhancement script reads: raw values as the inputs carry them. */
function visibilityRule(question: Question): string | undefined {
  const rule = question.visibleWhen;
  if (!rule) return undefined;
  if (rule.answered) return JSON.stringify({ q: rule.question, a: 1 });
  const values = rule.equals !== undefined ? [rule.equals] : (rule.in ?? []);
  const raw = values.map((value) => (value === true ? YES : value === false ? NO : String(value)));
  return JSON.stringify({ q: rule.question, v: raw });
}

function errorSummary(errors: FieldError[], lang: Lang): string {
  if (errors.length === 0) return '';
  const title =
    errors.length === 1 ? t('summaryOne', lang) : t('summaryMany', lang, { count: errors.length });
  const items = errors
    .map(
      (error) =>
        `<li><a class="utrecht-link utrecht-link--html-a" href="#${fieldId(error.questionId)}">${escapeHtml(error.label)}: ${escapeHtml(error.message)}</a></li>`,
    )
    .join('\n');
  // tabindex=-1 + autofocus-free: the page title says "Fout", the alert role announces the summary.
  return `<div class="utrecht-alert utrecht-alert--error" role="alert" id="foutmeldingen" tabindex="-1" aria-labelledby="foutmeldingen-titel">
<div class="utrecht-alert__content"><div class="utrecht-alert__message">
<h2 class="utrecht-heading-2" id="foutmeldingen-titel">${escapeHtml(title)}</h2>
<p class="utrecht-paragraph">${t('summaryHelp', lang)}</p>
<ul class="utrecht-unordered-list">
${items}
</ul>
</div></div>
</div>`;
}

export interface PageOptions {
  lang: Lang;
  title: string;
  stylesheetHref?: string;
  body: string;
  languages?: LanguageLinks;
}

/** The HTML document around every page: lang attribute, NL Design System stylesheet, theme, one main. */
export function htmlPage({
  lang,
  title,
  stylesheetHref = DEFAULT_STYLESHEET_HREF,
  body,
  languages,
}: PageOptions): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(stylesheetHref)}">
<style>${HTML_THEME_CSS}
.visieleren-visually-hidden { position: absolute !important; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
</head>
<body class="utrecht-document utrecht-document--surface visieleren-theme">
<main class="visieleren-page" id="inhoud">
${languages ? renderLanguageSwitch(lang, languages) : ''}
${body}
</main>
</body>
</html>
`;
}

/** A simple page with a heading and paragraphs: confirmation, expired link, invalid link. */
export function renderMessagePage(options: {
  lang: Lang;
  title: string;
  paragraphs: string[];
  stylesheetHref?: string;
  tone?: 'ok' | 'error' | 'info';
  languages?: LanguageLinks;
}): string {
  const paragraphs = options.paragraphs
    .map((text) => `<p class="utrecht-paragraph">${escapeHtml(text)}</p>`)
    .join('\n');
  const tone = options.tone ?? 'info';
  return htmlPage({
    lang: options.lang,
    title: options.title,
    ...(options.stylesheetHref ? { stylesheetHref: options.stylesheetHref } : {}),
    ...(options.languages ? { languages: options.languages } : {}),
    body: `<h1 class="utrecht-heading-1">${escapeHtml(options.title)}</h1>
<div class="utrecht-alert utrecht-alert--${tone}"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
${paragraphs}
</div></div></div>`,
  });
}

/**
 * A complete, server-rendered HTML page that works without JavaScript. Conditional questions are shown
 * with an "alleen invullen als …" note; the server drops their answers when the condition does not hold.
 */
export function renderHtml(form: FormDefinition, options: HtmlRenderOptions = {}): Rendered<string> {
  const lang = options.lang ?? 'nl';
  const errors = options.errors ?? [];
  const losses = new LossCollector();
  const sections = form.sections.map((section) => {
    const questions = section.questions.map((question) => {
      if (question.visibleWhen) {
        losses.add('conditional-visibility', question.id, {
          nl: 'Met JavaScript verbergt een klein script de vraag zolang de voorwaarde niet geldt; zonder JavaScript staat de vraag er altijd, met de tekst "Alleen invullen als …". De server negeert het antwoord als de voorwaarde niet geldt.',
          en: 'With JavaScript a small script hides the question while its condition does not hold; without JavaScript the question is always shown, with the text "Only answer this if …". The server ignores the answer when the condition does not hold.',
        });
      }
      return renderQuestion(form, question, options, lang);
    });
    const help = section.help ? `<p class="utrecht-paragraph">${escapeHtml(section.help[lang])}</p>` : '';
    return `<section aria-labelledby="sectie-${section.id}">
<h2 class="utrecht-heading-2" id="sectie-${section.id}">${escapeHtml(section.title[lang])}</h2>
${help}
${questions.join('\n')}
</section>`;
  });
  const notice = form.notice
    ? `<div class="utrecht-alert utrecht-alert--warning" id="formulier-melding"><div class="utrecht-alert__content"><div class="utrecht-alert__message"><p class="utrecht-paragraph"><strong>${t('notice', lang)}:</strong> ${escapeHtml(form.notice[lang])}</p></div></div></div>`
    : '';
  const intro = form.intro
    ? `<p class="utrecht-paragraph utrecht-paragraph--lead">${escapeHtml(form.intro[lang])}</p>`
    : '';
  const title = form.title[lang];
  const enhance =
    options.enhance !== false &&
    (errors.length > 0 || allQuestions(form).some((question) => question.visibleWhen));
  const body = `${errorSummary(errors, lang)}
<h1 class="utrecht-heading-1">${escapeHtml(title)}</h1>
${notice}
${intro}
<form class="utrecht-form" method="post"${attributes({ action: options.action })} novalidate data-visieleren-form>
${sections.join('\n')}
<div class="utrecht-button-group">
<button type="submit" class="utrecht-button utrecht-button--primary-action">${t('submit', lang)}</button>
</div>
</form>${enhance ? `\n<script>${HTML_ENHANCEMENT_SCRIPT}</script>` : ''}`;
  return {
    output: htmlPage({
      lang,
      title: errors.length > 0 ? `${t('errorTitlePrefix', lang)}: ${title}` : title,
      ...(options.stylesheetHref ? { stylesheetHref: options.stylesheetHref } : {}),
      ...(options.languages ? { languages: options.languages } : {}),
      body,
    }),
    report: losses.report('html', form.id),
  };
}
