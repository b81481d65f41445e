import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoDir = fileURLToPath(new URL('../../../..', import.meta.url));
/** The built CLI, as `npm start` and the `visieleren` bin run it. */
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * Builds the server and its libraries (turbo, cached when nothing changed — under `npm test` they are already
 * built by the ^build dependency), so a test that runs the built CLI never runs stale code.
 */
export function buildCli(): void {
  const result = spawnSync(
    'npx',
    ['turbo', 'run', 'build', '--filter=@visieleren/server', '--output-logs=errors-only', '--no-daemon'],
    { cwd: repoDir, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  if (result.status !== 0) throw new Error(`Bouwen mislukte:\n${result.stdout}\n${result.stderr}`);
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} ontbreekt na het bouwen.`);
}
