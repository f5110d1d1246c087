import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

const GLOB = /[*?[\]{}!]/;

/** True when the argument is a glob for the engine to expand rather than a path that must exist. */
export function isGlob(path: string): boolean {
  return GLOB.test(path);
}

/** Fails fast, before a long scan, on a path that is missing or unreadable (exit 2). */
export function checkReadable(path: string, cwd: string, what = 'path'): void {
  const absolute = resolve(cwd, path);
  try {
    statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' || code === 'ENOTDIR' ? `${what} not found: ${path}` : `cannot read ${what} ${path} (${code ?? 'error'})`);
  }
  try {
    accessSync(absolute, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? 'no permission'})`);
  }
}

export function checkPaths(paths: readonly string[], cwd: string): void {
  for (const path of paths) if (!isGlob(path)) checkReadable(path, cwd);
}
