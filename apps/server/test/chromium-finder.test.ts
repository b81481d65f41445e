import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../scripts/chromium.mjs';

/** The one Chromium finder every page test uses (scripts/chromium.mjs). */

const SCRIPT = fileURLToPath(new URL('../../../scripts/chromium.mjs', import.meta.url));

describe('findChromium', () => {
  it('takes the first installed candidate', () => {
    expect(findChromium({}, ['/bestaat/niet/chromium', process.execPath])).toEqual({
      path: process.execPath,
      source: process.execPath,
    });
  });

  it('prefers CHROME_PATH, and says so when it points nowhere instead of silently taking another', () => {
    expect(findChromium({ CHROME_PATH: process.execPath }, ['/usr/bin/iets-anders'])).toEqual({
      path: process.execPath,
      source: 'CHROME_PATH',
    });
    const wrong = findChromium({ CHROME_PATH: '/bestaat/niet' }, [process.execPath]);
    expect(wrong.path).toBeUndefined();
    expect(wrong.reason).toBe(
      'CHROME_PATH wijst naar /bestaat/niet, maar daar staat geen uitvoerbaar programma.',
    );
  });

  it('names what to install when nothing is found', () => {
    const none = findChromium({}, ['/bestaat/niet/chromium']);
    expect(none.path).toBeUndefined();
    expect(none.reason).toContain('apt-get install chromium');
  });

  it('--ensure stops with that message and exit code 1 rather than install over a wrong CHROME_PATH', () => {
    const result = spawnSync(process.execPath, [SCRIPT, '--ensure'], {
      env: { ...process.env, CHROME_PATH: '/bestaat/niet' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CHROME_PATH wijst naar /bestaat/niet');
    expect(result.stderr).not.toContain('wordt geïnstalleerd');
  });
});
