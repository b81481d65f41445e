import { isVisielerenError, type PlatformLinkRecord, type TrajectStatus } from '@visieleren/core';
import { isGoneInNotion } from '../client/errors.js';
import type { NotionObject } from '../client/gateway.js';
import { MAX_CHILDREN_PER_REQUEST } from '../limits.js';
import { blockForNotion } from '../render/blocks.js';
import { contentHash } from '../render/hash.js';
import type { PropertyValue } from '../render/properties.js';
import { propertiesLanded } from '../render/read-properties.js';
import {
  type DesiredRow,
  type DesiredTraject,
  ENTITY_DATA_SOURCE,
  itemIdOfTodoKey,
  renderTraject,
  withTrajectRelation,
} from '../render/traject.js';
import { ID_PROPERTY, TRAJECT_PROPERTIES } from '../workspace-template.js';
import type { SyncContext } from './context.js';
import { meaningHash } from './divergence.js';
import { appendBlocks, oneWayHash, PageGoneError, pushDossier } from './dossier.js';
import { PAGE_LINK, type PagePayload, pagePayload, updateLinkPayload } from './link-state.js';
import { NOTION_SYNC_ACTOR } from './ports.js';

/** The property that people may change in Notion, per entity: kept out of the one-way hash. */
const TWO_WAY_PROPERTY: Partial<Record<DesiredRow['entity'], string>> = {
  traject: TRAJECT_PROPERTIES.status,
  checklist: 'Gedaan',
};

const entityKey = (entity: string, entityId: string) => `${entity}\u0000${entityId}`;

/**
 * Short hashes per property, so an update sends only what changed and the dry run can name it. A property
 * that cannot be used now (deleted or retyped in Notion) has no hash: when it is back, it is written again.
 */
function fieldHashes(
  context: SyncContext,
  row: DesiredRow,
  properties: Record<string, unknown>,
  skip?: string,
): Record<string, string> {
  const source = ENTITY_DATA_SOURCE[row.entity];
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => name !== skip && context.schema.idOf(source, name) !== undefined)
      .map(([name, value]) => [name, meaningHash(value)]),
  );
}

function twoWayValue(row: DesiredRow, desired: DesiredTraject): string | boolean | undefined {
  if (row.entity === 'traject') return desired.twoWay.status;
  if (row.entity === 'checklist') {
    const itemId = row.entityId.slice(desired.trajectId.length + 1);
    return desired.twoWay.checks[itemId] === true;
  }
  return undefined;
}

function syncedValue(row: DesiredRow, payload: PagePayload | undefined): string | boolean | undefined {
  if (row.entity === 'traject') return payload?.synced?.status;
  if (row.entity === 'checklist') return payload?.synced?.done;
  return undefined;
}

function syncedFor(row: DesiredRow, value: string | boolean | undefined, previous?: PagePayload['synced']) {
  if (row.entity === 'traject') return { ...(previous ?? {}), status: value as TrajectStatus };
  if (row.entity === 'checklist') return { ...(previous ?? {}), done: value === true };
  return previous;
}

/** Pushes one traject to Notion; returns how many writes it took. */
export async function pushTraject(
  context: SyncContext,
  trajectId: string,
): Promise<{ name: string; writes: number }> {
  const startWrites = context.gateway.stats.writes;
  const { ports } = context;
  const links = (await ports.links.listForTraject(trajectId)).filter((link) => link.kind === PAGE_LINK);
  let record: Awaited<ReturnType<typeof ports.trajects.get>>;
  try {
    record = await ports.trajects.get(trajectId, { kind: 'all' });
  } catch (error) {
    if (isVisielerenError(error) && error.code === 'NOT_FOUND') {
      for (const link of links) await archive(context, trajectId, link, 'traject bestaat niet meer');
      return { name: trajectId, writes: context.gateway.stats.writes - startWrites };
    }
    throw error;
  }
  const submissions = ports.formSubmissions ? await ports.formSubmissions.list(trajectId) : [];
  const desired = renderTraject(record, context.today, submissions);
  const byKey = new Map<string, PlatformLinkRecord>();
  for (const link of links) {
    const payload = pagePayload(link);
    const key = entityKey(payload.entity, payload.entityId);
    if (!byKey.has(key)) byKey.set(key, link);
  }

  const rowLink = byKey.get(entityKey('traject', trajectId));
  let rowPageId = await pushRow(context, desired.row, desired, undefined, rowLink);
  const current = await ports.links.find(PAGE_LINK, rowPageId);
  // An existing page, or one a crashed run made and this run found back (its dossier not yet recorded).
  if (current && (rowLink?.externalId === rowPageId || !pagePayload(current).dossier)) {
    try {
      await pushDossier(context, rowPageId, pagePayload(current), desired);
    } catch (error) {
      if (!(error instanceof PageGoneError)) throw error;
      // The traject's page went to the trash in Notion: taken back out (its ticks and notes with it);
      // only a page Notion no longer has at all is made again.
      if (await restorePage(context, desired.trajectId, desired.row.label, rowPageId)) {
        const fresh = await ports.links.find(PAGE_LINK, rowPageId);
        if (fresh) await pushDossier(context, rowPageId, pagePayload(fresh), desired);
      } else {
        await ports.links.unlink(PAGE_LINK, rowPageId, NOTION_SYNC_ACTOR);
        rowPageId = await pushRow(context, desired.row, desired, undefined, undefined);
      }
    }
  }
  const wanted = new Set<string>([entityKey('traject', trajectId)]);
  for (const row of desired.rows) {
    wanted.add(entityKey(row.entity, row.entityId));
    await pushRow(context, row, desired, rowPageId, byKey.get(entityKey(row.entity, row.entityId)));
  }
  for (const [key, link] of byKey) {
    if (!wanted.has(key)) await archive(context, trajectId, link, 'staat niet meer in het traject');
  }
  return { name: desired.name, writes: context.gateway.stats.writes - startWrites };
}

/** Creates, updates or leaves one row; returns its page id (a placeholder in a dry run). */
async function pushRow(
  context: SyncContext,
  row: DesiredRow,
  desired: DesiredTraject,
  trajectPageId: string | undefined,
  link: PlatformLinkRecord | undefined,
): Promise<string> {
  const { gateway, ports } = context;
  const properties = withTrajectRelation(row, trajectPageId ?? 'nog-aan-te-maken');
  const twoWayProperty = TWO_WAY_PROPERTY[row.entity];
  const fields = fieldHashes(context, row, properties, twoWayProperty);
  const hash = contentHash(fields);
  const wantedTwoWay = twoWayValue(row, desired);

  if (!link && context.recovery && !context.dryRun) {
    const existing = await findByOurId(context, row);
    if (existing) {
      link = await ports.links.link(
        {
          kind: PAGE_LINK,
          externalId: existing.id,
          trajectId: desired.trajectId,
          ...(row.participantKey ? { participantKey: row.participantKey } : {}),
          payload: { entity: row.entity, entityId: row.entityId },
        },
        NOTION_SYNC_ACTOR,
      );
      context.operations.push({
        trajectId: desired.trajectId,
        kind: 'pagina-overgenomen',
        target: row.label,
      });
    }
  }

  if (!link) {
    const dossierBlocks =
      row.entity !== 'traject'
        ? 0
        : context.dryRun
          ? desired.dossier.length
          : Math.min(desired.dossier.length, MAX_CHILDREN_PER_REQUEST);
    context.operations.push({
      trajectId: desired.trajectId,
      kind: 'pagina-aanmaken',
      target: row.label,
      blocks: 1 + dossierBlocks,
    });
    if (context.dryRun) return 'nog-aan-te-maken';
    return createRow(context, row, desired, properties, fields, hash, wantedTwoWay);
  }

  const payload = pagePayload(link);
  if (row.participantKey !== link.participantKey) {
    // The contact person changed (or was forgotten): the link names whoever the row names now.
    if (!context.dryRun) {
      await ports.links.link(
        {
          kind: PAGE_LINK,
          externalId: link.externalId,
          trajectId: desired.trajectId,
          ...(row.participantKey ? { participantKey: row.participantKey } : {}),
          payload: link.payload,
        },
        NOTION_SYNC_ACTOR,
      );
    }
  }
  const previousFields = ((payload as { fields?: Record<string, string> }).fields ?? {}) as Record<
    string,
    string
  >;
  // A two-way column that cannot be used now (deleted, retyped) keeps its last synced value, so it is
  // written again once `notion init` has given it back.
  const twoWayUsable =
    twoWayProperty !== undefined && context.schema.idOf(ENTITY_DATA_SOURCE[row.entity], twoWayProperty);
  const twoWay = twoWayUsable ? wantedTwoWay : syncedValue(row, payload);
  const twoWayChanged = Boolean(twoWayUsable) && syncedValue(row, payload) !== twoWay;
  if (payload.hash === hash && !twoWayChanged) return link.externalId;

  const source = ENTITY_DATA_SOURCE[row.entity];
  const changed = Object.keys(properties).filter((name) =>
    context.schema.idOf(source, name) === undefined
      ? false
      : name === twoWayProperty
        ? twoWayChanged
        : payload.hash === undefined || previousFields[name] !== fields[name],
  );
  context.operations.push({
    trajectId: desired.trajectId,
    kind: 'pagina-bijwerken',
    target: row.label,
    fields: changed,
  });
  if (context.dryRun || changed.length === 0) {
    if (!context.dryRun) await recordRow(context, link.externalId, row, fields, hash, twoWay);
    return link.externalId;
  }
  const update = context.schema.toNotion(
    source,
    Object.fromEntries(changed.map((name) => [name, properties[name]!])),
  );
  const write = () =>
    gateway.updatePage(link.externalId, { properties: update }, (answer) => propertiesLanded(update, answer));
  let page: NotionObject;
  try {
    page = await write();
  } catch (error) {
    if (!isGoneInNotion(error)) throw error;
    // Someone moved the row to the trash in Notion: the traject still has it, so it comes back out of the
    // trash (not a second row with the same Visieleren-id); only a row Notion no longer has is made again.
    if (!(await restorePage(context, desired.trajectId, row.label, link.externalId))) {
      await ports.links.unlink(PAGE_LINK, link.externalId, NOTION_SYNC_ACTOR);
      return createRow(context, row, desired, properties, fields, hash, twoWay);
    }
    page = await write();
  }
  await recordRow(context, link.externalId, row, fields, hash, twoWay, page);
  return link.externalId;
}

async function recordRow(
  context: SyncContext,
  pageId: string,
  row: DesiredRow,
  fields: Record<string, string>,
  hash: string,
  twoWay: string | boolean | undefined,
  page?: NotionObject,
): Promise<void> {
  await updateLinkPayload<PagePayload & { fields?: Record<string, string> }>(
    context.ports.links,
    PAGE_LINK,
    pageId,
    (current) => ({
      ...current,
      hash,
      fields,
      synced: syncedFor(row, twoWay, current.synced),
      ...(page && row.entity !== 'traject' && typeof page.last_edited_time === 'string'
        ? { lastEditedTime: page.last_edited_time }
        : {}),
    }),
  );
}

async function createRow(
  context: SyncContext,
  row: DesiredRow,
  desired: DesiredTraject,
  properties: Record<string, PropertyValue>,
  fields: Record<string, string>,
  hash: string,
  twoWay: string | boolean | undefined,
): Promise<string> {
  const { gateway, ports, workspace } = context;
  const dataSourceId = workspace.payload.dataSources[ENTITY_DATA_SOURCE[row.entity]];
  const isTraject = row.entity === 'traject';
  // The traject's page carries its dossier: made in the same request (at most 100 blocks), so the page and
  // its content appear together; the rest, if any, is appended below.
  const firstBlocks = isTraject ? desired.dossier.slice(0, MAX_CHILDREN_PER_REQUEST) : [];
  const page = await gateway.createPage(
    {
      parent: { type: 'data_source_id', data_source_id: dataSourceId },
      properties: context.schema.toNotion(ENTITY_DATA_SOURCE[row.entity], properties),
      ...(firstBlocks.length > 0 ? { children: firstBlocks.map(blockForNotion) } : {}),
    },
    async (lost) => {
      if (lost.committedResourceId) return gateway.retrievePage(lost.committedResourceId);
      return findByOurId(context, row);
    },
  );
  const payload: PagePayload & { fields: Record<string, string> } = {
    entity: row.entity,
    entityId: row.entityId,
    hash,
    fields,
    ...(typeof page.last_edited_time === 'string' && !isTraject
      ? { lastEditedTime: page.last_edited_time }
      : {}),
    ...(twoWay !== undefined ? { synced: syncedFor(row, twoWay, undefined) } : {}),
  };
  if (isTraject) {
    payload.dossier = { blocks: firstBlocks.map((block) => ({ key: block.key, hash: oneWayHash(block) })) };
    payload.synced = {
      ...(payload.synced ?? {}),
      checks: Object.fromEntries(
        firstBlocks
          .filter((block) => itemIdOfTodoKey(block.key) !== undefined)
          .map((block) => [itemIdOfTodoKey(block.key)!, block.checked === true]),
      ),
    };
  }
  await ports.links.link(
    {
      kind: PAGE_LINK,
      externalId: page.id,
      trajectId: desired.trajectId,
      ...(row.participantKey ? { participantKey: row.participantKey } : {}),
      payload: payload as unknown as Record<string, unknown>,
    },
    NOTION_SYNC_ACTOR,
  );
  if (isTraject && desired.dossier.length > firstBlocks.length) {
    const fresh = await ports.links.find(PAGE_LINK, page.id);
    if (fresh) await pushDossier(context, page.id, pagePayload(fresh), desired);
  }
  return page.id;
}

/** Takes a page out of Notion's trash (`in_trash: false`); false when Notion no longer has it at all. */
async function restorePage(
  context: SyncContext,
  trajectId: string,
  label: string,
  pageId: string,
): Promise<boolean> {
  try {
    await context.gateway.updatePage(pageId, { in_trash: false }, (page) => page.in_trash !== true);
  } catch (error) {
    if (isGoneInNotion(error)) return false;
    throw error;
  }
  context.operations.push({ trajectId, kind: 'pagina-teruggezet', target: label });
  return true;
}

/** Finds our row by its `Visieleren-id` (a lost create, a crashed run): the first match, never trashed. */
export async function findByOurId(context: SyncContext, row: DesiredRow): Promise<NotionObject | undefined> {
  const dataSourceId = context.workspace.payload.dataSources[ENTITY_DATA_SOURCE[row.entity]];
  const idProperty = context.schema.idOf(ENTITY_DATA_SOURCE[row.entity], ID_PROPERTY);
  if (!idProperty) return undefined;
  const results = await context.gateway.queryDataSource(dataSourceId, {
    filter: { property: idProperty, rich_text: { equals: row.entityId } },
  });
  return results.find((page) => page.in_trash !== true && page.archived !== true);
}

async function archive(
  context: SyncContext,
  trajectId: string,
  link: PlatformLinkRecord,
  reason: string,
): Promise<void> {
  context.operations.push({
    trajectId,
    kind: 'pagina-archiveren',
    target: `${pagePayload(link).entity} ${pagePayload(link).entityId}`,
    fields: [reason],
  });
  if (context.dryRun) return;
  try {
    await context.gateway.updatePage(link.externalId, { in_trash: true }, (page) => page.in_trash === true);
  } catch (error) {
    // Already gone in Notion: nothing left to archive.
    if (!isGoneInNotion(error)) throw error;
  }
  await context.ports.links.unlink(PAGE_LINK, link.externalId, NOTION_SYNC_ACTOR);
}

export { appendBlocks };
