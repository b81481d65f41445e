import type { VisielerenPlugin } from '@visieleren/core';

/** Every plugin `serve` knows, in the order it reports them. Adding one is adding a line here. */
export const PLUGINS: readonly VisielerenPlugin[] = [];
