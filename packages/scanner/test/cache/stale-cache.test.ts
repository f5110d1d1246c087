import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEnv, resolveConfig } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanCache } from '../../src/cache/scan-cache.js';
import { scan, type ScanResult } from '../../src/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

const DB = "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n";
const SCHEMA = 'model Document {\n  id String @id\n  tenantId String\n  title String\n}\n';
const HELPER = [
  "import { prisma } from './db';",
  'export async function loadDocument(id: string) {',
  '  return prisma.document.findUnique({ where: { id } });',
  '}',
  '',
].join('\n');
const ROUTE = (arg: string): string => [
  "import express from 'express';",
  "import { loadDocument } from './documents';",
  'const app = express();',
  `app.get('/documents/:id', async (req, res) => { res.json(await loadDocument(${arg})); });`,
  '',
].join('\n');

function project(): string {
  const root = tempDir('ta-stale-');
  write(root, { 'prisma/schema.prisma': SCHEMA, 'src/db.ts': DB, 'src/documents.ts': HELPER, 'src/routes.ts': ROUTE('req.params.id'), 'src/other.ts': 'export const x = 1;\n' });
  return root;
}

function comparable(result: ScanResult): unknown {
  const { durationMs: _time, cacheUse: _use, ...rest } = result;
  return rest;
}

async function both(root: string, cache: string): Promise<ScanResult> {
  const cached = await scan({ paths: [root], cwd: root, cacheLocation: cache });
  expect(comparable(cached)).toEqual(comparable(await scan({ paths: [root], cwd: root })));
  return cached;
}

describe('a stale cache is never used', () => {
  it('a changed caller in one file changes the verdict on an unchanged file, which is re-joined from its facts', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    const first = await both(root, cache);
    expect(first.findings.map((f) => [f.kind, f.file])).toEqual([['unscoped-query', 'src/documents.ts']]);
    write(root, { 'src/routes.ts': ROUTE("'fixed-id'") });
    const second = await both(root, cache);
    expect(second.findings).toEqual([]);
    // Only the edited file is analysed again; the helper's facts are reused and judged with its new caller.
    expect(second.cacheUse).toEqual({ resultReused: false, filesAnalysed: 1, filesReused: 3 });
  });

  it('an edited file is analysed again', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    await both(root, cache);
    write(root, { 'src/documents.ts': HELPER.replace('where: { id }', "where: { id, tenantId: 't1' }") });
    const after = await both(root, cache);
    expect(after.findings).toEqual([]);
    expect(after.cacheUse?.filesAnalysed).toBe(1);
  });

  it('a changed config re-analyses every file', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    await both(root, cache);
    write(root, { 'tenant-audit.config.json': JSON.stringify({ globalModels: ['Document'] }) });
    const after = await both(root, cache);
    expect(after.findings).toEqual([]);
    expect(after.cacheUse).toEqual({ resultReused: false, filesAnalysed: 4, filesReused: 0 });
  });

  it('a changed schema (the data model) re-analyses every file', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    await both(root, cache);
    write(root, { 'prisma/schema.prisma': SCHEMA.replace('  tenantId String\n', '') });
    const after = await both(root, cache);
    expect(after.cacheUse?.filesReused).toBe(0);
  });

  it('a deleted or added file is noticed', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    await both(root, cache);
    rmSync(join(root, 'src/other.ts'));
    expect((await both(root, cache)).cacheUse?.resultReused).toBe(false);
    write(root, { 'src/more.ts': "import { loadDocument } from './documents';\nexport const again = (id: string) => loadDocument(id);\n" });
    expect((await both(root, cache)).cacheUse?.resultReused).toBe(false);
  });

  it('entries of another build of the tool are not read', async () => {
    const root = project();
    const dir = tempDir('ta-stale-cache-');
    const env = createEnv(ts as never, resolveConfig({}), undefined);
    const sf = ts.createSourceFile(join(root, 'src/documents.ts'), HELPER, ts.ScriptTarget.Latest, true);
    const old = new ScanCache(dir, 'build-1');
    old.useEnv(env, {});
    old.storeAnalysis(sf.fileName, sf, { findings: [], sinks: [], telemetry: { providers: [], registersTenantProcessor: false, untaggedSpans: [] } }, 1);
    old.keyResult([sf.fileName], {});
    old.storeResult({ root, filesScanned: 1, findings: [], errors: [], suppressed: 0, coverage: {} as never });
    expect(old.cachedAnalysis(sf.fileName, sf)).toBeDefined();
    expect(old.cachedResult()).toBeDefined();
    const upgraded = new ScanCache(dir, 'build-2');
    upgraded.useEnv(env, {});
    upgraded.keyResult([sf.fileName], {});
    expect(upgraded.cachedAnalysis(sf.fileName, sf)).toBeUndefined();
    expect(upgraded.cachedResult()).toBeUndefined();
  });

  it('damaged entries are misses, and the scan rewrites them', async () => {
    const root = project();
    const cache = tempDir('ta-stale-cache-');
    await both(root, cache);
    for (const sub of ['files', 'results']) {
      for (const name of readdirSync(join(cache, sub))) writeFileSync(join(cache, sub, name), name.length % 2 ? '{"facts":' : '{"facts":{"format":1,"objects":[{"o":{"findings":{"$n":[0,1,2,0]}}}]},"spentMs":1}');
    }
    const after = await both(root, cache);
    expect(after.cacheUse).toEqual({ resultReused: false, filesAnalysed: 4, filesReused: 0 });
    expect((await both(root, cache)).cacheUse?.resultReused).toBe(true);
  });

  it('a cache that cannot be written is a warning, and the findings are the same', async () => {
    const root = project();
    const blocker = join(tempDir('ta-stale-cache-'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await scan({ paths: [root], cwd: root, cacheLocation: blocker });
    const plain = await scan({ paths: [root], cwd: root });
    expect(result.findings).toEqual(plain.findings);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^cache not written \(.*a-file\): .*the scan is not affected$/)]);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });
});
