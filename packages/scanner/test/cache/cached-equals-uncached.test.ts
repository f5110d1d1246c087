import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../../src/index.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const FIXTURES = join(REPO, 'packages/scanner/test/fixtures');

/** Every fixture project: the sample app's two variants and each scanner fixture folder holding code. */
function fixtureProjects(): string[] {
  const out = [join(REPO, 'fixtures/ai-saas/vulnerable'), join(REPO, 'fixtures/ai-saas/fixed')];
  for (const group of readdirSync(FIXTURES).sort()) {
    const groupDir = join(FIXTURES, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, name);
      if (statSync(dir).isDirectory()) out.push(dir);
    }
  }
  return out;
}

/** The result without what differs from run to run by design (the time it took). */
function comparable(result: ScanResult): unknown {
  const { durationMs: _time, cacheUse: _use, ...rest } = result;
  return rest;
}

const caches: string[] = [];
afterAll(() => {
  for (const dir of caches) rmSync(dir, { recursive: true, force: true });
});

describe('a scan with the cache reports exactly what a scan without it reports', () => {
  const projects = fixtureProjects();
  it('has fixtures to compare', () => {
    expect(projects.length).toBeGreaterThan(60);
  });
  it.each(projects.map((p) => [p.slice(REPO.length), p]))('%s: cold, from per-file facts, and from the whole result', async (_name, dir) => {
    const cache = mkdtempSync(join(tmpdir(), 'ta-cache-eq-'));
    caches.push(cache);
    const options = { paths: [dir], cwd: dir, sinkOutcomes: true };
    const uncached = comparable(await scan(options));
    const cold = await scan({ ...options, cacheLocation: cache });
    expect(comparable(cold)).toEqual(uncached);
    expect(cold.cacheUse).toMatchObject({ resultReused: false, filesReused: 0 });
    // Without the whole result, every file comes from its facts and the join runs over them.
    rmSync(join(cache, 'results'), { recursive: true, force: true });
    const fromFacts = await scan({ ...options, cacheLocation: cache });
    expect(comparable(fromFacts)).toEqual(uncached);
    expect(fromFacts.cacheUse).toEqual({ resultReused: false, filesAnalysed: 0, filesReused: cold.cacheUse?.filesAnalysed });
    expect(existsSync(join(cache, 'results'))).toBe(true);
    const warm = await scan({ ...options, cacheLocation: cache });
    expect(comparable(warm)).toEqual(uncached);
    expect(warm.cacheUse?.resultReused).toBe(true);
  });
});

describe('cache copies', () => {
  it('a cache copied with its project to another folder gives that folder\'s own result', async () => {
    const original = join(REPO, 'fixtures/ai-saas/vulnerable');
    const copy = mkdtempSync(join(tmpdir(), 'ta-cache-copy-'));
    caches.push(copy);
    cpSync(original, copy, { recursive: true, filter: (src) => !src.includes('.tenant-audit') });
    const cache = join(copy, 'cache');
    await scan({ paths: [original], cwd: original, cacheLocation: cache });
    const fresh = comparable(await scan({ paths: [copy], cwd: copy }));
    expect(comparable(await scan({ paths: [copy], cwd: copy, cacheLocation: cache }))).toEqual(fresh);
  });
});
