import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/local-mode.ts'],
  format: ['esm'],
  // No .d.ts: every tsconfig reads the workspace packages from source (the @visieleren/source condition).
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node22',
});
