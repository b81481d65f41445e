import type { CreateDatabaseParameters } from '@notionhq/client';
import { THEME_LABELS, THEMES, TRAJECT_STATUS_LABELS, TRAJECT_STATUSES } from '@visieleren/core';

/**
 * The Notion workspace as data: which data sources `notion init` makes, with which properties, and the
 * sections of a dossier. Changing the workspace means changing this file, not the code that builds it.
 * Every data source has the title property and `Visieleren-id` (our key, so a row can always be found back).
 */

export const DATA_SOURCE_KEYS = ['trajecten', 'fasen', 'sessies', 'checklist', 'uren', 'vit'] as const;
export type DataSourceKey = (typeof DATA_SOURCE_KEYS)[number];

/** Our key in every row: a rich-text property, queried with `equals` to read a lost write back. */
export const ID_PROPERTY = 'Visieleren-id';
/** The relation from every other data source to its traject. */
export const TRAJECT_RELATION = 'Traject';

export type PropertySchema =
  | { type: 'title' }
  | { type: 'rich_text' }
  | { type: 'number' }
  | { type: 'date' }
  | { type: 'checkbox' }
  | { type: 'email' }
  | { type: 'select'; options: string[] }
  | { type: 'multi_select'; options: string[] }
  /** A two-way relation: the target's rows list ours in the property `backName`. */
  | { type: 'relation'; to: DataSourceKey; backName: string };

/** A property's configuration as the SDK's database create and data source update take it. */
export type PropertyConfiguration = NonNullable<
  NonNullable<CreateDatabaseParameters['initial_data_source']>['properties']
>[string];

export interface DataSourceTemplate {
  key: DataSourceKey;
  /** The database's and data source's title in Notion. */
  title: string;
  titleProperty: string;
  properties: Record<string, PropertySchema>;
}

const statusNames = TRAJECT_STATUSES.map((status) => TRAJECT_STATUS_LABELS[status].nl);
const themeNames = THEMES.map((theme) => THEME_LABELS[theme].nl);

export const TRAJECT_PROPERTIES = {
  title: 'Traject',
  gemeenten: 'Gemeente(n)',
  kernvraag: 'Kernvraag',
  themes: "Thema's",
  status: 'Status',
  phase: 'Fase',
  start: 'Start',
  forecastEnd: 'Verwacht einde',
  slip: 'Uitloop (werkdagen)',
  contact: 'Contactpersoon',
  contactEmail: 'E-mail contactpersoon',
} as const;

export const WORKSPACE_TEMPLATE: { version: string; title: string; dataSources: DataSourceTemplate[] } = {
  version: '1',
  title: 'Visieleren',
  dataSources: [
    {
      key: 'trajecten',
      title: 'Trajecten',
      titleProperty: TRAJECT_PROPERTIES.title,
      properties: {
        [TRAJECT_PROPERTIES.title]: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_PROPERTIES.gemeenten]: { type: 'rich_text' },
        [TRAJECT_PROPERTIES.kernvraag]: { type: 'rich_text' },
        [TRAJECT_PROPERTIES.themes]: { type: 'multi_select', options: themeNames },
        [TRAJECT_PROPERTIES.status]: { type: 'select', options: statusNames },
        [TRAJECT_PROPERTIES.phase]: { type: 'rich_text' },
        [TRAJECT_PROPERTIES.start]: { type: 'date' },
        [TRAJECT_PROPERTIES.forecastEnd]: { type: 'date' },
        [TRAJECT_PROPERTIES.slip]: { type: 'number' },
        [TRAJECT_PROPERTIES.contact]: { type: 'rich_text' },
        [TRAJECT_PROPERTIES.contactEmail]: { type: 'email' },
      },
    },
    {
      key: 'fasen',
      title: 'Fasen',
      titleProperty: 'Fase',
      properties: {
        Fase: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_RELATION]: { type: 'relation', to: 'trajecten', backName: 'Fasen' },
        Volgorde: { type: 'number' },
        Gepland: { type: 'date' },
        Werkelijk: { type: 'date' },
        Stand: { type: 'select', options: ['Gepland', 'Bezig', 'Afgerond', 'Uitgelopen'] },
        'Uitloop (werkdagen)': { type: 'number' },
      },
    },
    {
      key: 'sessies',
      title: 'Sessies',
      titleProperty: 'Sessie',
      properties: {
        Sessie: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_RELATION]: { type: 'relation', to: 'trajecten', backName: 'Sessies' },
        Fase: { type: 'rich_text' },
        Datum: { type: 'date' },
        Gehouden: { type: 'checkbox' },
        'Met bestuurders': { type: 'checkbox' },
      },
    },
    {
      key: 'checklist',
      title: 'Checklist',
      titleProperty: 'Actiepunt',
      properties: {
        Actiepunt: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_RELATION]: { type: 'relation', to: 'trajecten', backName: 'Checklist' },
        Fase: { type: 'rich_text' },
        Deadline: { type: 'date' },
        Gedaan: { type: 'checkbox' },
      },
    },
    {
      key: 'uren',
      title: 'Uren',
      titleProperty: 'Rol',
      properties: {
        Rol: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_RELATION]: { type: 'relation', to: 'trajecten', backName: 'Uren' },
        'Uren geschreven': { type: 'number' },
        'Verwacht minimaal': { type: 'number' },
        'Verwacht maximaal': { type: 'number' },
        Stand: {
          type: 'select',
          options: ['onder de norm', 'binnen de norm', 'boven de norm', 'loopt nog', 'geen norm'],
        },
      },
    },
    {
      key: 'vit',
      title: 'VIT',
      titleProperty: 'Profiel',
      properties: {
        Profiel: { type: 'title' },
        [ID_PROPERTY]: { type: 'rich_text' },
        [TRAJECT_RELATION]: { type: 'relation', to: 'trajecten', backName: 'VIT' },
        Vragenset: { type: 'rich_text' },
        'Ingevuld op': { type: 'date' },
        Prioriteiten: { type: 'rich_text' },
      },
    },
  ],
};

/** The dossier's sections in order; each is a heading plus compact blocks (docs/platform-limits.md §1.2: the Free cap). */
export const DOSSIER_SECTIONS = [
  { key: 'kernvraag', heading: 'Kernvraag' },
  { key: 'plan', heading: 'Plan' },
  { key: 'sessies', heading: 'Sessies' },
  { key: 'checklist', heading: 'Checklist' },
  { key: 'uren', heading: 'Uren tegenover de afspraken' },
  { key: 'vit', heading: 'VIT-profiel' },
  { key: 'opbrengsten', heading: 'Opbrengsten en lessen' },
] as const;

export function dataSourceTemplate(key: DataSourceKey): DataSourceTemplate {
  return WORKSPACE_TEMPLATE.dataSources.find((source) => source.key === key)!;
}

/** The property schema as Notion's create and update requests want it. */
export function propertySchemaForNotion(
  properties: Record<string, PropertySchema>,
  dataSourceIds: Partial<Record<DataSourceKey, string>>,
): Record<string, PropertyConfiguration> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, propertyConfiguration(schema, dataSourceIds)]),
  );
}

export function propertyConfiguration(
  schema: PropertySchema,
  dataSourceIds: Partial<Record<DataSourceKey, string>>,
): PropertyConfiguration {
  switch (schema.type) {
    case 'select':
      return { select: { options: schema.options.map((option) => ({ name: option })) } };
    case 'multi_select':
      return { multi_select: { options: schema.options.map((option) => ({ name: option })) } };
    case 'relation': {
      const target = dataSourceIds[schema.to];
      if (!target) throw new Error(`relation target ${schema.to} not created yet`);
      // Two-way: a traject's page lists its phases, sessions, items… in the property `backName`.
      return {
        relation: { data_source_id: target, dual_property: { synced_property_name: schema.backName } },
      };
    }
    default:
      return { [schema.type]: {} } as PropertyConfiguration;
  }
}

/** The Notion type names, in Dutch, for a message about a property whose type changed. */
export const PROPERTY_TYPE_LABELS: Record<string, string> = {
  title: 'titel',
  rich_text: 'tekst',
  number: 'getal',
  date: 'datum',
  checkbox: 'selectievakje',
  email: 'e-mail',
  select: 'selectie',
  multi_select: 'meervoudige selectie',
  relation: 'relatie',
  status: 'status',
  people: 'personen',
};
