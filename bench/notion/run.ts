/**
 * Notion sync: requests for an initial sync, a no-op re-sync and a one-field change, each next to the minimum
 * possible, and the time each takes at the default budget (150 requests a minute), against the local fake
 * Notion API (no network, no rate limit of its own).
 *
 *   node --conditions=@visieleren/source --import tsx bench/notion/run.ts           prints the table
 *   node --conditions=@visieleren/source --import tsx bench/notion/run.ts --write   also writes it into
 *                                                 docs/benchmarks.md between <!-- notion:start/end -->
 *   --quick                                       the demo trajects only
 *
 * Time at the budget = the wait the pacer's sliding window (p-queue, `strict`: at most 150 requests start in any
 * 60 seconds) imposes on R requests sent one after another, (⌈R / 150⌉ − 1) minutes, + the measured wall time of
 * the run against the fake. The run itself is not paced (the queue runs on real timers, and 342 trajects at
 * 150 a minute would take hours); the gateway, the SDK and its retry are the ones users run.
 */
import {
  demoPortfolio,
  getBuiltInTemplate,
  type Template,
  type Traject,
  templateOf,
} from '../../packages/core/src/index.js';
import { createManualClock, createMemoryPorts } from '../../packages/core/src/testing.js';
import { NotionGateway } from '../../packages/notion-sync/src/client/gateway.js';
import { createNotionPacer } from '../../packages/notion-sync/src/client/pacing.js';
import {
  DEFAULT_REQUESTS_PER_MINUTE,
  MAX_CHILDREN_PER_REQUEST,
} from '../../packages/notion-sync/src/limits.js';
import { renderTraject } from '../../packages/notion-sync/src/render/traject.js';
import { runSync, type SyncReport } from '../../packages/notion-sync/src/sync/engine.js';
import { FakeNotion } from '../../packages/notion-sync/src/testing.js';
import { initWorkspace } from '../../packages/notion-sync/src/workspace.js';
import { DATA_SOURCE_KEYS } from '../../packages/notion-sync/src/workspace-template.js';
import { machine, writeDocsSection } from '../docs-section.js';

const args = new Set(process.argv.slice(2));
const TODAY = '2027-02-01';
const template: Template = getBuiltInTemplate('visieleertraject');

function withFullChecklist(traject: Traject): Traject {
  const present = new Set(traject.checklist.map((item) => item.itemId));
  const missing = (templateOf(traject)?.phases ?? [])
    .flatMap((phase) => phase.checklist)
    .filter((item) => !present.has(item.id))
    .map((item) => ({ itemId: item.id, done: false }));
  return { ...traject, checklist: [...traject.checklist, ...missing] };
}

const demo = demoPortfolio(TODAY, template).map(withFullChecklist);

/** 342 trajects: the demo shapes again and again, each under its own id and gemeente. */
function generated(count: number): Traject[] {
  return Array.from({ length: count }, (_, index) => {
    const base = demo[index % demo.length]!;
    const number = String(index + 1).padStart(3, '0');
    return { ...base, id: `gegenereerd-${number}`, gemeenten: [{ name: `Gemeente ${number} (fictief)` }] };
  });
}

interface Measured {
  scenario: string;
  reads: number;
  writes: number;
  minimumWrites: number;
  minimumReads: number;
  budgetWaitMs: number;
  wallMs: number;
  blocks?: number;
  blocksPerTraject?: number;
}

async function measure(trajects: Traject[], label: string): Promise<Measured[]> {
  const clock = createManualClock(`${TODAY}T08:00:00.000Z`);
  const fake = new FakeNotion({ now: () => clock.now().getTime() });
  await fake.start();
  const ports = createMemoryPorts({ clock, trajects });
  const syncPorts = { ...ports, clock };
  const gateway = () =>
    new NotionGateway({
      settings: {
        token: fake.token,
        baseUrl: fake.url,
        timeoutMs: 30_000,
        requestsPerMinute: DEFAULT_REQUESTS_PER_MINUTE,
      },
      pacer: createNotionPacer(Number.MAX_SAFE_INTEGER),
    });
  await initWorkspace(gateway(), ports.links, fake.parentPageId);
  const run = async (scenario: string, minimumWrites: number, minimumReads: number): Promise<Measured> => {
    const started = performance.now();
    const report: SyncReport = await runSync({ ports: syncPorts, gateway: gateway() });
    if (!report.ok) throw new Error(report.stopped?.message ?? JSON.stringify(report.failed));
    return {
      scenario,
      reads: report.requests.reads,
      writes: report.requests.writes,
      minimumWrites,
      minimumReads,
      budgetWaitMs: windowWaitMs(report.requests.reads + report.requests.writes),
      wallMs: performance.now() - started,
    };
  };

  // Minimum for a first sync: Notion creates one page per request, so one request per row; a dossier rides
  // along in its page's create (100 blocks), the rest costs one append per 100 blocks. Nothing need be read.
  const rendered = trajects.map((traject) => renderTraject(traject, TODAY));
  const minimumInitial = rendered.reduce(
    (sum, desired) =>
      sum +
      1 +
      desired.rows.length +
      Math.ceil(Math.max(0, desired.dossier.length - MAX_CHILDREN_PER_REQUEST) / MAX_CHILDREN_PER_REQUEST),
    0,
  );
  const rows: Measured[] = [];
  const initial = await run(`${label}: eerste synchronisatie`, minimumInitial, DATA_SOURCE_KEYS.length);
  initial.blocks = fake.blocksCreated;
  const workspaceBlocks = DATA_SOURCE_KEYS.length + 1;
  initial.blocksPerTraject = (fake.blocksCreated - workspaceBlocks) / trajects.length;
  rows.push(initial);
  // A run reads each data source's schema (6: renamed, deleted or retyped properties) and queries the two
  // data sources people edit in (Trajecten, Checklist): 8 reads, 0 writes.
  const minimumReads = DATA_SOURCE_KEYS.length + 2;
  clock.advance(5 * 60_000);
  rows.push(await run(`${label}: niets veranderd, direct erna`, 0, minimumReads));
  clock.advance(5 * 60_000);
  rows.push(await run(`${label}: niets veranderd, later`, 0, minimumReads));
  await ports.trajects.setStatus(trajects[0]!.id, 'gepauzeerd', { actor: 'bench' });
  clock.advance(5 * 60_000);
  rows.push(await run(`${label}: één veld gewijzigd (status)`, 1, minimumReads));
  await fake.close();
  return rows;
}

/** The least time a sliding window of 150 a minute holds back `requests` sent one after another. */
function windowWaitMs(requests: number): number {
  return Math.max(0, Math.ceil(requests / DEFAULT_REQUESTS_PER_MINUTE) - 1) * 60_000;
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

const results = [
  ...(await measure(demo, `demo (${demo.length} trajecten)`)),
  ...(args.has('--quick') ? [] : await measure(generated(342), '342 gegenereerde trajecten')),
];

const table = [
  `Run: ${new Date().toISOString().slice(0, 10)}, ${machine()}; fake Notion API on 127.0.0.1, budget ${DEFAULT_REQUESTS_PER_MINUTE} requests/min (\`NOTION_REQUESTS_PER_MINUTE\`).`,
  '',
  '| scenario | write requests | minimum writes | read requests | minimum reads | time at the budget (waits + run) | Notion blocks (workspace incl.) | blocks per traject |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (row) =>
      `| ${row.scenario} | ${row.writes} | ${row.minimumWrites} | ${row.reads} | ${row.minimumReads} | ${duration(row.budgetWaitMs + row.wallMs)} (${duration(row.budgetWaitMs)} + ${duration(row.wallMs)}) | ${row.blocks ?? ''} | ${row.blocksPerTraject?.toFixed(1) ?? ''} |`,
  ),
  '',
  'Time at the budget: the wait the pacer (p-queue, a sliding window of 150 requests in any 60 s) imposes on R requests sent one after another, (⌈R / 150⌉ − 1) min, plus the measured run against the fake with pacing out of reach; the gateway, the SDK and its retry are those users run. Minimum writes: Notion creates one page per request and has no batch create, so a first sync needs one request per row (traject, phase, session, checklist item, hours role, VIT profile); a dossier travels inside its page\'s create (up to 100 blocks). A no-op needs no write; a one-field change one. Minimum reads: the schema of each of the 6 data sources (properties are written by id; a renamed one keeps working, a deleted or retyped one is reported by name) and the two queries for edits people made in Notion (Trajecten, Checklist) that two-way sync cannot do without. Blocks: what a Free workspace with several members counts against its 1,000-block cap — the 6 databases and the guide on the workspace page (the board and calendar views that init makes are taken as no blocks, an assumption), and per traject its page, its dossier (headings, one paragraph per phase listing the checklist with deadlines) and one page per row. Each checklist item exists once (a Checklist row), so the 12 demo trajects fit under the cap. "Direct erna" pages through the rows our own first sync edited in the last minute (100 per read): Notion rounds edit times down to the minute, so the window overlaps.',
].join('\n');

process.stdout.write(`${table}\n`);
if (args.has('--write')) writeDocsSection('notion', 'Notion sync', table);
