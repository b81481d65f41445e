import {
  defaultVitBank,
  type FormSubmissionRecord,
  formatDate,
  HOURS_STATUS_LABELS,
  hoursReport,
  normaliseEmail,
  PHASE_STATE_LABELS,
  ROLE_LABELS,
  scoreVit,
  THEME_LABELS,
  TRAJECT_STATUS_LABELS,
  type Traject,
  type TrajectStatus,
  templateOf,
  trajectName,
  trajectOverview,
} from '@visieleren/core';
import {
  type DataSourceKey,
  DOSSIER_SECTIONS,
  ID_PROPERTY,
  TRAJECT_PROPERTIES,
  TRAJECT_RELATION,
} from '../workspace-template.js';
import { type DossierBlock, heading, paragraph, todo } from './blocks.js';
import { type PropertyValue, prop } from './properties.js';

/** The `entity` of a `notion-page` link. */
export type EntityKind = 'traject' | 'fase' | 'sessie' | 'checklist' | 'uren' | 'vit';

export const ENTITY_DATA_SOURCE: Record<EntityKind, DataSourceKey> = {
  traject: 'trajecten',
  fase: 'fasen',
  sessie: 'sessies',
  checklist: 'checklist',
  uren: 'uren',
  vit: 'vit',
};

/** One row we want in a data source. */
export interface DesiredRow {
  entity: EntityKind;
  /** Our key: the traject id, or `<traject>:<key>` for its rows in the other data sources. */
  entityId: string;
  /** Readable name for the dry-run and messages. */
  label: string;
  /** Properties without the relation to the traject (added once the traject's page id is known). */
  properties: Record<string, PropertyValue>;
  /** The person this row names (the contact person), for the AVG forget hook. */
  participantKey?: string;
}

/** The traject in Notion as it should be: its row and dossier, and its rows elsewhere. */
export interface DesiredTraject {
  trajectId: string;
  name: string;
  row: DesiredRow;
  dossier: DossierBlock[];
  /** Blocks earlier versions wrote (a to-do per checklist item): recognised so they can be removed. */
  legacy: DossierBlock[];
  rows: DesiredRow[];
  /** The fields people may change in Notion, as the store has them now. */
  twoWay: { status: TrajectStatus; checks: Record<string, boolean> };
}

export const STATUS_BY_LABEL: ReadonlyMap<string, TrajectStatus> = new Map(
  Object.entries(TRAJECT_STATUS_LABELS).map(([status, label]) => [label.nl, status as TrajectStatus]),
);

const todoKey = (itemId: string) => `todo:${itemId}`;

/** Where the items are ticked: the dossier lists them, the Checklist data source holds them. */
export const CHECKLIST_HINT =
  'Afvinken doe je in de kolom Gedaan van de Checklist (ook onder "Checklist" op deze pagina); dit overzicht volgt bij de volgende synchronisatie.';
export const itemIdOfTodoKey = (key: string) => (key.startsWith('todo:') ? key.slice(5) : undefined);

function contactOf(traject: Traject) {
  return traject.participants.find((participant) => participant.role === 'ambtelijk-contactpersoon');
}

/**
 * Renders a traject for Notion. Pure: the same traject, submissions and day give the same rows and blocks,
 * so their hashes say exactly when something must be written.
 */
export function renderTraject(
  traject: Traject,
  today: string,
  submissions: readonly FormSubmissionRecord[] = [],
): DesiredTraject {
  const name = trajectName(traject);
  const overview = trajectOverview(traject, today);
  const template = templateOf(traject);
  const forecast = overview.forecast;
  const contact = contactOf(traject);
  const done = new Map(traject.checklist.map((item) => [item.itemId, item.done]));

  const row: DesiredRow = {
    entity: 'traject',
    entityId: traject.id,
    label: name,
    properties: {
      [TRAJECT_PROPERTIES.title]: prop.title(name),
      [ID_PROPERTY]: prop.text(traject.id),
      [TRAJECT_PROPERTIES.gemeenten]: prop.text(name),
      [TRAJECT_PROPERTIES.kernvraag]: prop.text(traject.kernvraag),
      [TRAJECT_PROPERTIES.themes]: prop.multiSelect(traject.themes.map((theme) => THEME_LABELS[theme].nl)),
      [TRAJECT_PROPERTIES.status]: prop.select(TRAJECT_STATUS_LABELS[traject.status].nl),
      [TRAJECT_PROPERTIES.phase]: prop.text(overview.currentPhase?.name.nl ?? stageLabel(overview.stage)),
      [TRAJECT_PROPERTIES.start]: prop.date(traject.startDate),
      [TRAJECT_PROPERTIES.forecastEnd]: prop.date(overview.forecastEnd),
      [TRAJECT_PROPERTIES.slip]: prop.number(overview.slipWorkingDays),
      [TRAJECT_PROPERTIES.contact]: prop.text(contact?.name),
      [TRAJECT_PROPERTIES.contactEmail]: prop.email(contact?.email),
    },
    ...(contact?.email ? { participantKey: normaliseEmail(contact.email) } : {}),
  };

  const rows: DesiredRow[] = [];
  const dossier: DossierBlock[] = [];
  const section = (key: (typeof DOSSIER_SECTIONS)[number]['key']) =>
    dossier.push(heading(`${key}:kop`, DOSSIER_SECTIONS.find((entry) => entry.key === key)!.heading));

  section('kernvraag');
  dossier.push(paragraph('kernvraag', [traject.kernvraag]));

  const phaseName = new Map(template?.phases.map((phase) => [phase.key, phase.name.nl]) ?? []);
  section('plan');
  if (forecast) {
    dossier.push(
      paragraph(
        'plan',
        forecast.phases.map(
          (phase, index) =>
            `${index + 1}. ${phase.name.nl}: ${formatDate(phase.actualStart ?? phase.start)} – ${formatDate(phase.actualEnd ?? phase.end)} (${PHASE_STATE_LABELS[phase.state].nl})`,
        ),
      ),
    );
    forecast.phases.forEach((phase, index) => {
      rows.push({
        entity: 'fase',
        entityId: `${traject.id}:${phase.key}`,
        label: `${name} · ${phase.name.nl}`,
        properties: {
          Fase: prop.title(`${name} · ${phase.name.nl}`),
          [ID_PROPERTY]: prop.text(`${traject.id}:${phase.key}`),
          Volgorde: prop.number(index + 1),
          Gepland: prop.date(phase.plannedStart, phase.plannedEnd),
          Werkelijk: prop.date(phase.actualStart, phase.actualEnd),
          Stand: prop.select(capitalise(PHASE_STATE_LABELS[phase.state].nl)),
          'Uitloop (werkdagen)': prop.number(phase.slipWorkingDays),
        },
      });
    });
  } else {
    dossier.push(paragraph('plan', ['Geen plan: het sjabloon van dit traject is onbekend.']));
  }

  section('sessies');
  const sessions = forecast?.sessions ?? [];
  dossier.push(
    paragraph(
      'sessies',
      sessions.length === 0
        ? ['Geen sessies gepland.']
        : sessions.map(
            (session) =>
              `${session.name.nl}: ${formatDate(session.date)}${session.actualDate ? ' (gehouden)' : ''}`,
          ),
    ),
  );
  for (const session of sessions) {
    rows.push({
      entity: 'sessie',
      entityId: `${traject.id}:${session.key}`,
      label: `${name} · ${session.name.nl}`,
      properties: {
        Sessie: prop.title(`${name} · ${session.name.nl}`),
        [ID_PROPERTY]: prop.text(`${traject.id}:${session.key}`),
        Fase: prop.text(phaseName.get(session.phaseKey)),
        Datum: prop.date(session.date),
        Gehouden: prop.checkbox(session.actualDate !== undefined),
        'Met bestuurders': prop.checkbox(session.withBestuurders),
      },
    });
  }

  // One form of each item (the Free plan counts every block): a row in Checklist, ticked there, and in the
  // dossier one paragraph per phase listing its items with their deadline.
  section('checklist');
  const checks: Record<string, boolean> = {};
  const legacy: DossierBlock[] = [];
  const items = forecast?.checklist ?? [];
  for (const [index, phase] of (template?.phases ?? []).entries()) {
    const inPhase = items.filter((item) => item.phaseKey === phase.key);
    if (inPhase.length === 0) continue;
    dossier.push(
      paragraph(
        `checklist:${phase.key}`,
        inPhase.map(
          (item) =>
            `${done.get(item.id) === true ? '☑' : '☐'} ${item.text.nl} — uiterlijk ${formatDate(item.due)}`,
        ),
        `${index + 1}. ${phase.name.nl}`,
      ),
    );
  }
  if (items.length > 0) {
    dossier.push(paragraph('checklist:hoe', [CHECKLIST_HINT]));
  }
  for (const item of items) {
    const isDone = done.get(item.id) === true;
    checks[item.id] = isDone;
    // How earlier versions showed the item in the dossier: only to find and remove those blocks.
    legacy.push(todo(todoKey(item.id), item.text.nl, isDone));
    rows.push({
      entity: 'checklist',
      entityId: `${traject.id}:${item.id}`,
      label: `${name} · ${item.text.nl}`,
      properties: {
        Actiepunt: prop.title(`${name} · ${item.text.nl}`),
        [ID_PROPERTY]: prop.text(`${traject.id}:${item.id}`),
        Fase: prop.text(phaseName.get(item.phaseKey)),
        Deadline: prop.date(item.due),
        Gedaan: prop.checkbox(isDone),
      },
    });
  }

  section('uren');
  const hourLines: string[] = [];
  if (template && forecast) {
    const report = hoursReport(
      template,
      traject,
      forecast.phases.map((phase) => ({ key: phase.key, start: phase.start, end: phase.end })),
      today,
    );
    for (const reportRow of report.rows) {
      const roleName = reportRow.commitment.roleLabel?.nl ?? ROLE_LABELS[reportRow.role].nl;
      const expected =
        reportRow.expected.maxHours === null
          ? `minimaal ${reportRow.expected.minHours}`
          : `${reportRow.expected.minHours}–${reportRow.expected.maxHours}`;
      hourLines.push(
        `${roleName}: ${reportRow.countedHours} uur, verwacht ${expected} (${HOURS_STATUS_LABELS[reportRow.status].nl})`,
      );
      rows.push({
        entity: 'uren',
        entityId: `${traject.id}:${reportRow.role}`,
        label: `${name} · ${roleName}`,
        properties: {
          Rol: prop.title(`${name} · ${roleName}`),
          [ID_PROPERTY]: prop.text(`${traject.id}:${reportRow.role}`),
          'Uren geschreven': prop.number(reportRow.countedHours),
          'Verwacht minimaal': prop.number(reportRow.expected.minHours),
          'Verwacht maximaal': prop.number(reportRow.expected.maxHours ?? undefined),
          Stand: prop.select(HOURS_STATUS_LABELS[reportRow.status].nl),
        },
      });
    }
    for (const other of report.otherRoles) {
      hourLines.push(`${ROLE_LABELS[other.role].nl}: ${other.hours} uur (geen afspraak)`);
    }
  }
  dossier.push(paragraph('uren', hourLines.length > 0 ? hourLines : ['Geen urenafspraken in dit sjabloon.']));

  section('vit');
  const profile = traject.vit ? vitProfile(traject.vit.answers) : undefined;
  if (traject.vit && !profile) {
    dossier.push(
      paragraph('vit', [
        `Ingevuld met vragenset ${traject.vit.bankId} ${traject.vit.bankVersion}; die is hier niet te scoren.`,
      ]),
    );
  } else if (traject.vit && profile) {
    const lines = profile.uitgangspunten.map(
      (result) => `${result.name.nl}: ${result.stage ? result.stage.name.nl : 'onvoldoende beantwoord'}`,
    );
    const priorities = profile.priorities.map((priority) => `${priority.rank}. ${priority.name.nl}`);
    dossier.push(
      paragraph('vit', [
        ...lines,
        ...(priorities.length > 0 ? ['', 'Prioriteiten:', ...priorities] : []),
        ...(profile.provisional ? ['', profile.notice.nl] : []),
      ]),
    );
    rows.push({
      entity: 'vit',
      entityId: `${traject.id}:vit`,
      label: `${name} · VIT`,
      properties: {
        Profiel: prop.title(`VIT ${name}`),
        [ID_PROPERTY]: prop.text(`${traject.id}:vit`),
        Vragenset: prop.text(`${traject.vit.bankId} ${traject.vit.bankVersion}`),
        'Ingevuld op': prop.date(traject.vit.submittedAt.slice(0, 10)),
        Prioriteiten: prop.text(priorities.join('\n')),
      },
    });
  } else {
    dossier.push(paragraph('vit', ['Nog niet ingevuld.']));
  }

  const lessons = lessonsOf(submissions);
  if (lessons.length > 0) {
    section('opbrengsten');
    dossier.push(paragraph('opbrengsten', lessons));
  }

  return {
    trajectId: traject.id,
    name,
    row,
    dossier,
    legacy,
    rows,
    twoWay: { status: traject.status, checks },
  };
}

/** The relation to the traject's page, added to a row once that page exists. */
export function withTrajectRelation(row: DesiredRow, trajectPageId: string): Record<string, PropertyValue> {
  if (row.entity === 'traject') return row.properties;
  return { ...row.properties, [TRAJECT_RELATION]: prop.relation(trajectPageId) };
}

/** Deliverables and lessons from the evaluatie and nazorg forms: the free-text answers only, no names. */
const LESSON_FIELDS: Record<string, Record<string, string>> = {
  evaluatie: {
    'inzicht-belangrijkste': 'Belangrijkste inzicht',
    'vervolg-eerste-stap': 'Eerste stap',
  },
  nazorg: { 'wat-werkt': 'Wat werkt', les: 'Les' },
};

function lessonsOf(submissions: readonly FormSubmissionRecord[]): string[] {
  const lines: string[] = [];
  for (const submission of submissions) {
    const fields = LESSON_FIELDS[submission.formId];
    if (!fields) continue;
    for (const [field, label] of Object.entries(fields)) {
      const answer = submission.answers[field];
      if (typeof answer === 'string' && answer.trim() !== '') lines.push(`${label}: ${answer.trim()}`);
    }
  }
  return lines;
}

/** The profile on the shipped question set; undefined when the answers belong to another set. */
function vitProfile(answers: Record<string, number | string | null>) {
  try {
    return scoreVit(defaultVitBank, answers);
  } catch {
    return undefined;
  }
}

function stageLabel(stage: string): string {
  switch (stage) {
    case 'afgesloten':
      return 'Afgesloten';
    case 'fasen-afgerond':
      return 'Alle fasen afgerond';
    case 'nog-niet-begonnen':
      return 'Nog niet begonnen';
    default:
      return 'Onbekend';
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
