import type { CreateViewParameters } from '@notionhq/client';
import { isGoneInNotion, NotionRefusedError } from './client/errors.js';
import type { NotionGateway, NotionObject } from './client/gateway.js';
import { type DataSourceKey, dataSourceTemplate, TRAJECT_PROPERTIES } from './workspace-template.js';

/**
 * The views `notion init` makes with the Views API (API version 2025-09-03 or later, SDK `views.create`): the
 * trajects as a board by status and the sessions as a calendar. Notion gives every database a table view of
 * its own; these come beside it.
 */
export const WORKSPACE_VIEWS = [
  {
    key: 'bord',
    dataSource: 'trajecten',
    name: 'Bord per status',
    type: 'board',
    property: TRAJECT_PROPERTIES.status,
  },
  { key: 'kalender', dataSource: 'sessies', name: 'Kalender', type: 'calendar', property: 'Datum' },
] as const satisfies ReadonlyArray<{
  key: string;
  dataSource: DataSourceKey;
  name: string;
  type: 'board' | 'calendar';
  property: string;
}>;

export type ViewKey = (typeof WORKSPACE_VIEWS)[number]['key'];
type ViewTemplate = (typeof WORKSPACE_VIEWS)[number];

export interface ViewIds {
  databases: Partial<Record<DataSourceKey, string>>;
  dataSources: Partial<Record<DataSourceKey, string>>;
  /** Our property name → Notion's id, per data source. */
  properties: Partial<Record<DataSourceKey, Record<string, string>>>;
}

export interface ViewsOutcome {
  ids: Partial<Record<ViewKey, string>>;
  created: string[];
  adopted: string[];
  /** Views Notion refused (a 400): init goes on, and the guide on the workspace page says how to add them. */
  refused: string[];
}

/**
 * Each view: kept when the recorded one still exists, taken over when one of its name and type is there (a
 * crash after the create), else made. A view someone deleted is made again, as a deleted property is.
 */
export async function ensureViews(
  gateway: NotionGateway,
  recorded: Partial<Record<ViewKey, string>>,
  ids: ViewIds,
): Promise<ViewsOutcome> {
  const outcome: ViewsOutcome = { ids: { ...recorded }, created: [], adopted: [], refused: [] };
  for (const view of WORKSPACE_VIEWS) {
    const label = `${dataSourceTemplate(view.dataSource).title}: ${view.name}`;
    const known = recorded[view.key];
    if (known && (await stillThere(gateway, known))) continue;
    const databaseId = ids.databases[view.dataSource];
    const dataSourceId = ids.dataSources[view.dataSource];
    const propertyId = ids.properties[view.dataSource]?.[view.property];
    if (!databaseId || !dataSourceId || !propertyId) {
      outcome.refused.push(`${label} (de database of de eigenschap ${view.property} ontbreekt)`);
      continue;
    }
    const found = await findView(gateway, databaseId, view);
    if (found) {
      outcome.ids[view.key] = found.id;
      outcome.adopted.push(label);
      continue;
    }
    try {
      const made = await gateway.createView(
        {
          database_id: databaseId,
          data_source_id: dataSourceId,
          name: view.name,
          type: view.type,
          configuration: configuration(view, propertyId),
        },
        () => findView(gateway, databaseId, view),
      );
      outcome.ids[view.key] = made.id;
      outcome.created.push(label);
    } catch (error) {
      // A view is a convenience: a refusal (an API that takes views differently) must not stop init.
      if (!(error instanceof NotionRefusedError) || error.status !== 400) throw error;
      outcome.refused.push(`${label} (${error.message})`);
    }
  }
  return outcome;
}

function configuration(view: ViewTemplate, propertyId: string): CreateViewParameters['configuration'] {
  if (view.type === 'calendar') {
    return { type: 'calendar', date_property_id: propertyId, view_range: 'month', show_weekends: false };
  }
  const type = dataSourceTemplate(view.dataSource).properties[view.property]!.type as 'select';
  return { type: 'board', group_by: { type, property_id: propertyId, sort: { type: 'manual' } } };
}

async function stillThere(gateway: NotionGateway, viewId: string): Promise<boolean> {
  try {
    await gateway.retrieveView(viewId);
    return true;
  } catch (error) {
    if (isGoneInNotion(error)) return false;
    throw error;
  }
}

/** A view of the database with our name and type (the list gives ids only, so each is read). */
async function findView(
  gateway: NotionGateway,
  databaseId: string,
  view: ViewTemplate,
): Promise<NotionObject | undefined> {
  for (const reference of await gateway.listViews(databaseId)) {
    const candidate = await gateway.retrieveView(reference.id);
    if (candidate.name === view.name && candidate.type === view.type) return candidate;
  }
  return undefined;
}
