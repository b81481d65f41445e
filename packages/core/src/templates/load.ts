import { type FieldIssue, ValidationError } from '../errors.js';
import { defineMessages, type Lang } from '../i18n/index.js';
import { parseWith } from '../validation.js';
import { type Template, templateSchema } from './schema.js';

const message = defineMessages({
  what: { nl: 'Template {source}', en: 'Template {source}' },
  invalid: { nl: 'Template {source} is ongeldig:', en: 'Template {source} is invalid:' },
  duplicatePhase: {
    nl: 'fasesleutel "{value}" komt al voor bij {first}',
    en: 'phase key "{value}" already used at {first}',
  },
  duplicateSession: {
    nl: 'sessiesleutel "{value}" komt al voor bij {first}',
    en: 'session key "{value}" already used at {first}',
  },
  duplicateChecklist: {
    nl: 'checklist-id "{value}" komt al voor bij {first}; ids moeten uniek zijn in het hele template',
    en: 'checklist id "{value}" already used at {first}; ids must be unique across the template',
  },
  duplicateRule: {
    nl: 'herinneringsregel-id "{value}" komt al voor bij {first}',
    en: 'reminder rule id "{value}" already used at {first}',
  },
  duplicateStep: {
    nl: 'stapnummer {value} komt al voor bij {first}',
    en: 'step number {value} already used at {first}',
  },
  unknownPhase: {
    nl: 'onbekende fase "{value}"; bekende fasen: {known}',
    en: 'unknown phase "{value}"; known phases: {known}',
  },
  weekOutsidePhase: {
    nl: 'week {value} valt buiten de fase van {weeks} weken (de eerste week is 0, de laatste {last})',
    en: 'week {value} is outside the phase of {weeks} weeks (the first week is 0, the last {last})',
  },
  minAboveMax: {
    nl: 'maxHours ({max}) is kleiner dan minHours ({min})',
    en: 'maxHours ({max}) is less than minHours ({min})',
  },
  bandOrder: {
    nl: 'upToInwoners moet oplopen; {value} is niet groter dan de vorige klasse ({previous})',
    en: 'upToInwoners must increase; {value} is not greater than the previous band ({previous})',
  },
  unknownSession: {
    nl: 'onbekende sessie "{value}"; bekende sessies: {known}',
    en: 'unknown session "{value}"; known sessions: {known}',
  },
  stepRangeEmpty: {
    nl: 'stap {from} tot en met {to} komt niet voor in programmeSteps',
    en: 'steps {from} to {to} do not occur in programmeSteps',
  },
  tooShort: {
    nl: 'stap {from} tot en met {to} duren samen {actual} weken (fasen {phases}); de bron ({source}) vraagt minstens {weeks} weken',
    en: 'steps {from} to {to} last {actual} weeks together (phases {phases}); the source ({source}) requires at least {weeks} weeks',
  },
  openBandNotLast: {
    nl: 'alleen de laatste grootteklasse mag zonder upToInwoners (open klasse)',
    en: 'only the last size band may omit upToInwoners (open band)',
  },
});

/** Remembers the first path of each value and reports any later repeat. */
function uniqueChecker(issues: FieldIssue[], lang: Lang, key: Parameters<typeof message>[0]) {
  const seen = new Map<string, string>();
  return (value: string | number, path: string) => {
    const first = seen.get(String(value));
    if (first === undefined) seen.set(String(value), path);
    else issues.push({ path, message: message(key, lang, { value, first }) });
  };
}

/**
 * The rules zod's per-field schema cannot see: references between parts of the template,
 * uniqueness across phases, and weeks that must fall inside their phase.
 */
export function checkTemplateConsistency(template: Template, lang: Lang = 'nl'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const phaseKey = uniqueChecker(issues, lang, 'duplicatePhase');
  const sessionKey = uniqueChecker(issues, lang, 'duplicateSession');
  const checklistId = uniqueChecker(issues, lang, 'duplicateChecklist');
  const ruleId = uniqueChecker(issues, lang, 'duplicateRule');
  const stepNumber = uniqueChecker(issues, lang, 'duplicateStep');
  const knownPhases = new Set(template.phases.map((phase) => phase.key));
  const known = [...knownPhases].join(', ');

  const weekInside = (week: number | undefined, weeks: number, path: string) => {
    if (week !== undefined && week >= weeks) {
      issues.push({
        path,
        message: message('weekOutsidePhase', lang, { value: week, weeks, last: weeks - 1 }),
      });
    }
  };
  const phaseExists = (key: string, path: string) => {
    if (!knownPhases.has(key))
      issues.push({ path, message: message('unknownPhase', lang, { value: key, known }) });
  };
  const rangeOrdered = (min: number, max: number, path: string) => {
    if (min > max) issues.push({ path, message: message('minAboveMax', lang, { min, max }) });
  };

  template.phases.forEach((phase, p) => {
    phaseKey(phase.key, `phases.${p}.key`);
    phase.sessions.forEach((session, s) => {
      sessionKey(session.key, `phases.${p}.sessions.${s}.key`);
      weekInside(session.weekInPhase, phase.durationWeeks, `phases.${p}.sessions.${s}.weekInPhase`);
    });
    phase.checklist.forEach((item, c) => {
      checklistId(item.id, `phases.${p}.checklist.${c}.id`);
      weekInside(item.dueWeekInPhase, phase.durationWeeks, `phases.${p}.checklist.${c}.dueWeekInPhase`);
    });
  });

  template.programmeSteps.forEach((step, s) => {
    stepNumber(step.number, `programmeSteps.${s}.number`);
    step.phaseKeys.forEach((key, k) => {
      phaseExists(key, `programmeSteps.${s}.phaseKeys.${k}`);
    });
  });

  template.commitments.forEach((commitment, c) => {
    commitment.phaseKeys?.forEach((key, k) => {
      phaseExists(key, `commitments.${c}.phaseKeys.${k}`);
    });
    if (commitment.kind !== 'hours-per-week') return;
    rangeOrdered(commitment.minHours, commitment.maxHours, `commitments.${c}.maxHours`);
    let previous: number | undefined;
    commitment.bySize?.forEach((band, b, bands) => {
      const path = `commitments.${c}.bySize.${b}`;
      rangeOrdered(band.minHours, band.maxHours, `${path}.maxHours`);
      if (band.upToInwoners === undefined) {
        if (b !== bands.length - 1) {
          issues.push({ path: `${path}.upToInwoners`, message: message('openBandNotLast', lang) });
        }
        return;
      }
      if (previous !== undefined && band.upToInwoners <= previous) {
        issues.push({
          path: `${path}.upToInwoners`,
          message: message('bandOrder', lang, { value: band.upToInwoners, previous }),
        });
      }
      previous = band.upToInwoners;
    });
  });

  template.reminderRules.forEach((rule, r) => {
    ruleId(rule.id, `reminderRules.${r}.id`);
  });

  const sessionKeys = template.phases.flatMap((phase) => phase.sessions.map((session) => session.key));
  template.phases.forEach((phase, p) => {
    phase.checklist.forEach((item, c) => {
      if (item.prepares && !sessionKeys.includes(item.prepares.session)) {
        issues.push({
          path: `phases.${p}.checklist.${c}.prepares.session`,
          message: message('unknownSession', lang, {
            value: item.prepares.session,
            known: sessionKeys.join(', '),
          }),
        });
      }
    });
  });
  issues.push(...checkMinimumDurations(template, lang));
  return issues;
}

/**
 * The sources' minimum lengths (e.g. steps 3-6 take at least seven weeks): the phases the steps fall in,
 * each counted once, must together last at least that long.
 */
function checkMinimumDurations(template: Template, lang: Lang): FieldIssue[] {
  const issues: FieldIssue[] = [];
  template.minimumDurations.forEach((minimum, m) => {
    const path = `minimumDurations.${m}`;
    const from = minimum.fromStep;
    const to = minimum.toStep;
    const steps = template.programmeSteps.filter((step) => step.number >= from && step.number <= to);
    if (steps.length === 0) {
      issues.push({ path, message: message('stepRangeEmpty', lang, { from, to }) });
      return;
    }
    const phaseKeys = new Set(steps.flatMap((step) => step.phaseKeys));
    const phases = template.phases.filter((phase) => phaseKeys.has(phase.key));
    const actual = phases.reduce((sum, phase) => sum + phase.durationWeeks, 0);
    if (actual < minimum.weeks) {
      issues.push({
        path: `${path}.weeks`,
        message: message('tooShort', lang, {
          from,
          to,
          actual,
          weeks: minimum.weeks,
          source: minimum.source,
          phases: phases.map((phase) => phase.key).join(', ') || '-',
        }),
      });
    }
  });
  return issues;
}

/**
 * Validates a template from any source (a built-in data file, a file a user loads, an API body).
 * Core does no I/O: the caller reads the file and passes the parsed JSON with a name for messages.
 * Throws a ValidationError whose issues name the path of every bad field, e.g. `phases.2.sessions.0.weekInPhase`.
 */
export function parseTemplate(json: unknown, sourceName: string, lang: Lang = 'nl'): Template {
  const template = parseWith(templateSchema, json, message('what', lang, { source: sourceName }), lang);
  const issues = checkTemplateConsistency(template, lang);
  if (issues.length > 0) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new ValidationError(
      [message('invalid', lang, { source: sourceName }), ...lines].join('\n'),
      issues,
    );
  }
  return template;
}
