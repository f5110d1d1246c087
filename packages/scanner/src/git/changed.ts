import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { firstLine, git } from './run.js';

/** The repository's top folder; git prints changed paths relative to it. */
export function repoRoot(cwd: string): string {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new UsageError(`not a git repository (or git cannot read it): ${cwd}; --changed and --staged need one`);
  return top.stdout.trim();
}

function refExists(ref: string, cwd: string): boolean {
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd).ok;
}

/**
 * The default base of `--changed`: the merge base of HEAD with the default branch (origin's HEAD,
 * else main / master, local or remote), or HEAD itself when there is none (on the default branch
 * with no remote, "changed" means uncommitted).
 */
export function defaultBase(cwd: string): string {
  const candidates: string[] = [];
  const originHead = git(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], cwd);
  if (originHead.ok && originHead.stdout.trim()) candidates.push(originHead.stdout.trim());
  candidates.push('origin/main', 'origin/master', 'main', 'master');
  for (const branch of candidates) {
    if (!refExists(branch, cwd)) continue;
    const base = git(['merge-base', 'HEAD', branch], cwd);
    if (base.ok && base.stdout.trim()) return base.stdout.trim();
  }
  if (refExists('HEAD', cwd)) return 'HEAD';
  // A repository without commits: everything is new; compare with the empty tree.
  return git(['hash-object', '-t', 'tree', '/dev/null'], cwd).stdout.trim();
}

function names(output: string, top: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => resolve(top, l));
}

/**
 * Files changed since `ref` (committed since the base, staged, unstaged, and new untracked files),
 * as absolute paths. Deleted files are left out: there is nothing to scan.
 */
export function changedFiles(cwd: string, ref: string | true): string[] {
  const top = repoRoot(cwd);
  const base = ref === true ? defaultBase(cwd) : ref;
  if (ref !== true && !refExists(ref, cwd)) throw new UsageError(`--changed: unknown git ref "${ref}"`);
  const diff = git(['diff', '--name-only', '--no-renames', '--diff-filter=ACMRT', base, '--'], top);
  if (!diff.ok) throw new UsageError(`--changed: git diff failed: ${firstLine(diff.stderr)}`);
  const untracked = git(['ls-files', '--others', '--exclude-standard'], top);
  return [...new Set([...names(diff.stdout, top), ...(untracked.ok ? names(untracked.stdout, top) : [])])].sort();
}

/** Files staged for commit (what a pre-commit hook checks), as absolute paths. */
export function stagedFiles(cwd: string): string[] {
  const top = repoRoot(cwd);
  const diff = git(['diff', '--cached', '--name-only', '--no-renames', '--diff-filter=ACMRT'], top);
  if (!diff.ok) throw new UsageError(`--staged: git diff failed: ${firstLine(diff.stderr)}`);
  return names(diff.stdout, top).sort();
}
