import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, runCli } from './helpers/cli.js';

beforeAll(ensureBuilt);

interface Baseline {
  schemaVersion: number;
  tool: string;
  findings: { fingerprint: string; kind: string; file: string; line: number }[];
}

interface Report {
  summary: { suppressed: number };
  findings: { kind: string; file: string; fingerprint: string }[];
}

function prepend(dir: string, file: string, lines: string[]): void {
  const path = join(dir, file);
  writeFileSync(path, `${lines.join('\n')}\n${readFileSync(path, 'utf8')}`);
}

describe('--baseline / --update-baseline', () => {
  it('round trip: write, then every accepted finding is dropped and counted as suppressed', () => {
    const dir = copyFixture('basic');
    const write = runCli(['.', '--baseline', 'tenant-audit.baseline.json', '--update-baseline'], { cwd: dir });
    expect(write.code).toBe(0);
    expect(write.stdout).toBe('');
    expect(write.stderr).toBe('tenant-audit: wrote 3 findings to baseline tenant-audit.baseline.json\n');
    const text = readFileSync(join(dir, 'tenant-audit.baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as Baseline;
    expect(baseline.schemaVersion).toBe(1);
    expect(baseline.findings.map((f) => [f.file, f.kind])).toEqual([
      ['src/cache.ts', 'shared-cache-keyspace'],
      ['src/crypto.ts', 'shared-encryption-key'],
      ['src/documents.ts', 'unscoped-query'],
    ]);
    // Stable: a second write of unchanged code gives the same bytes.
    runCli(['.', '--baseline', 'tenant-audit.baseline.json', '--update-baseline'], { cwd: dir });
    expect(readFileSync(join(dir, 'tenant-audit.baseline.json'), 'utf8')).toBe(text);

    const run = runCli(['.', '--baseline', 'tenant-audit.baseline.json', '--format', 'json', '--fail-on', 'P2'], { cwd: dir });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings).toEqual([]);
    expect(report.summary.suppressed).toBe(3);
  });

  it('fingerprints survive unrelated lines inserted above; a new gap is still reported', () => {
    const dir = copyFixture('basic');
    expect(runCli(['.', '--baseline', 'b.json', '--update-baseline'], { cwd: dir }).code).toBe(0);
    prepend(dir, 'src/documents.ts', ['// a new header comment', "import { strict as assert } from 'node:assert';", '', 'export const VERSION = 2;', '']);
    prepend(dir, 'src/cache.ts', ['/* moved down by a licence header */', '']);
    const path = join(dir, 'src/documents.ts');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nexport async function removeDocument(id: string) {\n  return prisma.document.delete({ where: { id } });\n}\n`);
    const run = runCli(['.', '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.suppressed).toBe(3);
    expect(report.findings.map((f) => [f.kind, f.file])).toEqual([['unscoped-query', 'src/documents.ts']]);
    expect(run.code).toBe(1);
  });

  it('a missing or broken baseline file is a usage error', () => {
    const dir = copyFixture('basic');
    const missing = runCli(['.', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tenant-audit: cannot read baseline .*nope\.json \(not found; create it with --update-baseline\)\n$/);
    writeFileSync(join(dir, 'bad.json'), '{"findings": 3}');
    const bad = runCli(['.', '--baseline', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tenant-audit: baseline .*bad\.json: key "findings" must be an array\n$/);
  });
});
