import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan, UsageError, type BaselineEntry, type ScanOptions, type ScanResult } from '../../src/index.js';

/** scan() itself drops what the code base accepted (suppression comments, a baseline), not only the CLI. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const QUERY = '  return prisma.document.findUnique({ where: { id } });';

function project(comment?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-accepted-'));
  dirs.push(dir);
  const lines = [
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'export async function findDocument(id: string) {',
    ...(comment === undefined ? [] : [`  ${comment}`]),
    QUERY,
    '}',
    '',
  ];
  const path = join(dir, 'src/documents.ts');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n'));
  return dir;
}

function scanDir(dir: string, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ paths: ['.'], cwd: dir, ...extra });
}

const kinds = (result: ScanResult): string[] => result.findings.map((f) => f.kind);

describe('scan() and suppression comments', () => {
  it('a reasoned comment silences its kind on the next line and counts it as suppressed', async () => {
    const plain = await scanDir(project());
    expect(kinds(plain)).toEqual(['unscoped-query']);
    expect(plain.suppressed).toBe(0);
    const silenced = await scanDir(project('// tenant-audit-ignore-next-line unscoped-query -- ids are random UUIDs checked upstream'));
    expect(kinds(silenced)).toEqual([]);
    expect(silenced.suppressed).toBe(1);
    expect(silenced.errors).toEqual([]);
  });

  it('applySuppressions: false returns the finding the comment would silence', async () => {
    const result = await scanDir(project('// tenant-audit-ignore-next-line unscoped-query -- checked upstream'), { applySuppressions: false });
    expect(kinds(result)).toEqual(['unscoped-query']);
    expect(result.suppressed).toBe(0);
  });

  it('a comment for another kind, or without a reason, silences nothing; the reasonless one is an error', async () => {
    expect(kinds(await scanDir(project('// tenant-audit-ignore-next-line unscoped-backup -- wrong kind')))).toEqual(['unscoped-query']);
    const reasonless = await scanDir(project('// tenant-audit-ignore-next-line unscoped-query'));
    expect(kinds(reasonless)).toEqual(['unscoped-query']);
    expect(reasonless.errors.map((e) => e.file)).toEqual(['src/documents.ts']);
  });
});

describe('scan() and a baseline', () => {
  it('drops the findings whose fingerprints the baseline lists, given as data or as a file', async () => {
    const dir = project();
    const [finding] = (await scanDir(dir)).findings;
    const entries: BaselineEntry[] = [{ fingerprint: finding!.fingerprint, kind: finding!.kind, file: finding!.file, line: finding!.line }];
    const fromData = await scanDir(dir, { baseline: entries });
    expect(kinds(fromData)).toEqual([]);
    expect(fromData.suppressed).toBe(1);
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ schemaVersion: 1, tool: 'tenant-audit', findings: entries }));
    const fromFile = await scanDir(dir, { baseline: 'baseline.json' });
    expect(kinds(fromFile)).toEqual([]);
    expect(fromFile.suppressed).toBe(1);
  });

  it('an entry for other code drops nothing', async () => {
    const result = await scanDir(project(), { baseline: [{ fingerprint: 'f'.repeat(64), kind: 'unscoped-query', file: 'src/documents.ts', line: 5 }] });
    expect(kinds(result)).toEqual(['unscoped-query']);
    expect(result.suppressed).toBe(0);
  });

  it('a missing baseline file is a UsageError', async () => {
    await expect(scanDir(project(), { baseline: 'missing.json' })).rejects.toBeInstanceOf(UsageError);
  });
});
