import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, ensureBuilt, git, initRepo, runCli, tempProject } from './helpers/cli.js';

beforeAll(ensureBuilt);

interface Report {
  findings: { kind: string; file: string }[];
  summary: { filesScanned: number };
}

const files = (stdout: string) => (JSON.parse(stdout) as Report).findings.map((f) => f.file).sort();

describe('--changed / --staged', () => {
  it('--changed without a ref reports files changed since the default branch (committed, staged, unstaged, untracked)', () => {
    const dir = copyFixture('basic');
    initRepo(dir);
    git(dir, 'checkout', '-q', '-b', 'feature');
    appendFileSync(join(dir, 'src/cache.ts'), '\nexport const touched = true;\n');
    git(dir, 'commit', '-q', '-am', 'touch cache');
    writeFileSync(join(dir, 'src/new.ts'), "import Redis from 'ioredis';\nconst r = new Redis();\nexport async function wipe(): Promise<void> {\n  await r.flushall();\n}\n");
    const run = runCli(['.', '--changed', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(files(run.stdout)).toEqual(['src/cache.ts', 'src/new.ts']);
  });

  it('--changed REF compares with that ref; --changed=REF works before paths', () => {
    const dir = copyFixture('basic');
    initRepo(dir);
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    appendFileSync(join(dir, 'src/crypto.ts'), '\n// edited\n');
    git(dir, 'commit', '-q', '-am', 'edit crypto');
    expect(files(runCli(['.', '--changed', first, '--format', 'json'], { cwd: dir }).stdout)).toEqual(['src/crypto.ts']);
    expect(files(runCli([`--changed=${first}`, '.', '--format', 'json'], { cwd: dir }).stdout)).toEqual(['src/crypto.ts']);
    // On main with nothing uncommitted, the default base is HEAD: nothing changed, nothing to report.
    const none = runCli(['.', '--changed', '--format', 'json'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(files(none.stdout)).toEqual([]);
  });

  it('--staged reports only staged files (the pre-commit case)', () => {
    const dir = copyFixture('basic');
    initRepo(dir);
    appendFileSync(join(dir, 'src/documents.ts'), '\n// staged edit\n');
    appendFileSync(join(dir, 'src/cache.ts'), '\n// unstaged edit\n');
    git(dir, 'add', 'src/documents.ts');
    const run = runCli(['--staged', '--format', 'json'], { cwd: dir });
    expect(files(run.stdout)).toEqual(['src/documents.ts']);
    expect(run.code).toBe(1);
    const clean = runCli(['--staged', '--format', 'json'], { cwd: dir });
    expect(clean.code).toBe(1);
    git(dir, 'reset', '-q');
    const nothing = runCli(['--staged'], { cwd: dir });
    expect(nothing.code).toBe(0);
  });

  it('an unknown ref is a usage error', () => {
    const dir = copyFixture('basic');
    initRepo(dir);
    const run = runCli(['.', '--changed', 'no-such-branch'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tenant-audit: --changed: unknown git ref "no-such-branch"\n');
  });

  it('outside a git repository: exit 2 with a clear message', () => {
    const dir = tempProject({ 'a.ts': 'export const a = 1;\n' });
    for (const flag of ['--changed', '--staged']) {
      const run = runCli(['.', flag], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dir } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^tenant-audit: not a git repository .*--changed and --staged need one\n$/);
    }
  });
});
