#!/usr/bin/env node
// One place that finds the Chromium the page tests drive (axe-core, forms, overview, the Teams tab).
//
// Tests never download a browser: they use CHROME_PATH, or Debian's package. `npm test` runs this file first
// (`pretest` in the root package.json) with `--ensure`: when no browser is found and this process is root
// with apt-get, it installs Debian's `chromium` package (a package from Debian's registry, nothing else);
// otherwise it stops with a message saying what to install.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where Debian, Ubuntu and Google's packages put the browser. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch: CHROME_PATH when set (it must exist), else the first installed candidate.
 * @param {Record<string, string | undefined>} [env]
 * @param {readonly string[]} [candidates]
 * @returns {{ path: string, source: string } | { path: undefined, reason: string }}
 */
export function findChromium(env = process.env, candidates = CHROMIUM_CANDIDATES) {
  const configured = env.CHROME_PATH?.trim();
  if (configured) {
    return isExecutable(configured)
      ? { path: configured, source: 'CHROME_PATH' }
      : {
          path: undefined,
          reason: `CHROME_PATH wijst naar ${configured}, maar daar staat geen uitvoerbaar programma.`,
        };
  }
  for (const candidate of candidates)
    if (isExecutable(candidate)) return { path: candidate, source: candidate };
  return {
    path: undefined,
    reason:
      `Geen Chromium gevonden (gezocht: ${candidates.join(', ')}). Installeer Debians pakket ` +
      '(`apt-get install chromium`) of zet CHROME_PATH op een Chromium of Chrome.',
  };
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Installs Debian's chromium with apt-get when that is possible here; returns whether it ran and succeeded. */
function installFromDebian() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) return false;
  process.stderr.write('Chromium ontbreekt; Debians pakket `chromium` wordt geïnstalleerd (apt-get) …\n');
  return (
    run('apt-get', ['update', '-qq']) &&
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'])
  );
}

/** `--ensure`: exit 0 when a browser is (or now is) installed, 1 with the reason otherwise. */
function ensure() {
  let found = findChromium();
  const { CHROME_PATH } = process.env;
  if (!found.path && !CHROME_PATH && installFromDebian()) found = findChromium();
  if (found.path) {
    process.stdout.write(`Chromium voor de paginatests: ${found.path}\n`);
    return 0;
  }
  process.stderr.write(
    `${found.reason}\nDe paginatests (axe-core, formulieren, overzicht) hebben een browser nodig. ` +
      'Als root installeert `npm test` hem zelf met apt-get; draai anders eerst `sudo apt-get install chromium`.\n',
  );
  return 1;
}

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  process.argv.includes('--ensure')
) {
  process.exitCode = ensure();
}
