import type { PlatformLinkPort } from '@visieleren/core';
import type { NotionGateway, NotionObject } from './client/gateway.js';
import { blockForNotion, paragraph, signatureOfNotionBlock } from './render/blocks.js';
import { richText } from './render/rich-text.js';
import { updateLinkPayload, WORKSPACE_LINK } from './sync/link-state.js';
import { NOTION_SYNC_ACTOR } from './sync/ports.js';
import { propertiesOf, sameId } from './sync/schema.js';
import type { WorkspacePayload } from './sync/workspace-state.js';
import {
  type DataSourceKey,
  type DataSourceTemplate,
  type PropertyConfiguration,
  propertyConfiguration,
  propertySchemaForNotion,
  WORKSPACE_TEMPLATE,
} from './workspace-template.js';
import { ensureViews } from './workspace-views.js';

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
  /** Properties added to an existing data source (a newer template, or deleted in Notion). */
  extended: Array<{ dataSource: string; properties: string[] }>;
  /** Properties whose type someone changed in Notion, given their type back. */
  repaired: Array<{ dataSource: string; properties: string[] }>;
  /** Views Notion refused; the guide on the workspace page says how to add them by hand. */
  viewsRefused: string[];
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
  const report: InitReport = {
    parentPageId,
    created: [],
    adopted: [],
    extended: [],
    repaired: [],
    viewsRefused: [],
    unchanged: true,
  };
  // Checks that the page exists and is shared with the integration, before anything is made.
  await gateway.retrievePage(parentPageId);

  let link = await links.find(WORKSPACE_LINK, parentPageId);
  const payload = (): Partial<WorkspacePayload> => (link?.payload ?? {}) as Partial<WorkspacePayload>;
  const save = async (change: (current: Partial<WorkspacePayload>) => Partial<WorkspacePayload>) => {
    link = link
      ? await updateLinkPayload<Partial<WorkspacePayload>>(links, WORKSPACE_LINK, parentPageId, change)
      : await links.link(
          { kind: WORKSPACE_LINK, externalId: parentPageId, payload: { ...change({}) } },
          NOTION_SYNC_ACTOR,
        );
  };

  for (const template of WORKSPACE_TEMPLATE.dataSources) {
    let dataSourceId = payload().dataSources?.[template.key];
    if (!dataSourceId) {
      const found = await findDataSource(gateway, parentPageId, template.title);
      let ids: { dataSourceId: string; databaseId: string };
      if (found) {
        ids = found;
        report.adopted.push(template.title);
      } else {
        ids = await createDatabase(gateway, parentPageId, template, payload().dataSources ?? {});
        report.created.push(template.title);
      }
      report.unchanged = false;
      dataSourceId = ids.dataSourceId;
      await save((current) => ({
        ...current,
        dataSources: { ...(current.dataSources ?? {}), [template.key]: ids.dataSourceId } as Record<
          DataSourceKey,
          string
        >,
        databases: { ...(current.databases ?? {}), [template.key]: ids.databaseId },
        templateVersion: WORKSPACE_TEMPLATE.version,
      }));
    }
    const checked = await ensureProperties(
      gateway,
      dataSourceId,
      template,
      payload().dataSources ?? {},
      payload().properties?.[template.key],
    );
    if (checked.added.length > 0)
      report.extended.push({ dataSource: template.title, properties: checked.added });
    if (checked.repaired.length > 0) {
      report.repaired.push({ dataSource: template.title, properties: checked.repaired });
    }
    const recorded = payload().properties?.[template.key] ?? {};
    const idsChanged = Object.entries(checked.ids).some(([name, id]) => recorded[name] !== id);
    if (checked.added.length > 0 || checked.repaired.length > 0) report.unchanged = false;
    if (idsChanged) {
      await save((current) => ({
        ...current,
        properties: { ...(current.properties ?? {}), [template.key]: checked.ids },
      }));
    }
  }
  const views = await ensureViews(gateway, payload().views ?? {}, {
    databases: payload().databases ?? {},
    dataSources: payload().dataSources ?? {},
    properties: payload().properties ?? {},
  });
  report.created.push(...views.created);
  report.adopted.push(...views.adopted);
  report.viewsRefused = views.refused;
  if (views.created.length > 0 || views.adopted.length > 0) {
    report.unchanged = false;
    await save((current) => ({ ...current, views: views.ids }));
  }
  if (!payload().guideBlockId) {
    const [guide] = await appendGuide(gateway, parentPageId);
    if (guide) await save((current) => ({ ...current, guideBlockId: guide.id }));
    report.unchanged = false;
  }
  return report;
}

/**
 * Two lines on the workspace page on the views people want: init makes them (workspace-views.ts), and the page
 * says where they are and how to add one again by hand (someone deleted it, or Notion refused it).
 */
export const WORKSPACE_GUIDE = [
  'Bord per status: Trajecten, weergave "Bord per status" (ontbreekt die: "+ Weergave" → Bord, groepeer op Status).',
  'Kalender van de sessies: Sessies, weergave "Kalender" (ontbreekt die: "+ Weergave" → Kalender op Datum).',
];

function appendGuide(gateway: NotionGateway, parentPageId: string): Promise<NotionObject[]> {
  const block = paragraph('gids', WORKSPACE_GUIDE);
  const text = WORKSPACE_GUIDE.join('\n');
  return gateway.appendChildren(parentPageId, [blockForNotion(block)], undefined, async () => {
    const children = await gateway.listChildren(parentPageId);
    const found = children.find((child) => signatureOfNotionBlock(child).text === text);
    return found ? [found] : undefined;
  });
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
    // A lost answer: the database may exist. It is a child of our page at once (search indexes it late).
    async (lost) => {
      const found = lost.committedResourceId
        ? await dataSourceOfDatabase(gateway, lost.committedResourceId)
        : await findDataSource(gateway, parentPageId, template.title);
      return found ? { id: found.databaseId, data_sources: [{ id: found.dataSourceId }] } : undefined;
    },
  );
  const sources = (database.data_sources ?? []) as Array<{ id: string }>;
  if (!sources[0]) throw new Error(`Notion gaf geen gegevensbron terug voor ${template.title}.`);
  return { dataSourceId: sources[0].id, databaseId: database.id };
}

/** Our database under the parent page, by title: the page's `child_database` blocks (no search). */
async function findDataSource(
  gateway: NotionGateway,
  parentPageId: string,
  title: string,
): Promise<{ dataSourceId: string; databaseId: string } | undefined> {
  const children = await gateway.listChildren(parentPageId);
  const match = children.find(
    (child: NotionObject) =>
      child.type === 'child_database' &&
      child.in_trash !== true &&
      (child.child_database as { title?: string } | undefined)?.title === title,
  );
  return match ? dataSourceOfDatabase(gateway, match.id) : undefined;
}

async function dataSourceOfDatabase(
  gateway: NotionGateway,
  databaseId: string,
): Promise<{ dataSourceId: string; databaseId: string } | undefined> {
  const database = await gateway.retrieveDatabase(databaseId);
  const source = ((database.data_sources ?? []) as Array<{ id: string }>)[0];
  return source ? { dataSourceId: source.id, databaseId: database.id } : undefined;
}

/**
 * Makes the data source's schema match the template, by property id: a property that is missing is added
 * (or, when one of that name and type exists, adopted), one whose type was changed in Notion gets its type
 * back. Returns the ids to record; a renamed property keeps its new name.
 */
async function ensureProperties(
  gateway: NotionGateway,
  dataSourceId: string,
  template: DataSourceTemplate,
  dataSourceIds: Partial<Record<DataSourceKey, string>>,
  recorded: Record<string, string> | undefined,
): Promise<{ ids: Record<string, string>; added: string[]; repaired: string[] }> {
  const present = propertiesOf(await gateway.retrieveDataSource(dataSourceId));
  const ids: Record<string, string> = {};
  const add: Record<string, PropertyConfiguration> = {};
  const repair: Record<string, PropertyConfiguration> = {};
  const addedAs: Record<string, string> = {};
  const repaired: string[] = [];
  for (const [name, schema] of Object.entries(template.properties)) {
    const known = recorded?.[name];
    const byName = present.find((property) => property.name === name);
    const current = known ? present.find((property) => sameId(property.id, known)) : byName;
    if (current && current.type === schema.type) {
      ids[name] = current.id;
    } else if (current) {
      // Its type was changed in Notion: the type goes back, the id (and a new name) stay.
      repair[current.id] = propertyConfiguration(schema, dataSourceIds);
      ids[name] = current.id;
      repaired.push(name);
    } else {
      // Deleted in Notion (or a newer template): made again under our name, or with a suffix when taken.
      addedAs[name] = byName ? `${name} (Visieleren)` : name;
      add[addedAs[name]] = propertyConfiguration(schema, dataSourceIds);
    }
  }
  if (Object.keys(add).length > 0 || Object.keys(repair).length > 0) {
    const source = await gateway.updateDataSource(
      dataSourceId,
      { properties: { ...add, ...repair } },
      (answer) => {
        const now = propertiesOf(answer);
        return Object.values(addedAs).every((name) => now.some((property) => property.name === name));
      },
    );
    const now = propertiesOf(source);
    for (const [name, as] of Object.entries(addedAs)) {
      const match = now.find((property) => property.name === as);
      if (match) ids[name] = match.id;
    }
  }
  return { ids, added: Object.values(addedAs), repaired };
}
