import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * Tests import sibling packages from source, so `npm test` needs no build of the libraries
 * and a change in core is seen at once by the store, forms and server tests.
 */
export const sharedConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@visieleren\/([a-z-]+)\/testing$/, replacement: `${packagesDir}$1/src/testing.ts` },
      { find: /^@visieleren\/core\/contract$/, replacement: `${packagesDir}core/contract/ports-contract.ts` },
      { find: /^@visieleren\/core\/planning$/, replacement: `${packagesDir}core/src/planning.ts` },
      {
        find: /^@visieleren\/teams-bot\/local-mode$/,
        replacement: `${packagesDir}teams-bot/src/local-mode.ts`,
      },
      { find: /^@visieleren\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
