import { resolve } from 'node:path';
import { changedFiles, stagedFiles } from '../git/changed.js';
import type { Finding } from '../model.js';
import type { CliOptions } from './options.js';

/** `--changed` / `--staged`: the absolute files to report on; undefined means report everything. */
export function selectFiles(options: CliOptions, cwd: string): string[] | undefined {
  if (options.staged) return stagedFiles(cwd);
  if (options.changed !== undefined) return changedFiles(cwd, options.changed);
  return undefined;
}

/**
 * Keeps only findings in the selected files. The engine already restricts them; repeating it here
 * keeps the contract even if an analysis reports a finding in an imported, unchanged file.
 */
export function restrictToFiles(root: string, findings: readonly Finding[], only: readonly string[] | undefined): Finding[] {
  if (!only) return [...findings];
  const wanted = new Set(only.map((f) => resolve(f)));
  return findings.filter((f) => wanted.has(resolve(root, f.file)));
}
