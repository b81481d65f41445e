/// <reference lib="dom" />
/**
 * Headless Chromium and axe-core for the page tests of every package (the overview, forms, API page, Teams
 * tab): one launcher, one WCAG 2.1 A/AA check.
 */
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
// The one Chromium finder of the repository (CHROME_PATH, else Debian's package); `npm test` installs
// Debian's package first when it is missing (scripts/chromium.mjs --ensure). Tests never download a browser.
import { findChromium } from './chromium.mjs';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** WCAG 2.1 AA, the law for Dutch government sites, and the A level it builds on. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if (found.path === undefined) throw new Error(found.reason);
  return chromium.launch({
    executablePath: found.path,
    // Without the networking flags Chromium keeps dialling Google's hosts, which this network refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Runs axe-core with the WCAG 2.1 A/AA rules on the page and returns the violations, readably. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: {
        run: (
          context: Document,
          options: unknown,
        ) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }>;
      };
    };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (violation) =>
        `${violation.id} (${violation.help}): ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    );
  }, WCAG_TAGS);
}
