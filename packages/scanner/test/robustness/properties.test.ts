/**
 * Property tests for the whole-program scanner (`scan()` from the built dist, as users get it) on
 * generated temp projects: it never throws nor reports an internal error, it answers the same way
 * twice, and an unrelated statement at the top of a file changes no fingerprint. Fixed seed, a few
 * runs in CI; `FUZZ_RUNS=2000 npm run fuzz` for a long run (FUZZ_SEED replays a reported failure).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParams, programArb, SCHEMA, unrelatedPrefix, type GeneratedProgram } from '../../../core/test/robustness/programs.js';
import { ensureBuilt } from '../cli/helpers/cli.js';
import type { ScanOptions, ScanResult } from '../../src/index.js';

let scan: (options: ScanOptions) => Promise<ScanResult>;
const base = mkdtempSync(join(tmpdir(), 'ta-fuzz-scan-'));
let count = 0;

beforeAll(async () => {
  ensureBuilt();
  ({ scan } = (await import('../../dist/index.js')) as { scan: typeof scan });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A project of one .ts file and maybe one .tsx file (which may call into each other by name). */
const projectArb = fc.record({ main: programArb({ depth: 2 }), view: fc.option(programArb({ tsx: true, depth: 1 }), { nil: undefined }) });

function write(project: { main: GeneratedProgram; view: GeneratedProgram | undefined }, prefix = ''): string {
  const dir = join(base, `p${count++}`);
  const files: Record<string, string> = { 'prisma/schema.prisma': SCHEMA, 'src/main.ts': prefix + project.main.text };
  if (project.view) files['src/view.tsx'] = project.view.text;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('scan() on generated projects', () => {
  it('never throws, reports no internal error, and is deterministic (same findings, same order)', async () => {
    await fc.assert(fc.asyncProperty(projectArb, async (project) => {
      const dir = write(project);
      const first = await scan({ paths: [dir] });
      expect(first.errors).toEqual([]);
      const second = await scan({ paths: [dir] });
      expect(second.findings).toEqual(first.findings);
      expect(second.errors).toEqual(first.errors);
    }), fuzzParams(12));
  });

  it('an unrelated statement or blank lines at the top of a file change no fingerprint', async () => {
    await fc.assert(fc.asyncProperty(projectArb, unrelatedPrefix, async (project, prefix) => {
      const plain = await scan({ paths: [write(project)] });
      const shifted = await scan({ paths: [write(project, prefix)] });
      const fingerprints = (r: ScanResult): string[] => r.findings.map((f) => `${f.kind} ${f.fingerprint}`).sort();
      expect(fingerprints(shifted)).toEqual(fingerprints(plain));
    }), fuzzParams(12));
  });
});
