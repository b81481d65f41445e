import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

// Most server test files wait on sockets, child processes and Chromium rather than on the CPU: two at a time
// cut the package's wall time by about a third on a 2-core machine, where vitest's default is one.
export default mergeConfig(sharedConfig, defineConfig({ test: { maxWorkers: 2 } }));
