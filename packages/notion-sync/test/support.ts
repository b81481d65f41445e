import { demoPortfolio, getBuiltInTemplate, type Template, type Traject, templateOf } from '@visieleren/core';
import {
  createManualClock,
  createMemoryPorts,
  type ManualClock,
  type MemoryPorts,
} from '@visieleren/core/testing';
import { NotionGateway, type RetrySettings } from '../src/client/gateway.js';
import { createNotionPacer, type NotionPacer } from '../src/client/pacing.js';
import { runSync, type SyncReport } from '../src/sync/engine.js';
import type { NotionSyncPorts } from '../src/sync/ports.js';
import { FakeNotion, type FakeNotionOptions } from '../src/testing.js';
import { type InitReport, initWorkspace } from '../src/workspace.js';

export const TODAY = '2027-02-01';
export const visieleertraject: Template = getBuiltInTemplate('visieleertraject');

/** Every template checklist item as a row, as the server stores trajects (the store ticks existing rows). */
export function withFullChecklist(traject: Traject): Traject {
  const template = templateOf(traject);
  const present = new Set(traject.checklist.map((item) => item.itemId));
  const missing = (template?.phases ?? [])
    .flatMap((phase) => phase.checklist)
    .filter((item) => !present.has(item.id))
    .map((item) => ({ itemId: item.id, done: false }));
  return { ...traject, checklist: [...traject.checklist, ...missing] };
}

export function demoTrajects(count?: number): Traject[] {
  const all = demoPortfolio(TODAY, visieleertraject).map(withFullChecklist);
  return count === undefined ? all : all.slice(0, count);
}

export interface Harness {
  clock: ManualClock;
  fake: FakeNotion;
  ports: MemoryPorts;
  syncPorts: NotionSyncPorts;
  gateway(overrides?: GatewayOverrides): NotionGateway;
  /** The gateway of the last `sync()`, for its statistics. */
  lastGateway: NotionGateway | undefined;
  init(): Promise<void>;
  /** `notion init` with its report. */
  gatewayInit(): Promise<InitReport>;
  sync(options?: { trajectId?: string; dryRun?: boolean }): Promise<SyncReport>;
  close(): Promise<void>;
}

export interface GatewayOverrides {
  timeoutMs?: number;
  pacer?: NotionPacer;
  retry?: Partial<RetrySettings>;
}

/**
 * The SDK's retry as users run it, but its back-off (used only where Notion sends no Retry-After) starts at 5 ms
 * so a 500 costs the tests no seconds. Retry-After itself is honoured in full.
 */
export const TEST_RETRY: Partial<RetrySettings> = { initialRetryDelayMs: 5 };

/**
 * A fake Notion on 127.0.0.1, the in-memory ports, and one manual clock for both, so Notion's minute-rounded
 * edit times move without waiting. Pacing and Retry-After run on real time (p-queue and the SDK use timers): the
 * budget here is out of reach unless a test passes its own pacer (limits.test.ts).
 */
export async function createHarness(
  options: { trajects?: Traject[]; fake?: FakeNotionOptions; timeoutMs?: number } = {},
): Promise<Harness> {
  const clock = createManualClock(`${TODAY}T08:00:00.000Z`);
  const fake = new FakeNotion({ now: () => clock.now().getTime(), ...options.fake });
  await fake.start();
  const ports = createMemoryPorts({ clock, trajects: options.trajects ?? demoTrajects(3) });
  const syncPorts: NotionSyncPorts = {
    trajects: ports.trajects,
    links: ports.links,
    audit: ports.audit,
    changes: ports.changes,
    formSubmissions: ports.formSubmissions,
    clock,
  };
  const gateway = (overrides: GatewayOverrides = {}) =>
    new NotionGateway({
      settings: {
        token: fake.token,
        baseUrl: fake.url,
        timeoutMs: overrides.timeoutMs ?? options.timeoutMs ?? 2_000,
        requestsPerMinute: UNPACED,
      },
      pacer: overrides.pacer ?? createNotionPacer(UNPACED),
      retry: { ...TEST_RETRY, ...overrides.retry },
    });
  const harness: Harness = {
    clock,
    fake,
    ports,
    syncPorts,
    gateway,
    lastGateway: undefined,
    async init() {
      await initWorkspace(gateway(), ports.links, fake.parentPageId);
    },
    gatewayInit: () => initWorkspace(gateway(), ports.links, fake.parentPageId),
    sync: (syncOptions = {}) => {
      harness.lastGateway = gateway();
      return runSync({ ports: syncPorts, gateway: harness.lastGateway, ...syncOptions });
    },
    close: () => fake.close(),
  };
  return harness;
}

/** A budget no test reaches: pacing is tested on its own, with a window of a second. */
const UNPACED = 1_000_000;

/** The traject rows in the fake, by our id. */
export function trajectRows(fake: FakeNotion) {
  return fake.rows('Trajecten');
}

/** Asserts-friendly summary: per data source, how many live rows and whether any of our ids repeats. */
export function inventory(fake: FakeNotion): Record<string, { rows: number; duplicates: string[] }> {
  const out: Record<string, { rows: number; duplicates: string[] }> = {};
  for (const title of ['Trajecten', 'Fasen', 'Sessies', 'Checklist', 'Uren', 'VIT']) {
    const ids = fake.rows(title).map((row) => String(row.values['Visieleren-id']));
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const id of ids) {
      if (seen.has(id)) duplicates.push(id);
      seen.add(id);
    }
    out[title] = { rows: ids.length, duplicates };
  }
  return out;
}

/** A harness whose workspace is made and synced once, with the clock a few minutes on. */
export async function syncedHarness(trajects: Traject[]): Promise<Harness> {
  const current = await createHarness({ trajects });
  await current.init();
  await current.sync();
  current.clock.advance(3 * 60_000);
  return current;
}

/** A live row of a data source, by our id. */
export function rowOf(current: Harness, dataSource: string, ourId: string) {
  return current.fake.rows(dataSource).find((row) => row.values['Visieleren-id'] === ourId)!;
}

/** Our ids, each on one live row in every data source. */
export function duplicateIds(fake: FakeNotion): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(inventory(fake)).map(([title, stock]) => [title, stock.duplicates]),
  );
}

/** The running demo traject most tests edit. */
export const RUNNING_ID = 'voorbeeld-aan-zee';
export const runningTraject = () => demoTrajects().filter((traject) => traject.id === RUNNING_ID);
