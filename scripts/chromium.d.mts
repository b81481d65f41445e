export declare const CHROMIUM_CANDIDATES: readonly string[];
export type ChromiumLookup =
  | { path: string; source: string; reason?: undefined }
  | { path: undefined; source?: undefined; reason: string };
export declare function findChromium(
  env?: Record<string, string | undefined>,
  candidates?: readonly string[],
): ChromiumLookup;
