/**
 * The walk stays home: a link whose real path leaves the scan root (or the git work tree holding it)
 * is reported and not followed, so nothing outside is read, analysed or quoted in a report. Links
 * inside keep working; `followExternalSymlinks` (`--follow-external-symlinks`) opts out.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '@tenant-audit/core';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { REPORTERS } from '../../src/report/index.js';
import { sourceLinesFrom } from '../../src/report/source.js';
import { scanBoundary } from '../../src/program/boundary.js';

const SCHEMA = 'model Document {\n  id String @id\n  tenantId String\n}\n';
const UNSCOPED = 'declare const prisma: any;\nexport async function load(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n';
// Planted in the files outside the root: a report that quotes it has read outside.
const MARKER = 'OUTSIDE_SECRET_42';
// On the flagged line, so a code frame of a followed link would show it.
const OUTSIDE_CODE = UNSCOPED.replace('{ id } });', `{ id } }); // ${MARKER}`);

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A scan root with a link to a file and a link to a folder outside it, next to its own code. */
function layout(): { base: string; root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'ta-links-'));
  const root = join(base, 'app');
  const outside = join(base, 'elsewhere');
  write(outside, { 'secret.ts': OUTSIDE_CODE, 'lib/more.ts': OUTSIDE_CODE });
  write(root, { 'schema.prisma': SCHEMA, 'src/ok.ts': UNSCOPED });
  symlinkSync(join(outside, 'secret.ts'), join(root, 'src/x.ts'));
  symlinkSync(join(outside, 'lib'), join(root, 'src/linked'));
  return { base, root, outside };
}

describe('links out of the scan root', () => {
  it('are reported in errors with one line each and not followed', async () => {
    const { root, outside } = layout();
    const result = await scan({ paths: [root] });
    expect(result.errors).toEqual([
      { file: 'src/linked', message: `link to ${join(outside, 'lib')} leaves the scan root, not followed (--follow-external-symlinks follows it)` },
      { file: 'src/x.ts', message: `link to ${join(outside, 'secret.ts')} leaves the scan root, not followed (--follow-external-symlinks follows it)` },
    ]);
    expect(result.findings.map((f) => f.file)).toEqual(['src/ok.ts']);
    // Not a source file that failed: the link's code is not the scanned code's, so it does not fail the run.
    expect(result.coverage.filesNotAnalysed).toBe(0);
  });

  it('no report quotes a line from outside', async () => {
    const { root } = layout();
    const result = await scan({ paths: [root] });
    const source = sourceLinesFrom(result.root, scanBoundary(result.root, false));
    for (const [format, reporter] of Object.entries(REPORTERS)) {
      const text = reporter({ tool: { name: 'tenant-audit', version: '0.0.0' }, result, failOn: 'P1', source, quiet: false, color: false, allowIncomplete: false, finishedAt: new Date() });
      expect(text, format).toContain('src/ok.ts');
      expect(text, format).not.toContain(MARKER);
    }
  });

  it('code frames never read a file whose real path is outside, even when asked for it', () => {
    const { root } = layout();
    const inside = sourceLinesFrom(root, scanBoundary(root, false));
    expect(inside('src/ok.ts')?.[1]).toBe('export async function load(id: string) {');
    expect(inside('src/x.ts')).toBeUndefined();
    expect(inside('../elsewhere/secret.ts')).toBeUndefined();
    expect(sourceLinesFrom(root, scanBoundary(root, true))('src/x.ts')?.[2]).toContain(MARKER);
  });

  it('a path on the command line that is a link out is refused too', async () => {
    const { root } = layout();
    const result = await scan({ paths: ['src/x.ts', 'src/ok.ts'], cwd: root });
    expect(result.errors.map((e) => `${e.file}: ${e.message.split(' leaves')[0]?.replace(/ .*/, '')}`)).toEqual(['x.ts: link']);
    expect(result.findings.map((f) => f.file)).toEqual(['ok.ts']);
  });

  it('followExternalSymlinks follows them', async () => {
    const { root } = layout();
    const result = await scan({ paths: [root], followExternalSymlinks: true });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/linked/more.ts:3', 'src/ok.ts:3', 'src/x.ts:3']);
  });

  it('a config file that links out is refused (exit 2 in the CLI), not read', async () => {
    const { root, outside } = layout();
    writeFileSync(join(outside, 'cfg.json'), `{ "${MARKER}": true }`);
    symlinkSync(join(outside, 'cfg.json'), join(root, 'tenant-audit.config.json'));
    const error = await scan({ paths: [root] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/tenant-audit\.config\.json: link to .*cfg\.json leaves the scan root, not followed/);
    expect((error as Error).message).not.toContain(MARKER);
  });
});

describe('links inside', () => {
  it('a link to another folder of the root is followed', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ta-links-'));
    write(base, { 'schema.prisma': SCHEMA, 'lib/a.ts': UNSCOPED });
    mkdirSync(join(base, 'src'));
    symlinkSync(join(base, 'lib/a.ts'), join(base, 'src/a.ts'));
    const result = await scan({ paths: [join(base, 'src'), join(base, 'schema.prisma')] });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.file)).toEqual(['src/a.ts']);
  });

  it('inside a git work tree the boundary is its top: a package may link to a sibling package', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'ta-links-repo-'));
    mkdirSync(join(repo, '.git'));
    write(repo, { 'packages/shared/db.ts': UNSCOPED, 'packages/app/schema.prisma': SCHEMA, 'packages/app/src/ok.ts': UNSCOPED });
    symlinkSync(join(repo, 'packages/shared'), join(repo, 'packages/app/src/shared'));
    const outside = mkdtempSync(join(tmpdir(), 'ta-links-out-'));
    write(outside, { 'x.ts': OUTSIDE_CODE });
    symlinkSync(join(outside, 'x.ts'), join(repo, 'packages/app/src/x.ts'));
    const result = await scan({ paths: [join(repo, 'packages/app')] });
    expect(result.findings.map((f) => f.file)).toEqual(['src/ok.ts', 'src/shared/db.ts']);
    expect(result.errors).toEqual([{ file: 'src/x.ts', message: expect.stringMatching(/ leaves the git work tree, not followed/) as string }]);
  });
});
