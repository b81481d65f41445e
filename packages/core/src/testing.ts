/**
 * Test kit for packages that build on core: builders with sensible defaults and overrides.
 * Each module adds its builders here.
 */
export {};
