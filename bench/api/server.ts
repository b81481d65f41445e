/**
 * The API as `visieleren serve` composes it, in its own process so the load generator does not share its
 * event loop: `npx tsx bench/api/server.ts memory|datadir|postgres`. Seeds 342 trajects (one per Dutch
 * gemeente), makes a VNG token, prints `{ url, token, trajectId }` as one JSON line, stops on SIGTERM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTrajectDomain } from '../../apps/server/src/domain.js';
import { createApp } from '../../apps/server/src/http/app.js';
import { createPinoLogger } from '../../apps/server/src/logging.js';
import { addDays, systemClock } from '../../packages/core/src/index.js';
import { createStore, type Store } from '../../packages/store/src/index.js';
import { createTemporaryDatabase } from '../../packages/store/src/testing.js';

const kind = process.argv[2] ?? 'memory';
const TRAJECTS = 342;
let cleanup = async () => {};
let store: Store;
if (kind === 'postgres') {
  const database = await createTemporaryDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  );
  store = await createStore({ databaseUrl: database.url });
  cleanup = () => database.drop();
} else if (kind === 'datadir') {
  const dataDir = await mkdtemp(join(tmpdir(), 'visieleren-bench-'));
  store = await createStore({ dataDir });
  cleanup = () => rm(dataDir, { recursive: true, force: true });
} else {
  store = await createStore({ inMemory: true });
}
await store.migrate();

const domain = createTrajectDomain(systemClock);
const today = domain.today();
let trajectId = '';
for (let n = 0; n < TRAJECTS; n++) {
  const traject = domain.createTraject({
    id: `bench-${String(n).padStart(3, '0')}`,
    templateKey: 'visieleertraject',
    startDate: addDays(today, -60 + (n % 90)),
    gemeenten: [{ name: `Gemeente ${n}`, inwoners: 10_000 + n * 300 }],
    kernvraag: 'Hoe houden we de toegang dichtbij?',
    themes: ['inwoner-centraal'],
    participants: [],
    status: 'lopend',
  });
  trajectId = (await store.trajects.create(traject, 'bench')).id;
}
const { token } = await store.tokens.create({ role: 'vng', label: 'bench' }, 'bench');

// Logging at warn: one info line per request would measure the terminal, not the server.
const logger = createPinoLogger({ level: 'warn', format: 'json' });
// One token writes thousands of times a second here: the bench measures the server, not the write limit.
const app = createApp({
  store,
  domain,
  logger,
  apiWriteLimit: { burst: Number.MAX_SAFE_INTEGER, perMinute: Number.MAX_SAFE_INTEGER },
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, token, trajectId })}\n`);
});

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(async () => {
    await store.close();
    await cleanup();
    process.exit(0);
  });
});
