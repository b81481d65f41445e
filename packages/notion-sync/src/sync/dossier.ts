import { isGoneInNotion } from '../client/errors.js';
import type { NotionObject } from '../client/gateway.js';
import { MAX_CHILDREN_PER_REQUEST } from '../limits.js';
import {
  blockBody,
  blockForNotion,
  blockHash,
  type DossierBlock,
  signatureOf,
  signatureOfNotionBlock,
} from '../render/blocks.js';
import { canonicalJson } from '../render/hash.js';
import { type DesiredTraject, itemIdOfTodoKey } from '../render/traject.js';
import type { SyncContext } from './context.js';
import { PAGE_LINK, type PagePayload, type RecordedBlock, updateLinkPayload } from './link-state.js';

/** A block's one-way content: for a to-do its text, not its tick (kept as `synced.checks`). */
export function oneWayHash(block: DossierBlock): string {
  return blockHash({ ...signatureOf(block), checked: undefined });
}

function matchKey(signature: { type: string; text: string }): string {
  return canonicalJson({ type: signature.type, text: signature.text });
}

/**
 * Finds our blocks among a page's children, in order, by type and text (a tick does not matter): what a page
 * made with its dossier, or a crashed append, left. Children we do not recognise are people's own notes.
 */
export function matchBlocks(
  wanted: readonly DossierBlock[],
  children: readonly NotionObject[],
): Map<string, NotionObject> {
  const found = new Map<string, NotionObject>();
  let from = 0;
  for (const block of wanted) {
    const key = matchKey(signatureOf(block));
    for (let index = from; index < children.length; index++) {
      if (matchKey(signatureOfNotionBlock(children[index]!)) === key) {
        found.set(block.key, children[index]!);
        from = index + 1;
        break;
      }
    }
  }
  return found;
}

/**
 * What we wrote, found among a page's children by the hash we recorded (its text may differ from what we
 * want now), in order; blocks not found are left out.
 */
export function matchRecorded(
  recorded: readonly RecordedBlock[],
  children: readonly NotionObject[],
): RecordedBlock[] {
  const blocks: RecordedBlock[] = [];
  let from = 0;
  for (const block of recorded) {
    if (block.id) {
      blocks.push(block);
      continue;
    }
    for (let index = from; index < children.length; index++) {
      const signature = signatureOfNotionBlock(children[index]!);
      if (blockHash({ ...signature, checked: undefined }) === block.hash) {
        blocks.push({ ...block, id: children[index]!.id });
        from = index + 1;
        break;
      }
    }
  }
  return blocks;
}

/** The dossier's blocks with their ids: from the link, or from reading the page once when some are unknown. */
export async function recordedWithIds(
  context: SyncContext,
  pageId: string,
  payload: PagePayload,
  desired: DesiredTraject,
): Promise<{ blocks: RecordedBlock[]; children?: NotionObject[] }> {
  const recorded = payload.dossier?.blocks;
  if (recorded?.every((block) => block.id)) return { blocks: recorded };
  const children = await context.gateway.listChildren(pageId);
  if (recorded) return { blocks: matchRecorded(recorded, children), children };
  // Nothing recorded (a crashed run): what we want now, by its text.
  const found = matchBlocks(desired.dossier, children);
  const blocks: RecordedBlock[] = [];
  for (const block of desired.dossier) {
    const child = found.get(block.key);
    if (child) blocks.push({ key: block.key, hash: oneWayHash(block), id: child.id });
  }
  return { blocks, children };
}

/**
 * Brings the dossier in the traject's page up to date: only blocks whose content changed are written, new
 * blocks go in their place, blocks we no longer show are deleted. Each write is recorded before the next.
 */
export async function pushDossier(
  context: SyncContext,
  pageId: string,
  payload: PagePayload,
  desired: DesiredTraject,
): Promise<void> {
  const checks = payload.synced?.checks ?? {};
  const desiredKeys = new Set(desired.dossier.map((block) => block.key));
  const recordedByKey = new Map((payload.dossier?.blocks ?? []).map((block) => [block.key, block]));
  const needsWrite =
    !payload.dossier ||
    payload.dossier.blocks.some((block) => !desiredKeys.has(block.key)) ||
    desired.dossier.some((block) => {
      const recorded = recordedByKey.get(block.key);
      if (!recorded || recorded.hash !== oneWayHash(block)) return true;
      const itemId = itemIdOfTodoKey(block.key);
      return itemId !== undefined && checks[itemId] !== block.checked;
    });
  if (!needsWrite) return;

  if (context.dryRun) {
    describeDossierDiff(context, desired, payload);
    return;
  }

  const { blocks: known, children } = await recordedWithIds(context, pageId, payload, desired);
  const byKey = new Map(known.map((block) => [block.key, block]));
  // When we had to read the page, its to-dos show what Notion has now; adopt that as the synced state.
  const synced: Record<string, boolean> = { ...checks };
  if (children && !payload.dossier) {
    for (const child of children) {
      const signature = signatureOfNotionBlock(child);
      const block = desired.dossier.find((candidate) => byKey.get(candidate.key)?.id === child.id);
      const itemId = block ? itemIdOfTodoKey(block.key) : undefined;
      if (itemId && signature.checked !== undefined) synced[itemId] = signature.checked;
    }
  }
  let state: { blocks: RecordedBlock[]; checks: Record<string, boolean> } = { blocks: known, checks: synced };
  const save = async () => {
    await updateLinkPayload<PagePayload>(context.ports.links, PAGE_LINK, pageId, (current) => ({
      ...current,
      dossier: { blocks: orderLike(desired.dossier, state.blocks) },
      synced: { ...(current.synced ?? {}), checks: state.checks },
      // Our block writes changed the page: its edit time must be read again before it is trusted.
      lastEditedTime: undefined,
    }));
  };
  await save();

  // Deletions first, so an insert never lands next to a block about to go.
  for (const block of known.filter((candidate) => !desiredKeys.has(candidate.key))) {
    if (block.id) await context.gateway.deleteBlock(block.id);
    state = { ...state, blocks: state.blocks.filter((candidate) => candidate.key !== block.key) };
    context.operations.push({ trajectId: desired.trajectId, kind: 'blok-verwijderen', target: block.key });
    await save();
  }

  // Updates in place.
  for (const block of desired.dossier) {
    const recorded = byKey.get(block.key);
    if (!recorded?.id) continue;
    const itemId = itemIdOfTodoKey(block.key);
    const tickDiffers = itemId !== undefined && state.checks[itemId] !== block.checked;
    if (recorded.hash === oneWayHash(block) && !tickDiffers) continue;
    const wanted = signatureOf(block);
    try {
      await context.gateway.updateBlock(recorded.id, { [block.type]: blockBody(block) }, (answer) => {
        const actual = signatureOfNotionBlock(answer);
        return canonicalJson(actual) === canonicalJson(wanted);
      });
    } catch (error) {
      if (!isGoneInNotion(error)) throw error;
      await throwIfPageGone(context, pageId);
      // Someone deleted this block: it is made again below, in its place.
      state = { ...state, blocks: state.blocks.filter((candidate) => candidate.key !== block.key) };
      await save();
      continue;
    }
    state = {
      blocks: state.blocks.map((candidate) =>
        candidate.key === block.key ? { ...candidate, hash: oneWayHash(block) } : candidate,
      ),
      checks: itemId !== undefined ? { ...state.checks, [itemId]: block.checked === true } : state.checks,
    };
    context.operations.push({ trajectId: desired.trajectId, kind: 'blok-bijwerken', target: block.key });
    await save();
  }

  // Inserts: runs of missing blocks, each appended after the block before it.
  let index = 0;
  while (index < desired.dossier.length) {
    const block = desired.dossier[index]!;
    if (state.blocks.some((candidate) => candidate.key === block.key)) {
      index++;
      continue;
    }
    const run: DossierBlock[] = [];
    while (
      index < desired.dossier.length &&
      run.length < MAX_CHILDREN_PER_REQUEST &&
      !state.blocks.some((candidate) => candidate.key === desired.dossier[index]!.key)
    ) {
      run.push(desired.dossier[index]!);
      index++;
    }
    const before = desired.dossier[index - run.length - 1];
    const after = before ? state.blocks.find((candidate) => candidate.key === before.key)?.id : undefined;
    let created: NotionObject[];
    try {
      created = await appendBlocks(context, pageId, run, after);
    } catch (error) {
      if (isGoneInNotion(error)) await throwIfPageGone(context, pageId);
      throw error;
    }
    state = {
      blocks: [
        ...state.blocks,
        ...run.map((item, position) => ({
          key: item.key,
          hash: oneWayHash(item),
          id: created[position]?.id,
        })),
      ],
      checks: {
        ...state.checks,
        ...Object.fromEntries(
          run
            .filter((item) => itemIdOfTodoKey(item.key) !== undefined)
            .map((item) => [itemIdOfTodoKey(item.key)!, item.checked === true]),
        ),
      },
    };
    context.operations.push({
      trajectId: desired.trajectId,
      kind: 'blokken-toevoegen',
      target: 'dossier',
      fields: run.map((item) => item.key),
      blocks: run.length,
    });
    await save();
  }
}

/** The traject's page was moved to the trash in Notion: its row is made again, with a fresh dossier. */
export class PageGoneError extends Error {
  constructor(readonly pageId: string) {
    super(`page ${pageId} is gone`);
  }
}

async function throwIfPageGone(context: SyncContext, pageId: string): Promise<void> {
  let page: NotionObject;
  try {
    page = await context.gateway.retrievePage(pageId);
  } catch (error) {
    if (isGoneInNotion(error)) throw new PageGoneError(pageId);
    throw error;
  }
  if (page.in_trash === true || page.archived === true) throw new PageGoneError(pageId);
}

/** Appends blocks; a lost answer is settled by finding them on the page (or in Notion's 503 details). */
export async function appendBlocks(
  context: SyncContext,
  pageId: string,
  blocks: readonly DossierBlock[],
  after: string | undefined,
): Promise<NotionObject[]> {
  return context.gateway.appendChildren(pageId, blocks.map(blockForNotion), after, async (lost) => {
    if (lost.committedChildIds && lost.committedChildIds.length === blocks.length) {
      return lost.committedChildIds.map((id) => ({ id }));
    }
    const children = await context.gateway.listChildren(pageId);
    const start = after ? children.findIndex((child) => child.id === after) + 1 : 0;
    const found = matchBlocks(blocks, children.slice(start));
    if (found.size !== blocks.length) return undefined;
    return blocks.map((block) => found.get(block.key)!);
  });
}

function orderLike(desired: readonly DossierBlock[], blocks: readonly RecordedBlock[]): RecordedBlock[] {
  const position = new Map(desired.map((block, index) => [block.key, index]));
  return [...blocks].sort((a, b) => (position.get(a.key) ?? 1e9) - (position.get(b.key) ?? 1e9));
}

function describeDossierDiff(context: SyncContext, desired: DesiredTraject, payload: PagePayload): void {
  const recorded = new Map((payload.dossier?.blocks ?? []).map((block) => [block.key, block]));
  const checks = payload.synced?.checks ?? {};
  const desiredKeys = new Set(desired.dossier.map((block) => block.key));
  const added = desired.dossier.filter((block) => !recorded.has(block.key)).map((block) => block.key);
  for (const block of desired.dossier) {
    const known = recorded.get(block.key);
    if (!known) continue;
    const itemId = itemIdOfTodoKey(block.key);
    if (known.hash !== oneWayHash(block) || (itemId !== undefined && checks[itemId] !== block.checked)) {
      context.operations.push({ trajectId: desired.trajectId, kind: 'blok-bijwerken', target: block.key });
    }
  }
  for (const key of recorded.keys()) {
    if (!desiredKeys.has(key)) {
      context.operations.push({ trajectId: desired.trajectId, kind: 'blok-verwijderen', target: key });
    }
  }
  if (added.length > 0) {
    context.operations.push({
      trajectId: desired.trajectId,
      kind: 'blokken-toevoegen',
      target: 'dossier',
      fields: added,
      blocks: added.length,
    });
  }
}
