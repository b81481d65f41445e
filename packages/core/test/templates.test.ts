import { describe, expect, it } from 'vitest';
import visieleertrajectJson from '../data/templates/visieleertraject.json';
import { NotFoundError, ValidationError } from '../src/errors.js';
import { citesSourceDocument } from '../src/sources/citation.js';
import {
  builtInTemplateKeys,
  builtInTemplates,
  type Commitment,
  getBuiltInTemplate,
  parseTemplate,
  type Template,
} from '../src/templates/index.js';

/** A fresh, mutable copy of the shipped visieleertraject JSON to break in one place per test. */
// biome-ignore lint/suspicious/noExplicitAny: the tests poke arbitrary paths of untyped JSON on purpose
type RawJson = any;
function rawTemplate(): RawJson {
  return structuredClone(visieleertrajectJson);
}

function validationIssues(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return { message: (error as ValidationError).message, issues: (error as ValidationError).issues };
  }
  throw new Error('expected a ValidationError');
}

function commitmentFor(template: Template, role: Commitment['role']): Commitment {
  const found = template.commitments.find((commitment) => commitment.role === role);
  if (!found) throw new Error(`no commitment for ${role}`);
  return found;
}

describe('built-in templates', () => {
  it('ships the visieleertraject and the verbetertraject toegang', () => {
    expect(builtInTemplateKeys).toEqual(['visieleertraject', 'verbetertraject-toegang']);
    expect(builtInTemplates.map((template) => template.key)).toEqual(builtInTemplateKeys);
  });

  it('holds every field in the data files, so the shipped templates are used without parsing them', () => {
    // The registry trusts its files (no zod on the way to `visieleren plan`); this keeps that honest: a file
    // that misses a default or carries an unknown or invalid field fails here, naming it.
    for (const template of builtInTemplates) {
      const file = `data/templates/${template.key}.json`;
      expect(parseTemplate(structuredClone(template), file), file).toEqual(template);
    }
  });

  it('throws a Dutch NotFoundError listing the known keys for an unknown key', () => {
    expect(() => getBuiltInTemplate('visieleren')).toThrow(NotFoundError);
    expect(() => getBuiltInTemplate('visieleren')).toThrow(
      'Onbekend template "visieleren". Bekende templates: visieleertraject, verbetertraject-toegang.',
    );
    expect(() => getBuiltInTemplate('x', 'en')).toThrow('Unknown template "x"');
  });

  it('gives every checklist item a source, Dutch and English text and a unique id', () => {
    for (const template of builtInTemplates) {
      const items = template.phases.flatMap((phase) => phase.checklist);
      expect(items.length).toBeGreaterThan(10);
      for (const item of items) {
        expect(citesSourceDocument(item.source!), `${template.key}/${item.id}: ${item.source}`).toBe(true);
        expect(item.text.nl.length).toBeGreaterThan(5);
        expect(item.text.en.length).toBeGreaterThan(5);
      }
      expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    }
  });
});

describe('visieleertraject is tied to the source documents', () => {
  const template = getBuiltInTemplate('visieleertraject');

  it('has the 5 phases of seed 002 §1.1 in order, about 12 weeks in total (seed 000)', () => {
    expect(template.phases.map((phase) => phase.key)).toEqual([
      'vraagverheldering',
      'starten',
      'luisteren',
      'ontwerpen',
      'borgen',
    ]);
    expect(template.targetWeeks).toBe(12);
    expect(template.phases.reduce((weeks, phase) => weeks + phase.durationWeeks, 0)).toBe(12);
  });

  it('has the key sessions, with bestuurders at kick-off, ontwerpsessie and borgingssessie', () => {
    const sessions = template.phases.flatMap((phase) =>
      phase.sessions.map((session) => ({ phase, session })),
    );
    expect(sessions.map(({ session }) => session.key)).toEqual([
      'intake',
      'kick-off',
      'duo-interviews',
      'ontwerpsessie',
      'borgingssessie',
      'evaluatie',
    ]);
    const withBestuurders = sessions
      .filter(({ session }) => session.withBestuurders)
      .map(({ session }) => session.key);
    expect(withBestuurders).toEqual(['kick-off', 'ontwerpsessie', 'borgingssessie']);
  });

  it('asks the ambtelijk contactpersoon 6-8 h/week for the whole traject, 6-12 h by size (seed 000, 001)', () => {
    const contact = commitmentFor(template, 'ambtelijk-contactpersoon');
    expect(contact.kind).toBe('hours-per-week');
    if (contact.kind !== 'hours-per-week') return;
    expect([contact.minHours, contact.maxHours]).toEqual([6, 8]);
    expect(contact.phaseKeys).toBeUndefined();
    const bands = contact.bySize ?? [];
    expect(Math.min(...bands.map((band) => band.minHours))).toBe(6);
    expect(Math.max(...bands.map((band) => band.maxHours))).toBe(12);
    expect(bands.at(-1)?.upToInwoners).toBeUndefined();
    expect(contact.note?.nl).toContain('interpretatie');
  });

  it('asks ambtelijke ondersteuning 12 h/week during the duo-interviews only', () => {
    const support = commitmentFor(template, 'ambtelijke-ondersteuning');
    expect(support).toMatchObject({
      kind: 'hours-per-week',
      minHours: 12,
      maxHours: 12,
      phaseKeys: ['luisteren'],
    });
  });

  it('asks bestuurders at least 2 dagdelen and professionals at least 4, plus preparation', () => {
    expect(commitmentFor(template, 'bestuurder')).toMatchObject({
      kind: 'dagdelen',
      minDagdelen: 2,
      plusPreparation: true,
    });
    expect(commitmentFor(template, 'professional')).toMatchObject({
      kind: 'dagdelen',
      minDagdelen: 4,
      plusPreparation: true,
    });
    expect(template.settings.hoursPerDagdeel).toBe(4);
  });

  it('maps the 7 programme steps of seed 001 onto the phases as DOMAIN.md says', () => {
    expect(template.programmeSteps.map((step) => [step.number, step.phaseKeys])).toEqual([
      [1, ['vraagverheldering']],
      [2, ['vraagverheldering']],
      [3, ['starten']],
      [4, ['luisteren', 'ontwerpen']],
      [5, ['borgen']],
      [6, ['borgen']],
      [7, []],
    ]);
  });

  it('has the reminder rules of the issue', () => {
    expect(template.reminderRules.map((rule) => rule.kind)).toEqual([
      'phase-start',
      'session',
      'hours-check-in',
      'checklist-overdue',
    ]);
    expect(template.reminderRules[0]).toMatchObject({ daysBefore: 7 });
    expect(template.reminderRules[1]).toMatchObject({ daysBefore: 1 });
    expect(template.reminderRules[2]).toMatchObject({ weekday: 1 });
  });
});

describe('verbetertraject-toegang (seed 004)', () => {
  const template = getBuiltInTemplate('verbetertraject-toegang');

  it('explores from three perspectives, plans, carries out with learning meetings and monitors', () => {
    expect(template.phases.map((phase) => phase.key)).toEqual([
      'verkennen',
      'verbeterplan',
      'uitvoeren',
      'monitoren',
    ]);
    const checklist = template.phases.flatMap((phase) => phase.checklist.map((item) => item.id));
    expect(checklist).toEqual(expect.arrayContaining(['scan-inwoner', 'scan-professional', 'scan-gemeente']));
    expect(checklist).toContain('uitgangspunten-koppelen');
    const sessions = template.phases.flatMap((phase) => phase.sessions.map((session) => session.key));
    expect(sessions).toEqual(expect.arrayContaining(['leerbijeenkomst-1', 'kennisdeelbijeenkomst']));
  });

  it('asks a projectleider 6-12 h/week', () => {
    const lead = commitmentFor(template, 'ambtelijk-contactpersoon');
    expect(lead).toMatchObject({ kind: 'hours-per-week', minHours: 6, maxHours: 12 });
    expect(lead.roleLabel?.nl).toBe('Projectleider');
    expect(lead.source).toContain('Movisie, Achtergrondinformatie Verbetertraject Toegang');
  });
});

describe('parseTemplate on a custom template', () => {
  it('accepts a valid copy and applies defaults', () => {
    const raw = rawTemplate();
    delete raw.settings;
    const template = parseTemplate(raw, 'eigen.json');
    expect(template.settings).toEqual({ hoursPerDagdeel: 4, reminderTime: '09:00' });
  });

  it('names the path of a field zod rejects, in Dutch', () => {
    const raw = rawTemplate();
    raw.phases[2].durationWeeks = 0;
    const { message, issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues.map((issue) => issue.path)).toEqual(['phases.2.durationWeeks']);
    expect(message).toContain('Template eigen.json is ongeldig');
    expect(message).toContain('phases.2.durationWeeks');
  });

  it('rejects a session in a week after its phase, naming phases.N.sessions.M.weekInPhase', () => {
    const raw = rawTemplate();
    raw.phases[2].sessions[0].weekInPhase = 3;
    const { message, issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues).toEqual([
      {
        path: 'phases.2.sessions.0.weekInPhase',
        message: 'week 3 valt buiten de fase van 3 weken (de eerste week is 0, de laatste 2)',
      },
    ]);
    expect(message).toContain('phases.2.sessions.0.weekInPhase');
  });

  it('rejects duplicate phase keys, duplicate checklist ids across phases and duplicate session keys', () => {
    const raw = rawTemplate();
    raw.phases[1].key = 'vraagverheldering';
    raw.phases[4].checklist[0].id = 'vit-invullen';
    raw.phases[4].sessions[1].key = 'kick-off';
    const { issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues.map((issue) => issue.path)).toEqual([
      'phases.1.key',
      'phases.4.sessions.1.key',
      'phases.4.checklist.0.id',
      // renaming the phase also leaves programme step 3 pointing at a phase that no longer exists
      'programmeSteps.2.phaseKeys.0',
      // and the items that prepare the renamed session point at a session that no longer exists
      'phases.4.checklist.6.prepares.session',
    ]);
    expect(issues[2]?.message).toContain('phases.0.checklist.6.id');
  });

  it('rejects references to unknown phases from programme steps and commitments', () => {
    const raw = rawTemplate();
    raw.programmeSteps[3].phaseKeys = ['luisteren', 'ontwerp'];
    raw.commitments[1].phaseKeys = ['duo-interviews'];
    const { issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues.map((issue) => issue.path)).toEqual([
      'programmeSteps.3.phaseKeys.1',
      'commitments.1.phaseKeys.0',
    ]);
    expect(issues[0]?.message).toContain('onbekende fase "ontwerp"');
  });

  it('rejects minHours above maxHours, also inside a size band, and unordered bands', () => {
    const raw = rawTemplate();
    raw.commitments[1].minHours = 14;
    raw.commitments[0].bySize[1].maxHours = 4;
    raw.commitments[0].bySize[1].upToInwoners = 40000;
    const { issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues.map((issue) => issue.path)).toEqual([
      'commitments.0.bySize.1.maxHours',
      'commitments.0.bySize.1.upToInwoners',
      'commitments.1.maxHours',
    ]);
  });

  it('rejects an open size band that is not the last', () => {
    const raw = rawTemplate();
    delete raw.commitments[0].bySize[0].upToInwoners;
    const { issues } = validationIssues(() => parseTemplate(raw, 'eigen.json'));
    expect(issues.map((issue) => issue.path)).toEqual(['commitments.0.bySize.0.upToInwoners']);
  });

  it('speaks English when asked', () => {
    const raw = rawTemplate();
    raw.phases[0].checklist[0].dueWeekInPhase = 5;
    const { message } = validationIssues(() => parseTemplate(raw, 'custom.json', 'en'));
    expect(message).toContain('Template custom.json is invalid');
    expect(message).toContain('phases.0.checklist.0.dueWeekInPhase: week 5 is outside the phase of 2 weeks');
  });

  it('rejects input that is not a template at all', () => {
    const { issues } = validationIssues(() => parseTemplate([], 'leeg.json'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('');
  });
});
