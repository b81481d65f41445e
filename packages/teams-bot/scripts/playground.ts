/**
 * Drives Microsoft 365 Agents Playground (npm `@microsoft/m365agentsplayground`, Microsoft's Teams client and Bot
 * Connector emulator) in headless Chromium against this bot, as a new user would try it:
 *
 *   personal chat: the welcome card, `koppel <code>`, `status`, `checklist`, a tick on the card;
 *   the team's General channel: `@Test Bot status` (Teams passes channel messages on only with an @mention).
 *
 * Each step waits for what the user should see and saves a screenshot; a step that does not show it stops the
 * script with exit code 1. Needs Chromium (scripts/chromium.mjs); no internet (telemetry off).
 *
 *   npx tsx --conditions=@visieleren/source packages/teams-bot/scripts/playground.ts [--out DIR]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/browser-testing.js';
import { startPlaygroundBot } from './playground-server.js';

const outIndex = process.argv.indexOf('--out');
const OUT = resolve(outIndex > 0 ? (process.argv[outIndex + 1] ?? 'playground') : 'playground-screenshots');
const STEP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

function startPlayground(endpoint: string, port: number): Promise<ChildProcess> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  // Its log (devTools/m365agentsplayground.log) goes beside the screenshots, not into the repository.
  const child = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '--dt', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: OUT,
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('De Playground startte niet binnen 60 s.')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        done(child);
      }
    });
    child.once('exit', (code) => fail(new Error(`De Playground stopte (code ${code}).`)));
  });
}

let stepNumber = 0;
async function step(page: Page, name: string, work: () => Promise<void>): Promise<void> {
  stepNumber += 1;
  const file = join(OUT, `${String(stepNumber).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  try {
    await work();
    process.stdout.write(`ok   ${name}\n`);
  } finally {
    await page.screenshot({ path: file }).catch(() => undefined);
  }
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** In a channel: type `@`, pick the bot from the suggestions (a real mention, as in Teams), then the command. */
async function sayToBot(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox').last();
  await box.click();
  await page.keyboard.type('@Test');
  await page
    .getByRole('menuitem', { name: /Test Bot/ })
    .first()
    .click({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.type(` ${text}`);
  await page.keyboard.press('Enter');
}

/** The newest message on screen that contains this text (cards render as HTML in the Playground). */
function shows(page: Page, text: string | RegExp) {
  return page.getByText(text).last().waitFor({ timeout: STEP_TIMEOUT_MS });
}

await mkdir(OUT, { recursive: true });
const { server, code } = await startPlaygroundBot(0);
const { code: channelCode } = await server.ports.linkCodes.create(
  { trajectId: server.trajectIds.aanZee, purpose: 'teams', ttlMs: 3_600_000 },
  'playground',
);
const port = await freePort();
const playground = await startPlayground(`${server.url}/api/messages`, port);
const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}`);
  await step(page, 'welkom in de persoonlijke chat', () => shows(page, 'Welkom bij Visieleren'));
  await step(page, 'koppel', async () => {
    await say(page, `koppel ${code}`);
    await shows(page, 'Dit gesprek is nu gekoppeld aan');
  });
  await step(page, 'status', async () => {
    await say(page, 'status');
    await shows(page, 'Stand van zaken: Aan Zee (fictief)');
  });
  await step(page, 'checklist en afvinken', async () => {
    await say(page, 'checklist');
    await shows(page, 'Checklist: Aan Zee (fictief)');
    await page.getByRole('button', { name: 'Afvinken' }).first().click();
    await shows(page, /afgevinkt door/);
  });
  await step(page, 'kanaal: welkom vraagt om @vermelding', async () => {
    await page.locator('[aria-label="My Team - General"]').click();
    await shows(page, '@Visieleren koppel ABCD2345');
  });
  await step(page, 'kanaal: koppelen met @vermelding', async () => {
    await sayToBot(page, `koppel ${channelCode}`);
    await shows(page, 'Dit gesprek is nu gekoppeld aan');
  });
  await step(page, 'kanaal: status met @vermelding', async () => {
    await sayToBot(page, 'status');
    await shows(page, 'Stand van zaken: Aan Zee (fictief)');
  });
} catch (error) {
  failed = true;
  process.stderr.write(`MISLUKT: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await browser.close();
  playground.kill();
  await server.close();
}
process.stdout.write(`Schermafdrukken: ${OUT}\n`);
process.exit(failed ? 1 : 0);
