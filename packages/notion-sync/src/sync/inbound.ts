import {
  isVisielerenError,
  type PlatformLinkRecord,
  stepBetween,
  TRAJECT_STATUS_LABELS,
  TRAJECT_STEPS,
  type TrajectRecord,
  type TrajectStatus,
} from '@visieleren/core';
import { NotionRefusedError } from '../client/errors.js';
import type { NotionObject } from '../client/gateway.js';
import { EDIT_TIME_GRANULARITY_MS } from '../limits.js';
import { signatureOfNotionBlock } from '../render/blocks.js';
import { checkboxValue, selectName, textValue } from '../render/read-properties.js';
import { type DesiredTraject, itemIdOfTodoKey, renderTraject, STATUS_BY_LABEL } from '../render/traject.js';
import { ID_PROPERTY, TRAJECT_PROPERTIES } from '../workspace-template.js';
import { nowIso, type SyncContext } from './context.js';
import { editorOf, findOneWayEdits } from './divergence.js';
import { matchRecorded } from './dossier.js';
import { PAGE_LINK, type PagePayload, pagePayload, updateLinkPayload } from './link-state.js';
import { NOTION_SYNC_ACTOR, notionActor } from './ports.js';

/** A change people made in Notion that reached (or, in a dry run, would reach) the store. */
export interface InboundChange {
  trajectId: string;
  field: 'status' | 'checklist';
  itemId?: string;
  value: string | boolean;
  actor: string;
  /** Set when the store had changed too: which side was kept. */
  conflict?: { kept: 'notion' | 'visieleren'; discarded: string | boolean };
}

interface NotionValue<T> {
  value: T;
  editedAt: string;
  userId: string | undefined;
}

const editor = (object: NotionObject) => (object.last_edited_by as { id?: string } | undefined)?.id;
const editedAt = (object: NotionObject) => String(object.last_edited_time ?? '');

/**
 * Reads what people changed in Notion since `since` (the caller overlaps the window: Notion rounds edit
 * times down to the minute) and brings it into the store. A page seen again whose content matches what we
 * know changes nothing: the comparison is by content, not by time.
 */
export async function pullFromNotion(
  context: SyncContext,
  since: string,
  onlyTraject?: string,
): Promise<{ changes: InboundChange[]; touched: Set<string> }> {
  const { gateway, workspace } = context;
  const filter = { timestamp: 'last_edited_time' as const, last_edited_time: { on_or_after: since } };
  const rows = await gateway.queryDataSource(workspace.payload.dataSources.trajecten, { filter });
  const checklistRows = await gateway.queryDataSource(workspace.payload.dataSources.checklist, { filter });

  const groups = new Map<string, EditedGroup>();
  const orphans: Array<{ page: NotionObject; trajectId: string; label: string }> = [];
  const pages = [
    ...rows.map((page) => ({ page, source: 'trajecten' as const })),
    ...checklistRows.map((page) => ({ page, source: 'checklist' as const })),
  ];
  for (const { page, source } of pages) {
    if (page.in_trash === true || page.archived === true) continue;
    let link = await context.ports.links.find(PAGE_LINK, page.id);
    let orphan = false;
    if (!link) {
      // A second row with one of our ids (restored from the trash after we made it again, or copied):
      // its edits count for the row we keep, and then it goes.
      link = await keeperOf(context, source, page);
      if (!link) continue;
      orphan = true;
      orphans.push({ page, trajectId: link.trajectId!, label: `${source} ${pagePayload(link).entityId}` });
    }
    if (!link.trajectId || (onlyTraject && link.trajectId !== onlyTraject)) continue;
    const group = groups.get(link.trajectId) ?? { items: [] };
    const entry = { page, link, orphan };
    if (pagePayload(link).entity === 'traject') {
      if (!group.row || (group.row.orphan && editedAt(page) > editedAt(group.row.page))) group.row = entry;
    } else if (pagePayload(link).entity === 'checklist') group.items.push(entry);
    groups.set(link.trajectId, group);
  }

  const changes: InboundChange[] = [];
  const touched = new Set<string>();
  for (const [trajectId, group] of groups) {
    let record: TrajectRecord;
    try {
      record = await context.ports.trajects.get(trajectId, { kind: 'all' });
    } catch (error) {
      if (isVisielerenError(error) && error.code === 'NOT_FOUND') continue;
      throw error;
    }
    const overruledBefore = context.overruled.length;
    const found = await pullTraject(context, record, group);
    changes.push(...found);
    // Anything read back or overruled: the push of this traject settles Notion (hashes make it cheap).
    if (found.length > 0 || context.overruled.length > overruledBefore) touched.add(trajectId);
  }
  for (const orphan of orphans) {
    touched.add(orphan.trajectId);
    context.operations.push({
      trajectId: orphan.trajectId,
      kind: 'pagina-samengevoegd',
      target: orphan.label,
    });
    if (context.dryRun) continue;
    await context.gateway.updatePage(orphan.page.id, { in_trash: true }, (page) => page.in_trash === true);
  }
  return { changes, touched };
}

async function pullTraject(
  context: SyncContext,
  record: TrajectRecord,
  group: EditedGroup,
): Promise<InboundChange[]> {
  const changes: InboundChange[] = [];
  const rowPayload = group.row ? pagePayload(group.row.link) : undefined;
  const desired = renderTraject(record, context.today);

  // One-way fields someone changed in Notion: put back by this run's push, with a comment saying why.
  if (group.row && !group.row.orphan) {
    context.overruled.push(
      ...(await findOneWayEdits(
        context,
        record.id,
        'trajecten',
        group.row.page,
        group.row.link,
        desired.row.properties,
      )),
    );
  }
  for (const item of group.items.filter((candidate) => !candidate.orphan)) {
    const row = desired.rows.find((candidate) => candidate.entityId === pagePayload(item.link).entityId);
    context.overruled.push(
      ...(await findOneWayEdits(context, record.id, 'checklist', item.page, item.link, row?.properties)),
    );
  }

  // Status, from the traject's row.
  const statusValue = group.row
    ? context.schema.valueOf(group.row.page, 'trajecten', TRAJECT_PROPERTIES.status)
    : undefined;
  if (group.row && rowPayload && statusValue) {
    const label = selectName(statusValue);
    const status = label ? STATUS_BY_LABEL.get(label) : undefined;
    // Judged from the status the editor saw (the last one synced): a store change since is the conflict rule's.
    const seen = (rowPayload.synced?.status as TrajectStatus | undefined) ?? record.status;
    const refused = status ? statusStepRefusal(seen, status) : undefined;
    if (!status) {
      await overruleStatus(context, record, group.row.page, group.row.link, label, undefined);
    } else if (status !== rowPayload.synced?.status && refused) {
      await overruleStatus(context, record, group.row.page, group.row.link, label, refused);
    } else if (status !== rowPayload.synced?.status) {
      const change = await settle(context, record, {
        field: 'status',
        pageId: group.row.page.id,
        fieldLabel: TRAJECT_PROPERTIES.status,
        readable: (value) => TRAJECT_STATUS_LABELS[value as TrajectStatus]?.nl ?? String(value),
        synced: rowPayload.synced?.status,
        store: record.status,
        storeAt: context.storeChangedAt.get(record.id)?.status ?? record.updatedAt,
        notion: { value: status, editedAt: editedAt(group.row.page), userId: editor(group.row.page) },
        apply: (actor) =>
          context.ports.trajects
            .setStatus(record.id, status as TrajectStatus, { actor })
            .then(() => undefined),
      });
      if (change) changes.push(change);
      // From an orphan the kept row still shows the old status: left unsynced, so the push writes it.
      if (!context.dryRun && !group.row.orphan) {
        await updateLinkPayload<PagePayload>(
          context.ports.links,
          PAGE_LINK,
          group.row.link.externalId,
          (current) => ({
            ...current,
            synced: { ...(current.synced ?? {}), status },
          }),
        );
      }
    }
  }

  // To-dos in the dossier: read only when the page may have changed since we last knew all of it.
  const todoValues = new Map<string, NotionValue<boolean>>();
  // Only dossiers written by earlier versions have to-dos (now the Checklist rows are the one form).
  const hasTodos = (rowPayload?.dossier?.blocks ?? []).some((block) => itemIdOfTodoKey(block.key));
  if (
    group.row &&
    !group.row.orphan &&
    rowPayload &&
    hasTodos &&
    mayHaveChanged(rowPayload, group.row.page)
  ) {
    const pageId = group.row.link.externalId;
    const children = await context.gateway.listChildren(pageId);
    const recorded = rowPayload.dossier?.blocks ?? [];
    const idToKey = new Map(recorded.filter((block) => block.id).map((block) => [block.id!, block.key]));
    if (recorded.some((block) => !block.id)) {
      // Made with the page, so their ids were never returned: find them by their text, once.
      const found = new Map(
        matchRecorded(recorded, children)
          .filter((block) => block.id)
          .map((block) => [block.key, { id: block.id! }]),
      );
      for (const [key, child] of found) idToKey.set(child.id, key);
      if (!context.dryRun) {
        await updateLinkPayload<PagePayload>(context.ports.links, PAGE_LINK, pageId, (current) => ({
          ...current,
          ...(current.dossier
            ? {
                dossier: {
                  blocks: current.dossier.blocks.map((block) =>
                    block.id || !found.has(block.key) ? block : { ...block, id: found.get(block.key)!.id },
                  ),
                },
              }
            : {}),
        }));
      }
    }
    for (const child of children) {
      const key = idToKey.get(child.id);
      const itemId = key ? itemIdOfTodoKey(key) : undefined;
      const signature = signatureOfNotionBlock(child);
      if (itemId && signature.checked !== undefined) {
        todoValues.set(itemId, {
          value: signature.checked,
          editedAt: editedAt(child),
          userId: editor(child),
        });
      }
    }
    if (!context.dryRun) {
      const knownAt = nowIso(context);
      await updateLinkPayload<PagePayload>(context.ports.links, PAGE_LINK, pageId, (current) => ({
        ...current,
        lastEditedTime: editedAt(group.row!.page),
        knownAt,
      }));
    }
  }

  // Ticks from the to-dos and from the Checklist rows: a change on either side of Notion counts.
  const rowValues = new Map<
    string,
    { value: NotionValue<boolean>; link: PlatformLinkRecord; orphan: boolean }
  >();
  for (const item of group.items) {
    const done = checkboxValue(context.schema.valueOf(item.page, 'checklist', 'Gedaan'));
    const itemId = pagePayload(item.link).entityId.slice(record.id.length + 1);
    const seen = rowValues.get(itemId);
    // The kept row and an orphan both edited: the later edit is what Notion means.
    if (seen && seen.value.editedAt > editedAt(item.page)) continue;
    if (done !== undefined) {
      rowValues.set(itemId, {
        value: { value: done, editedAt: editedAt(item.page), userId: editor(item.page) },
        link: item.link,
        orphan: item.orphan,
      });
    }
  }
  const syncedChecks = rowPayload?.synced?.checks ?? {};
  const newChecks: Record<string, boolean> = {};
  const itemIds = new Set([...todoValues.keys(), ...rowValues.keys()]);
  for (const itemId of itemIds) {
    const fromTodo = todoValues.get(itemId);
    const fromRow = rowValues.get(itemId);
    const todoChanged = fromTodo !== undefined && fromTodo.value !== syncedChecks[itemId];
    const rowChanged =
      fromRow !== undefined && fromRow.value.value !== pagePayload(fromRow.link).synced?.done;
    if (fromTodo && todoChanged) newChecks[itemId] = fromTodo.value;
    if (!todoChanged && !rowChanged) continue;
    // Both sides of Notion changed and disagree: the later edit is what Notion means.
    const notion =
      todoChanged && rowChanged
        ? fromTodo!.editedAt >= fromRow!.value.editedAt
          ? fromTodo!
          : fromRow!.value
        : todoChanged
          ? fromTodo!
          : fromRow!.value;
    const state = record.checklist.find((item) => item.itemId === itemId);
    const synced = todoChanged ? syncedChecks[itemId] : pagePayload(fromRow!.link).synced?.done;
    const change = await settle(context, record, {
      field: 'checklist',
      itemId,
      pageId: todoChanged ? (group.row?.page.id ?? fromRow!.link.externalId) : fromRow!.link.externalId,
      fieldLabel: `Gedaan (${state ? itemTextOf(desired, itemId) : itemId})`,
      readable: (value) => (value === true ? 'gedaan' : 'niet gedaan'),
      synced,
      store: state?.done === true,
      storeAt: state?.doneAt ?? record.updatedAt,
      notion,
      apply: async (actor) => {
        const by = await personName(context, notion.userId);
        await context.ports.trajects.setChecklistItem(
          record.id,
          { itemId, done: notion.value, by, at: notion.editedAt || nowIso(context) },
          { actor },
        );
      },
    });
    if (change) changes.push(change);
    if (fromRow && rowChanged && !fromRow.orphan && !context.dryRun) {
      await updateLinkPayload<PagePayload>(
        context.ports.links,
        PAGE_LINK,
        fromRow.link.externalId,
        (current) => ({
          ...current,
          synced: { ...(current.synced ?? {}), done: fromRow.value.value },
        }),
      );
    }
  }
  if (group.row && Object.keys(newChecks).length > 0 && !context.dryRun) {
    await updateLinkPayload<PagePayload>(
      context.ports.links,
      PAGE_LINK,
      group.row.link.externalId,
      (current) => ({
        ...current,
        synced: { ...(current.synced ?? {}), checks: { ...(current.synced?.checks ?? {}), ...newChecks } },
      }),
    );
  }
  return changes;
}

/**
 * The name people know someone by, for "afgevinkt door": Notion's users endpoint, once per person per run.
 * The audit log keeps the Notion user id (the actor); a name is what a reader of the checklist needs.
 */
async function personName(context: SyncContext, userId: string | undefined): Promise<string> {
  if (!userId) return 'iemand in Notion';
  const known = context.people.get(userId);
  if (known) return known;
  let name = 'iemand in Notion';
  try {
    const user = await context.gateway.retrieveUser(userId);
    if (typeof user.name === 'string' && user.name.trim() !== '') name = `${user.name.trim()} (Notion)`;
  } catch (error) {
    // Without the "read user information" capability Notion refuses; the tick still counts.
    if (!(error instanceof NotionRefusedError)) throw error;
  }
  context.people.set(userId, name);
  return name;
}

interface EditedPage {
  page: NotionObject;
  link: PlatformLinkRecord;
  /** A duplicate of the linked page (same Visieleren-id): its edits are merged, then it is trashed. */
  orphan: boolean;
}

interface EditedGroup {
  row?: EditedPage;
  items: EditedPage[];
}

/** The link of the row we keep for a page that carries one of our ids but is not the linked page. */
async function keeperOf(
  context: SyncContext,
  source: 'trajecten' | 'checklist',
  page: NotionObject,
): Promise<PlatformLinkRecord | undefined> {
  const ourId = textValue(context.schema.valueOf(page, source, ID_PROPERTY));
  if (!ourId) return undefined;
  const trajectId = ourId.split(':')[0]!;
  const entity = source === 'trajecten' ? 'traject' : 'checklist';
  const links = await context.ports.links.listForTraject(trajectId);
  return links.find(
    (link) =>
      link.kind === PAGE_LINK &&
      link.externalId !== page.id &&
      pagePayload(link).entity === entity &&
      pagePayload(link).entityId === ourId,
  );
}

/** Whether a page's content may differ from what we know: edited since, or edited in the minute we looked. */
function mayHaveChanged(payload: PagePayload, page: NotionObject): boolean {
  const edited = editedAt(page);
  if (!payload.lastEditedTime || !payload.knownAt || edited !== payload.lastEditedTime) return true;
  return Date.parse(payload.knownAt) < Date.parse(edited) + EDIT_TIME_GRANULARITY_MS;
}

/**
 * One field changed in Notion: when the store still has the value of the last sync, Notion's change is
 * applied (named after the Notion user); when the store changed too, to another value, the newest wins
 * and the other is written to the audit log.
 */
async function settle<T extends string | boolean>(
  context: SyncContext,
  record: TrajectRecord,
  input: {
    field: 'status' | 'checklist';
    itemId?: string;
    /** The page the edit was made on, and how the field and its values read for a person. */
    pageId: string;
    fieldLabel: string;
    readable: (value: T) => string;
    synced: T | undefined;
    store: T;
    storeAt: string;
    notion: NotionValue<T>;
    apply: (actor: string) => Promise<void>;
  },
): Promise<InboundChange | undefined> {
  const { notion, store } = input;
  if (store === notion.value) return undefined;
  const actor = notionActor(notion.userId);
  const base = {
    trajectId: record.id,
    field: input.field,
    ...(input.itemId ? { itemId: input.itemId } : {}),
    value: notion.value,
    actor,
  };
  const storeChanged = input.synced !== undefined && store !== input.synced;
  if (!storeChanged) {
    if (!context.dryRun) await input.apply(actor);
    return base;
  }
  // Changed on both sides. Notion's time is rounded down to the minute, so a tie goes to the store.
  const notionNewer = Date.parse(notion.editedAt) > Date.parse(input.storeAt);
  const kept = notionNewer ? 'notion' : 'visieleren';
  if (!context.dryRun) {
    if (notionNewer) await input.apply(actor);
    await context.ports.audit.append({
      actor: NOTION_SYNC_ACTOR,
      action: 'notion.conflict',
      trajectId: record.id,
      detail: {
        field: input.field,
        ...(input.itemId ? { itemId: input.itemId } : {}),
        kept,
        keptValue: notionNewer ? notion.value : store,
        discardedValue: notionNewer ? store : notion.value,
        notionUser: actor,
        notionEditedAt: notion.editedAt,
        storeChangedAt: input.storeAt,
      },
    });
  }
  if (!notionNewer) {
    // The person's edit lost (often: the same minute, which Notion's rounded edit time cannot order).
    context.overruled.push({
      trajectId: record.id,
      pageId: input.pageId,
      reason: 'conflict',
      field: input.fieldLabel,
      notionValue: input.readable(notion.value),
      keptValue: input.readable(store),
      notionUser: actor,
    });
  }
  return { ...base, conflict: { kept, discarded: notionNewer ? store : notion.value } };
}

/**
 * Why core's status machine does not take this status from Notion, or undefined when it does. Notion has no
 * place for a reason, so a step that needs one (stopping, closing) is done in the console or the CLI; so is the
 * aanmelding's decision, which comes with its form. The people editing the dossiers are the VNG team.
 */
function statusStepRefusal(from: TrajectStatus, to: TrajectStatus): string | undefined {
  if (from === to) return undefined;
  const step = stepBetween(from, to);
  if (!step) {
    return `van ${TRAJECT_STATUS_LABELS[from].nl} kan een traject niet naar ${TRAJECT_STATUS_LABELS[to].nl}`;
  }
  if (step === 'accepteren' || step === 'afwijzen') {
    return 'een aanmelding accepteren of afwijzen gaat in de console van Visieleren, met het aanmeldformulier';
  }
  if (TRAJECT_STEPS[step].needsReason) {
    return `${TRAJECT_STEPS[step].label.nl.toLowerCase()} vraagt een reden: doe het in de console of met "visieleren traject status … --reden"`;
  }
  return undefined;
}

/** A status Visieleren does not know (`refusal` undefined) or does not take from Notion: written back, audited. */
async function overruleStatus(
  context: SyncContext,
  record: TrajectRecord,
  page: NotionObject,
  link: PlatformLinkRecord,
  label: string | undefined,
  refusal: string | undefined,
): Promise<void> {
  const entry = {
    trajectId: record.id,
    pageId: page.id,
    reason: refusal ? ('statusstap' as const) : ('onbekende-status' as const),
    field: TRAJECT_PROPERTIES.status,
    notionValue: label ? `"${label}"` : '(leeg)',
    keptValue: TRAJECT_STATUS_LABELS[record.status].nl,
    ...(refusal ? { why: refusal } : {}),
    ...editorOf(page),
  };
  context.overruled.push(entry);
  if (context.dryRun) return;
  await context.ports.audit.append({
    actor: NOTION_SYNC_ACTOR,
    action: refusal ? 'notion.status.geweigerd' : 'notion.status.onbekend',
    trajectId: record.id,
    detail: {
      notionValue: label ?? null,
      keptValue: record.status,
      notionUser: entry.notionUser ?? null,
      ...(refusal ? { why: refusal } : {}),
    },
  });
  await updateLinkPayload<PagePayload>(context.ports.links, PAGE_LINK, link.externalId, (current) => {
    const { status: _overruled, ...synced } = current.synced ?? {};
    return { ...current, synced };
  });
}

function itemTextOf(desired: DesiredTraject, itemId: string): string {
  const row = desired.rows.find((candidate) => candidate.entityId === `${desired.trajectId}:${itemId}`);
  return row
    ? String(textValue(row.properties.Actiepunt as Record<string, unknown>))
        .split(' · ')
        .slice(1)
        .join(' · ')
    : itemId;
}
