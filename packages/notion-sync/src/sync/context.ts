import type { NotionGateway } from '../client/gateway.js';
import type { Overruled } from './divergence.js';
import type { NotionSyncPorts } from './ports.js';
import type { WorkspaceSchema } from './schema.js';
import type { Workspace } from './workspace-state.js';

/** One change the sync makes (or, in a dry run, would make) in Notion. */
export interface Operation {
  trajectId: string;
  kind:
    | 'pagina-aanmaken'
    | 'pagina-bijwerken'
    | 'pagina-archiveren'
    | 'blok-bijwerken'
    | 'blokken-toevoegen'
    | 'blok-verwijderen'
    | 'pagina-overgenomen'
    | 'pagina-teruggezet'
    | 'pagina-samengevoegd';
  /** What it is about, readable: `Ede · Kick-off`, `dossier: Plan`. */
  target: string;
  /** Property names or block keys that change. */
  fields?: string[];
  /** New blocks this makes (the Free plan counts them). */
  blocks?: number;
}

export interface SyncContext {
  ports: NotionSyncPorts;
  gateway: NotionGateway;
  workspace: Workspace;
  /** Our properties by Notion's ids, and those that cannot be used now (deleted, another type). */
  schema: WorkspaceSchema;
  dryRun: boolean;
  /** The previous run did not finish: look for pages it may have made before making them. */
  recovery: boolean;
  today: string;
  operations: Operation[];
  /** What this run overruled in Notion (put back, unknown status, a conflict the store won). */
  overruled: Overruled[];
  /** Per traject, when the store last changed a two-way field (from the change feed): conflicts per field. */
  storeChangedAt: Map<string, { status?: string }>;
  /** Notion user id → the name shown as "afgevinkt door", looked up once per run. */
  people: Map<string, string>;
}

export const nowIso = (context: SyncContext) => context.ports.clock.now().toISOString();
