#!/usr/bin/env node
// A committed entry point, so `npm ci` can link the `visieleren` bin before anything is built.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(built)) {
  console.error('visieleren is nog niet gebouwd. Voer eerst `npm run build` uit in de hoofdmap.');
  process.exit(1);
}
await import(built.href);
