import type { PlatformLinkPort } from '@visieleren/core';
import type { NotionGateway, NotionObject } from './client/gateway.js';
import { plainText, richText } from './render/rich-text.js';
import { updateLinkPayload, WORKSPACE_LINK } from './sync/link-state.js';
import { NOTION_SYNC_ACTOR } from './sync/ports.js';
import type { WorkspacePayload } from './sync/workspace-state.js';
import {
  type DataSourceKey,
  type DataSourceTemplate,
  propertySchemaForNotion,
  WORKSPACE_TEMPLATE,
} from './workspace-template.js';

/**
 * `notion init`: the workspace structure from the template, under one parent page. Idempotent: what is
 * recorded is checked, what is missing is looked for (a crash after a create) before it is made, and a
 * second run that finds everything in place writes nothing.
 */

export interface InitReport {
  parentPageId: string;
  created: string[];
  /** Found in Notion but not recorded (an interrupted init): taken over, not made again. */
  adopted: string[];
  /** Properties added to an existing data source (a newer template). */
  extended: Array<{ dataSource: string; properties: string[] }>;
  unchanged: boolean;
}

/** A Notion page id from an id with or without dashes, or a page address ending in one. */
export function parseNotionPageId(input: string): string | undefined {
  const match = /([0-9a-f]{32})(?:[?#].*)?$/i.exec(input.trim().replaceAll('-', ''));
  if (!match) return undefined;
  const hex = match[1]!.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function initWorkspace(
  gateway: NotionGateway,
  links: PlatformLinkPort,
  parentPageId: string,
): Promise<InitReport> {
  const others = (await links.listByKind(WORKSPACE_LINK)).filter((link) => link.externalId !== parentPageId);
  if (others.length > 0) {
    throw new Error(
      `Er is al een Notion-werkruimte onder pagina ${others[0]!.externalId}; één werkruimte per installatie.`,
    );
  }
  const report: InitReport = { parentPageId, created: [], adopted: [], extended: [], unchanged: true };
  // Checks that the page exists and is shared with the integration, before anything is made.
  await gateway.retrievePage(parentPageId);

  let link = await links.find(WORKSPACE_LINK, parentPageId);
  const recorded = (): Partial<Record<DataSourceKey, string>> =>
    ((link?.payload ?? {}) as Partial<WorkspacePayload>).dataSources ?? {};

  for (const template of WORKSPACE_TEMPLATE.dataSources) {
    const known = recorded()[template.key];
    if (known) {
      const added = await addMissingProperties(gateway, known, template, recorded());
      if (added.length > 0) {
        report.extended.push({ dataSource: template.title, properties: added });
        report.unchanged = false;
      }
      continue;
    }
    const found = await findDataSource(gateway, parentPageId, template.title);
    let ids: { dataSourceId: string; databaseId: string };
    if (found) {
      ids = found;
      report.adopted.push(template.title);
    } else {
      ids = await createDatabase(gateway, parentPageId, template, recorded());
      report.created.push(template.title);
    }
    report.unchanged = false;
    const record = (payload: Partial<WorkspacePayload>): WorkspacePayload => ({
      ...payload,
      dataSources: { ...(payload.dataSources ?? {}), [template.key]: ids.dataSourceId } as Record<
        DataSourceKey,
        string
      >,
      databases: { ...(payload.databases ?? {}), [template.key]: ids.databaseId },
      templateVersion: WORKSPACE_TEMPLATE.version,
    });
    link = link
      ? await updateLinkPayload<Partial<WorkspacePayload>>(links, WORKSPACE_LINK, parentPageId, record)
      : await links.link(
          { kind: WORKSPACE_LINK, externalId: parentPageId, payload: { ...record({}) } },
          NOTION_SYNC_ACTOR,
        );
  }
  return report;
}

async function createDatabase(
  gateway: NotionGateway,
  parentPageId: string,
  template: DataSourceTemplate,
  dataSourceIds: Partial<Record<DataSourceKey, string>>,
): Promise<{ dataSourceId: string; databaseId: string }> {
  const database = await gateway.createDatabase(
    {
      parent: { type: 'page_id', page_id: parentPageId },
      title: richText(template.title),
      is_inline: true,
      initial_data_source: { properties: propertySchemaForNotion(template.properties, dataSourceIds) },
    },
    // A lost answer: the database may exist; search finds it by title under our page.
    async () => {
      const found = await findDataSource(gateway, parentPageId, template.title);
      return found ? { id: found.databaseId, data_sources: [{ id: found.dataSourceId }] } : undefined;
    },
  );
  const sources = (database.data_sources ?? []) as Array<{ id: string }>;
  if (!sources[0]) throw new Error(`Notion gaf geen gegevensbron terug voor ${template.title}.`);
  return { dataSourceId: sources[0].id, databaseId: database.id };
}

async function findDataSource(
  gateway: NotionGateway,
  parentPageId: string,
  title: string,
): Promise<{ dataSourceId: string; databaseId: string } | undefined> {
  const results = await gateway.search({
    query: title,
    filter: { property: 'object', value: 'data_source' },
  });
  const match = results.find(
    (result: NotionObject) =>
      plainText(result.title) === title &&
      result.in_trash !== true &&
      ((result.database_parent as { page_id?: string } | undefined)?.page_id ?? '').replaceAll('-', '') ===
        parentPageId.replaceAll('-', ''),
  );
  if (!match) return undefined;
  const parent = match.parent as { database_id?: string } | undefined;
  return { dataSourceId: match.id, databaseId: parent?.database_id ?? '' };
}

async function addMissingProperties(
  gateway: NotionGateway,
  dataSourceId: string,
  template: DataSourceTemplate,
  dataSourceIds: Partial<Record<DataSourceKey, string>>,
): Promise<string[]> {
  const source = await gateway.retrieveDataSource(dataSourceId);
  const present = new Set(Object.keys((source.properties ?? {}) as Record<string, unknown>));
  const missing = Object.entries(template.properties).filter(([name]) => !present.has(name));
  if (missing.length === 0) return [];
  await gateway.updateDataSource(dataSourceId, {
    properties: propertySchemaForNotion(Object.fromEntries(missing), dataSourceIds),
  });
  return missing.map(([name]) => name);
}
