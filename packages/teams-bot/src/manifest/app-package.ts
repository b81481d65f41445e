import { zipSync } from 'fflate';
import { colorIcon, outlineIcon } from './icons.js';
import { buildManifest, ENGLISH_FILE, englishLocalization, type ManifestOptions } from './manifest.js';

/** The zip to upload in Teams (or the admin centre): manifest, English strings and both icons at the root. */
export function buildAppPackage(options: ManifestOptions): Uint8Array {
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return zipSync(
    {
      'manifest.json': json(buildManifest(options)),
      [ENGLISH_FILE]: json(englishLocalization()),
      'color.png': colorIcon(),
      'outline.png': outlineIcon(),
    },
    // A fixed date keeps the package byte-for-byte the same for the same input.
    { level: 9, mtime: new Date('2026-01-01T00:00:00Z') },
  );
}
