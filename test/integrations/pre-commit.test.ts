/**
 * The hook for the pre-commit framework (.pre-commit-hooks.yaml): its manifest, and its entry run the
 * way pre-commit runs it (the command split on spaces, `tenant-audit` found on PATH, no file names)
 * in a fresh git repository, on a staged gap and on a clean staged change.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../packages/scanner/test/cli/helpers/cli.js';
import { SCANNER_VERSION, cleanEnv, cliBin, copyFromFixture, git, initRepo, isolatedPath, readRepoFile, readYaml, run, tempDir } from './support.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  args?: string[];
  additional_dependencies?: string[];
  pass_filenames?: boolean;
  types_or?: string[];
}

const hooks = readYaml<Hook[]>('.pre-commit-hooks.yaml');
const hook = hooks.find((h) => h.id === 'tenant-audit');

/** What pre-commit executes: the entry split like a shell word list, then the hook's args (no file names). */
function runHook(repo: string) {
  const entry = hook?.entry ?? '';
  expect(entry).not.toMatch(/["'\\$]/);
  const [command, ...args] = [...entry.split(/\s+/), ...(hook?.args ?? [])];
  return run(command!, args, repo, cleanEnv({ PATH: isolatedPath(cliBin()) }));
}

beforeAll(ensureBuilt);

describe('.pre-commit-hooks.yaml', () => {
  it('declares the tenant-audit hook: --staged, no file names, TypeScript and JavaScript files', () => {
    expect(hook).toMatchObject({ entry: 'tenant-audit --staged --no-progress', language: 'node', pass_filenames: false });
    expect(hook?.types_or).toEqual(expect.arrayContaining(['ts', 'tsx', 'javascript']));
  });

  it('installs the CLI release this repository is at, which the README tells users to reference', () => {
    // The repository root is a workspace whose CLI is built, not committed: the hook's Node
    // environment gets the published CLI, pinned to this version, so `rev: v<version>` runs it.
    expect(hook?.additional_dependencies).toEqual([`tenant-audit@${SCANNER_VERSION}`]);
    // pre-commit installs a node hook by packing the repository root, and npm pack needs both.
    const root = JSON.parse(readRepoFile('package.json')) as { name?: string; version?: string };
    expect(root.name).toBeTruthy();
    expect(root.version).toBe(SCANNER_VERSION);
    const readme = readRepoFile('packages/scanner/README.md');
    expect(readme).toContain('repo: https://github.com/tenant-audit/tenant-audit');
    expect(readme).toContain(`rev: v${SCANNER_VERSION}`);
  });
});

describe('the hook in a git repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempDir('pre-commit');
    initRepo(repo);
    copyFromFixture(repo, ['src/safe.ts']);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'clean baseline');
  });

  it('blocks a commit that stages a gap', () => {
    copyFromFixture(repo, ['src/documents.ts']);
    git(repo, 'add', 'src/documents.ts');
    const result = runHook(repo);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {4}P0 unscoped-query {2}src\/documents\.ts:6:10 in findDocument$/m);
    expect(result.stdout).toMatch(/^1 finding \(P0 1, P1 0, P2 0\) in 1 file,/m);
  });

  it('passes a clean staged change, even with the gap still in the work tree but not staged', () => {
    git(repo, 'reset', '-q');
    appendFileSync(join(repo, 'src/safe.ts'), '\nexport function twice(a: number): number {\n  return add(a, a);\n}\n');
    git(repo, 'add', 'src/safe.ts');
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('src/safe.ts\n');
    const result = runHook(repo);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^0 findings \(P0 0, P1 0, P2 0\) in 1 file,/m);
    expect(result.stdout).not.toContain('src/documents.ts');
  });

  it('passes when nothing the scanner reads is staged', () => {
    git(repo, 'reset', '-q');
    writeFileSync(join(repo, 'NOTES.md'), 'docs only\n');
    git(repo, 'add', 'NOTES.md');
    expect(runHook(repo).code).toBe(0);
  });
});
