import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, type LintView } from '@tenant-audit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { scannerFindingsFor } from '../src/util/scanner-view.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const A = 'export const a = 1;\n';
const B = 'export const b = 2;\n';

/** A project with two files and a lint view (as `tenant-audit` writes it) vouching for both. */
function project(): { root: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'ta-view-'));
  dirs.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/a.ts'), A);
  writeFileSync(join(root, 'src/b.ts'), B);
  const cache = join(root, '.tenant-audit/cache');
  mkdirSync(cache, { recursive: true });
  const entry = (rel: string, text: string) => {
    const stat = statSync(join(root, rel));
    return { hash: contentHash(text), textHash: contentHash(text), size: stat.size, mtimeMs: stat.mtimeMs };
  };
  const view: LintView = {
    format: 1,
    root,
    files: { 'src/a.ts': entry('src/a.ts', A), 'src/b.ts': entry('src/b.ts', B) },
    findings: [{ kind: 'unscoped-query', severity: 'P0', file: 'src/a.ts', line: 1, column: 14, message: 'm' }],
  };
  writeFileSync(join(cache, 'lint-view.json'), JSON.stringify(view));
  return { root, cache };
}

describe('the scanner\'s lint view', () => {
  it('is found above the linted file and gives its findings in the file it vouches for', () => {
    const { root } = project();
    expect(scannerFindingsFor(join(root, 'src/a.ts'), A, undefined, root)).toEqual([expect.objectContaining({ kind: 'unscoped-query', line: 1 })]);
    expect(scannerFindingsFor(join(root, 'src/b.ts'), B, undefined, root)).toEqual([]);
  });

  it('is not used for another text (an unsaved edit), a file it never saw, or with the setting false', () => {
    const { root } = project();
    expect(scannerFindingsFor(join(root, 'src/a.ts'), `${A}// typing\n`, undefined, root)).toBeUndefined();
    expect(scannerFindingsFor(join(root, 'src/new.ts'), A, undefined, root)).toBeUndefined();
    expect(scannerFindingsFor(join(root, 'src/a.ts'), A, false, root)).toBeUndefined();
    expect(scannerFindingsFor('src/a.ts', A, undefined, root)).toBeUndefined();
  });

  it('is retired when another file it vouches for changed on disk, kept when one was only touched', () => {
    const touched = project();
    utimesSync(join(touched.root, 'src/b.ts'), new Date(), new Date(Date.now() + 5000));
    expect(scannerFindingsFor(join(touched.root, 'src/a.ts'), A, undefined, touched.root)).toHaveLength(1);
    const edited = project();
    writeFileSync(join(edited.root, 'src/b.ts'), 'export const b = 3;\n');
    expect(scannerFindingsFor(join(edited.root, 'src/a.ts'), A, undefined, edited.root)).toBeUndefined();
    const deleted = project();
    rmSync(join(deleted.root, 'src/b.ts'));
    expect(scannerFindingsFor(join(deleted.root, 'src/a.ts'), A, undefined, deleted.root)).toBeUndefined();
  });

  it('is read from the folder the setting names, relative to the working folder', () => {
    const { root } = project();
    const elsewhere = mkdtempSync(join(tmpdir(), 'ta-view-cwd-'));
    dirs.push(elsewhere);
    const file = join(root, 'src/a.ts');
    expect(scannerFindingsFor(file, A, join(root, '.tenant-audit/cache'), elsewhere)).toHaveLength(1);
    expect(scannerFindingsFor(file, A, 'no-such-cache', elsewhere)).toBeUndefined();
  });

  it('ignores a view it cannot read, and names a wrong setting', () => {
    const { root, cache } = project();
    writeFileSync(join(cache, 'lint-view.json'), '{"format":2}');
    const other = mkdtempSync(join(tmpdir(), 'ta-view-bad-'));
    dirs.push(other);
    expect(scannerFindingsFor(join(root, 'src/a.ts'), A, cache, other)).toBeUndefined();
    expect(() => scannerFindingsFor(join(root, 'src/a.ts'), A, 3, root)).toThrow(/settings.tenantIsolationCache must be false or the folder/);
  });
});
