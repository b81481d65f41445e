import { amsterdamDate, CLOSED_STATUSES } from '@visieleren/core';
import {
  NotionBlockCapError,
  NotionRefusedError,
  NotionUnavailableError,
  SyncAbortedError,
} from '../client/errors.js';
import type { NotionGateway } from '../client/gateway.js';
import { CHANGE_FEED_OVERLAP, FREE_WORKSPACE_BLOCK_CAP, INBOUND_OVERLAP_MS } from '../limits.js';
import { type BlockEstimate, estimateBlocks } from './blocks.js';
import type { Operation, SyncContext } from './context.js';
import { commentOnOverruled, type Overruled } from './divergence.js';
import { type InboundChange, pullFromNotion } from './inbound.js';
import { busyError, HEARTBEAT_MS, isStale, newOwner, releaseOwner } from './lease.js';
import { pushTraject } from './outbound.js';
import { NOTION_SYNC_ACTOR, type NotionSyncPorts } from './ports.js';
import { loadSchema, type SchemaProblem } from './schema.js';
import { findWorkspace, updateSyncState } from './workspace-state.js';

export type SyncEvent =
  | { type: 'begin'; trajects: number; recovery: boolean; dryRun: boolean }
  | { type: 'inbound'; change: InboundChange }
  | { type: 'traject'; index: number; total: number; trajectId: string; name: string; writes: number }
  | { type: 'end'; report: SyncReport };

export interface SyncOptions {
  ports: NotionSyncPorts;
  gateway: NotionGateway;
  /** Only this traject (no change feed, the cursor stays where it is). */
  trajectId?: string;
  dryRun?: boolean;
  onEvent?: (event: SyncEvent) => void;
}

export interface SyncReport {
  dryRun: boolean;
  /** The previous run had not finished; pages it may have made were looked for before anything was made. */
  recovered: boolean;
  synced: Array<{ trajectId: string; name: string; writes: number }>;
  /** Trajects not (fully) synced because the run stopped. */
  notSynced: string[];
  /** Trajects that failed on their own (the others were synced); tried again by the next run. */
  failed: Array<{ trajectId: string; message: string }>;
  /** What this run overruled in Notion, each told in a comment on its page. */
  overruled: Overruled[];
  /** Our properties someone deleted or gave another type in Notion: left out, reported by name. */
  schemaProblems: SchemaProblem[];
  /** False when a traject failed, a property is unusable or the run stopped: the job ends as failed. */
  ok: boolean;
  /** New blocks this run made (or, in a dry run, would make), and the workspace's estimate beside the cap. */
  blocks: { created: number } & BlockEstimate;
  inbound: InboundChange[];
  operations: Operation[];
  requests: { reads: number; writes: number; rateLimited: number; readBacks: number; waitedMs: number };
  /** The write requests the operations take (in a dry run: what it would write; one per operation). */
  plannedWrites: number;
  /** Set when the run stopped early, with the Dutch explanation. */
  stopped?: { reason: 'block-cap'; message: string };
}

/**
 * One sync: first what people changed in Notion (so their ticks are not overwritten), then every traject
 * the change feed names (plus, once a day, every open traject: forecasts move with the date). Each traject is
 * written only where its content hash differs from what Notion has. The feed cursor and the inbound window
 * move only when a run completes, so a crashed run is simply done again, finding back what it made.
 */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  const owner = newOwner();
  try {
    return await runSyncAs(owner, options);
  } catch (error) {
    // A run that fails clears its "running" marker, so the next one is not taken for a recovery.
    if (options.dryRun !== true) await clearMarker(options.ports, owner).catch(() => undefined);
    throw error;
  } finally {
    releaseOwner(owner);
  }
}

async function clearMarker(ports: NotionSyncPorts, owner: string): Promise<void> {
  const workspace = await findWorkspace(ports.links);
  if (workspace.payload.sync?.running?.owner !== owner) return;
  await updateSyncState(ports.links, workspace, (current) => {
    if (current.running?.owner !== owner) return current;
    const { running: _failed, ...rest } = current;
    return rest;
  });
}

/** Errors that end the whole run (no other traject can do better); everything else fails one traject. */
function endsTheRun(error: unknown): boolean {
  return (
    error instanceof SyncAbortedError ||
    error instanceof NotionUnavailableError ||
    (error instanceof NotionRefusedError &&
      (error.status === 401 || error.status === 429 || error.status === 529)) ||
    (error instanceof Error && 'code' in error && error.code === 'CONFLICT')
  );
}

async function runSyncAs(owner: string, options: SyncOptions): Promise<SyncReport> {
  const { ports, gateway } = options;
  const dryRun = options.dryRun === true;
  const workspace = await findWorkspace(ports.links);
  const startedAt = ports.clock.now();
  const today = amsterdamDate(startedAt);
  const state = workspace.payload.sync ?? { cursor: 0 };
  const recovery = state.running !== undefined;
  let lastBeat = startedAt.getTime();
  if (!dryRun) {
    await updateSyncState(ports.links, workspace, (current) => {
      if (current.running && !isStale(current.running, owner, startedAt)) throw busyError(current.running);
      return { ...current, running: { startedAt: startedAt.toISOString(), owner } };
    });
  }
  /** Refreshes the run marker now and then; stops when another run has taken it over. */
  const heartbeat = async () => {
    const now = ports.clock.now();
    if (dryRun || now.getTime() - lastBeat < HEARTBEAT_MS) return;
    lastBeat = now.getTime();
    await updateSyncState(ports.links, workspace, (current) => {
      if (current.running?.owner !== owner) throw busyError(current.running ?? { startedAt: '?' });
      return { ...current, running: { ...current.running, heartbeatAt: now.toISOString() } };
    });
  };
  const schema = await loadSchema(gateway, ports.links, workspace, { record: !dryRun });
  const context: SyncContext = {
    ports,
    gateway,
    workspace,
    schema,
    dryRun,
    recovery,
    today,
    operations: [],
    overruled: [],
    storeChangedAt: new Map(),
    people: new Map(),
  };

  // The store's changes since the last complete run: which trajects to push, and when each two-way field
  // changed here (a conflict is judged per field, not by the traject's last change of any kind).
  let cursor = state.cursor;
  const fromFeed = new Set<string>();
  let position = Math.max(0, state.cursor - CHANGE_FEED_OVERLAP);
  for (;;) {
    const page = await ports.changes.changesSince(position);
    for (const change of page.changes) {
      fromFeed.add(change.trajectId);
      if (change.action === 'traject.status') {
        const times = context.storeChangedAt.get(change.trajectId) ?? {};
        if (!times.status || change.at > times.status) times.status = change.at;
        context.storeChangedAt.set(change.trajectId, times);
      }
    }
    cursor = Math.max(cursor, page.cursor);
    if (page.changes.length === 0 || page.cursor <= position) break;
    position = page.cursor;
  }

  const inbound: InboundChange[] = [];
  const touched = new Set<string>();
  if (state.inboundSince) {
    const since = new Date(Date.parse(state.inboundSince) - INBOUND_OVERLAP_MS).toISOString();
    const pulled = await pullFromNotion(context, since, options.trajectId);
    inbound.push(...pulled.changes);
    for (const id of pulled.touched) touched.add(id);
    for (const change of pulled.changes) options.onEvent?.({ type: 'inbound', change });
  }

  const candidates = new Set<string>(touched);
  if (!options.trajectId) for (const id of state.retry ?? []) candidates.add(id);
  let fullPass = false;
  if (options.trajectId) {
    candidates.add(options.trajectId);
  } else {
    for (const id of fromFeed) candidates.add(id);
    if (state.lastFullDate !== today) {
      fullPass = true;
      const all = await ports.trajects.list({ kind: 'all' });
      for (const traject of all) {
        // The first run takes everything; later daily passes only what can still move.
        if (!state.lastFullDate || !CLOSED_STATUSES.has(traject.status)) candidates.add(traject.id);
      }
    }
  }

  const order = [...candidates].sort();
  options.onEvent?.({ type: 'begin', trajects: order.length, recovery, dryRun });
  const report: SyncReport = {
    dryRun,
    recovered: recovery,
    synced: [],
    notSynced: [],
    failed: [],
    schemaProblems: schema.problems,
    ok: true,
    blocks: { created: 0, total: 0, trajects: 0, cap: 0 },
    inbound,
    overruled: context.overruled,
    operations: context.operations,
    requests: { reads: 0, writes: 0, rateLimited: 0, readBacks: 0, waitedMs: 0 },
    plannedWrites: 0,
  };

  for (const [index, trajectId] of order.entries()) {
    await heartbeat();
    try {
      const result = await pushTraject(context, trajectId);
      report.synced.push({ trajectId, name: result.name, writes: result.writes });
      options.onEvent?.({
        type: 'traject',
        index: index + 1,
        total: order.length,
        trajectId,
        name: result.name,
        writes: result.writes,
      });
    } catch (error) {
      if (error instanceof NotionBlockCapError) {
        report.notSynced = order.slice(index);
        report.stopped = { reason: 'block-cap', message: blockCapMessage(report) };
        break;
      }
      if (endsTheRun(error)) throw error;
      // This traject fails on its own; the others are synced, and the next run tries it again.
      report.failed.push({
        trajectId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  // Now that the pushes have put things back, tell the people whose edits were overruled, on the page.
  try {
    await commentOnOverruled(context, context.overruled);
  } catch (error) {
    if (endsTheRun(error)) throw error;
    report.failed.push({
      trajectId: context.overruled[0]?.trajectId ?? '',
      message: `reactie in Notion niet geplaatst: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  report.plannedWrites = context.operations.filter(
    (operation) => operation.kind !== 'pagina-overgenomen',
  ).length;
  report.blocks = {
    created: context.operations.reduce((sum, operation) => sum + (operation.blocks ?? 0), 0),
    ...(await estimateBlocks(ports, today)),
  };
  report.ok = report.failed.length === 0 && report.schemaProblems.length === 0 && !report.stopped;

  Object.assign(report.requests, {
    reads: gateway.stats.reads,
    writes: gateway.stats.writes,
    rateLimited: gateway.stats.rateLimited,
    readBacks: gateway.stats.readBacks,
    waitedMs: gateway.stats.waitedMs,
  });
  if (!dryRun) {
    const complete = !report.stopped && !options.trajectId;
    await updateSyncState(ports.links, workspace, (current) => {
      if (current.running?.owner !== owner) throw busyError(current.running ?? { startedAt: '?' });
      const { running: _finished, ...rest } = current;
      return {
        ...rest,
        ...(complete
          ? {
              cursor,
              inboundSince: startedAt.toISOString(),
              retry: report.failed.map((entry) => entry.trajectId),
            }
          : {}),
        ...(complete && fullPass ? { lastFullDate: today } : {}),
        lastRun: {
          startedAt: startedAt.toISOString(),
          finishedAt: ports.clock.now().toISOString(),
          writes: gateway.stats.writes,
          reads: gateway.stats.reads,
        },
      };
    });
  }
  if (!dryRun && !report.ok) {
    await ports.audit.append({
      actor: NOTION_SYNC_ACTOR,
      action: 'notion.sync.failed',
      detail: {
        failed: report.failed,
        schemaProblems: report.schemaProblems.map((problem) => problem.message),
        ...(report.stopped ? { stopped: report.stopped.reason } : {}),
      },
    });
  }
  options.onEvent?.({ type: 'end', report });
  return report;
}

/** One paragraph for a log line or a failed job: what went wrong, by traject and property name. */
export function failureSummary(report: SyncReport): string {
  return [
    ...(report.stopped ? [report.stopped.message] : []),
    ...report.schemaProblems.map((problem) => problem.message),
    ...report.failed.map((entry) => `Traject ${entry.trajectId} is niet bijgewerkt: ${entry.message}`),
  ].join('\n');
}

function blockCapMessage(report: SyncReport): string {
  const done = report.synced.map((entry) => entry.name);
  return [
    `De Notion-werkruimte heeft de limiet van ${FREE_WORKSPACE_BLOCK_CAP.toLocaleString('nl-NL')} blokken van het gratis abonnement bereikt; de synchronisatie is gestopt.`,
    done.length > 0
      ? `Bijgewerkt: ${done.length} traject(en): ${done.join('; ')}.`
      : 'Er is in deze ronde geen traject volledig bijgewerkt.',
    `Niet (volledig) bijgewerkt: ${report.notSynced.length} traject(en): ${report.notSynced.join(', ')}.`,
    'Wat al in Notion staat blijft kloppen. Kies een betaald Notion-abonnement (of een werkruimte met één lid) en start de synchronisatie opnieuw: die gaat verder waar deze stopte, zonder dubbele pagina’s.',
  ].join('\n');
}
