// After `npm install`: the registry mirror on our machines lacks some other-platform builds (biome, rollup,
// esbuild, turbo) at the locked versions, so npm leaves them out of package-lock.json and `npm ci` refuses
// the lock. This adds those optional entries with their os/cpu/libc, which `npm ci` then skips.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies ?? {};
  for (const [name, spec] of Object.entries(optional)) {
    const base = path === '' ? '' : `${path}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => packages[candidate])) continue;
    const platform = describePlatform(name);
    if (!platform) continue;
    const version = spec.replace(/^[~^=]/, '');
    packages[`node_modules/${name}`] = { version, optional: true, ...platform };
    added++;
  }
}
function describePlatform(name) {
  if (name === 'fsevents') return { os: ['darwin'] };
  const os = [
    'android',
    'darwin',
    'freebsd',
    'linux',
    'win32',
    'openbsd',
    'netbsd',
    'sunos',
    'aix',
    'openharmony',
    'cygwin',
    'windows',
  ].find((candidate) => name.includes(candidate));
  const cpu = [
    'arm64',
    'x64',
    'ia32',
    'arm',
    'loong64',
    'ppc64',
    'riscv64',
    's390x',
    'mips64el',
    'wasm32',
  ].find((candidate) => new RegExp(`[-_]${candidate}(?![a-z0-9])`).test(name));
  if (!os && !cpu && !name.includes('wasm')) return undefined;
  const result = {};
  if (os) result.os = [os === 'windows' ? 'win32' : os];
  if (!cpu && /-64(?![a-z0-9])/.test(name)) result.cpu = ['x64'];
  if (cpu) result.cpu = [cpu];
  if (name.includes('musl')) result.libc = ['musl'];
  if (name.includes('wasm')) result.cpu = ['wasm32'];
  return result;
}
// Drop any that match this machine: those must come from the registry for real.
for (const [key, entry] of Object.entries(packages)) {
  if (!entry.optional || entry.resolved || entry.integrity) continue;
  const matchesHere =
    (!entry.os || entry.os.includes(process.platform)) &&
    (!entry.cpu || entry.cpu.includes(process.arch)) &&
    !entry.libc;
  if (matchesHere) {
    delete packages[key];
    added--;
  }
}
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`added ${added} platform entries\n`);
