import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/planning.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node22',
});
