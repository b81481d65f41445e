import { type PlatformLinkPort, type PlatformLinkRecord, VisielerenError } from '@visieleren/core';
import type { DataSourceKey } from '../workspace-template.js';
import type { ViewKey } from '../workspace-views.js';
import type { RunMarker } from './lease.js';
import { updateLinkPayload, WORKSPACE_LINK } from './link-state.js';

/** Where the sync is, kept in the workspace link so a crashed run is noticed and resumed. */
export interface SyncState {
  /** Change-feed position handled by the last complete run. */
  cursor: number;
  /** When the last complete run read Notion's edits (ISO instant, our clock). */
  inboundSince?: string;
  /** The day (Europe/Amsterdam) of the last pass over every open traject: forecasts move with the date. */
  lastFullDate?: string;
  /** Trajects that failed in the last complete run: the next run takes them again. */
  retry?: string[];
  /** Set while a run writes; still set at the start of the next run means that run crashed. */
  running?: RunMarker;
  lastRun?: { startedAt: string; finishedAt: string; writes: number; reads: number };
}

export interface WorkspacePayload {
  dataSources: Record<DataSourceKey, string>;
  databases?: Partial<Record<DataSourceKey, string>>;
  /** Notion's property ids per data source (our name → id): renames in Notion change nothing for us. */
  properties?: Partial<Record<DataSourceKey, Record<string, string>>>;
  templateVersion?: string;
  /** The two lines on the workspace page on the board and the calendar. */
  guideBlockId?: string;
  /** The views init made (a board of the trajects by status, a calendar of the sessions). */
  views?: Partial<Record<ViewKey, string>>;
  sync?: SyncState;
}

export interface Workspace {
  parentPageId: string;
  payload: WorkspacePayload;
}

export async function findWorkspace(links: PlatformLinkPort): Promise<Workspace> {
  const all = await links.listByKind(WORKSPACE_LINK);
  if (all.length === 0) {
    throw new VisielerenError(
      'CONFIGURATION',
      'Er is nog geen Notion-werkruimte: voer eerst "visieleren notion init --parent <pagina-id>" uit.',
    );
  }
  const link = all[0] as PlatformLinkRecord;
  return { parentPageId: link.externalId, payload: link.payload as unknown as WorkspacePayload };
}

export async function updateSyncState(
  links: PlatformLinkPort,
  workspace: Workspace,
  change: (state: SyncState) => SyncState,
): Promise<SyncState> {
  const written = await updateLinkPayload<WorkspacePayload>(
    links,
    WORKSPACE_LINK,
    workspace.parentPageId,
    (payload) => ({ ...payload, sync: change(payload.sync ?? { cursor: 0 }) }),
  );
  workspace.payload = written.payload as unknown as WorkspacePayload;
  return workspace.payload.sync!;
}
