import { spawnSync } from 'node:child_process';
import { UsageError } from '../errors.js';

export interface GitOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs git with an argument vector (no shell, so file names and refs are never interpreted); quotePath off so non-ASCII names come back verbatim. */
export function git(args: readonly string[], cwd: string): GitOutcome {
  const run = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? 'git is not installed or not on PATH (needed by --changed / --staged)' : `cannot run git: ${run.error.message}`);
  }
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

/** First line of git's complaint, for a one-line message. */
export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? 'git failed';
}
