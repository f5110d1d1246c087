import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP, REPO } from './support.js';

const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

describe('the sample app type-checks', () => {
  for (const variant of ['vulnerable', 'fixed']) {
    it(`${variant} compiles with tsc --noEmit`, () => {
      const r = spawnSync(process.execPath, [tsc, '-p', join(APP, variant, 'tsconfig.json'), '--noEmit'], { cwd: REPO, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});
