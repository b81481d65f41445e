/**
 * The sync as a separate process for the SIGKILL test: memory ports for the trajects (the same demo data in
 * every run) and links kept in a state file. Usage: crash-child.ts <fake url> <token> <state file>.
 */
import { systemClock } from '@visieleren/core';
import { createMemoryPorts } from '@visieleren/core/testing';
import { NotionGateway } from '../src/client/gateway.js';
import { runSync } from '../src/sync/engine.js';
import { WORKSPACE_LINK } from '../src/sync/link-state.js';
import { initWorkspace } from '../src/workspace.js';
import { CRASH_PARENT_PAGE, crashTrajects } from './crash-data.js';
import { createFileLinks } from './file-links.js';

const [baseUrl, token, statePath] = process.argv.slice(2) as [string, string, string];
const ports = createMemoryPorts({ trajects: crashTrajects() });
const links = createFileLinks(statePath, systemClock);
const gateway = new NotionGateway({
  settings: { token, baseUrl, timeoutMs: 60_000, requestsPerMinute: 100_000 },
});
if ((await links.listByKind(WORKSPACE_LINK)).length === 0)
  await initWorkspace(gateway, links, CRASH_PARENT_PAGE);
const report = await runSync({
  ports: { trajects: ports.trajects, links, audit: ports.audit, changes: ports.changes, clock: systemClock },
  gateway,
});
process.stdout.write(
  `${JSON.stringify({ synced: report.synced.length, recovered: report.recovered, writes: report.requests.writes })}\n`,
);
