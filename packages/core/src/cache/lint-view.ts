import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { GapKind } from '../gaps/kinds.js';
import type { Severity } from '../gaps/severity.js';
import { contentHash } from './hash.js';

/**
 * The scanner's last whole-program verdicts, per file, for the ESLint rules to read: the "lint view".
 * `tenant-audit` writes it into its cache folder after every scan of the whole code base; a rule linting
 * a file the scan saw, unchanged since, reports what the scan reported there (callers in other files
 * included) instead of what one file shows.
 */
export const LINT_VIEW_FILE = 'lint-view.json';
export const LINT_VIEW_FORMAT = 1;
/** The cache folder, relative to the folder the scan ran in, unless `--cache-location` says otherwise. */
export const DEFAULT_CACHE_DIR = join('.tenant-audit', 'cache');

export interface LintViewFinding {
  kind: GapKind;
  severity: Severity;
  /** Relative to the scan root, `/` separators. */
  file: string;
  /** 1-based line and column, as in the scanner's report. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface LintViewFile {
  /** Hex SHA-256 of the file's bytes when scanned. */
  hash: string;
  /** Hex SHA-256 of its text as decoded (no byte-order mark): what an editor lints, saved or not. */
  textHash: string;
  size: number;
  mtimeMs: number;
}

export interface LintView {
  format: typeof LINT_VIEW_FORMAT;
  /** Absolute scan root. */
  root: string;
  /** Every source file the scan analysed, relative to the root. */
  files: Record<string, LintViewFile>;
  /** The scan's findings in those files (after suppression comments; no baseline applied). */
  findings: LintViewFinding[];
}

function isView(value: unknown): value is LintView {
  const v = value as Partial<LintView> | null;
  return !!v && v.format === LINT_VIEW_FORMAT && typeof v.root === 'string' && typeof v.files === 'object' && !!v.files && Array.isArray(v.findings);
}

/** The view in a cache folder, or undefined when there is none or it is not one this version reads. */
export function readLintView(cacheDir: string): LintView | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(cacheDir, LINT_VIEW_FILE), 'utf8'));
    return isView(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest `.tenant-audit/cache` holding a lint view, from `startDir` up to the file system's root. */
export function findCacheDir(startDir: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, DEFAULT_CACHE_DIR);
    if (existsSync(join(candidate, LINT_VIEW_FILE))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A file's path as the view names it, or undefined when it lies outside the view's root. */
export function viewPath(view: LintView, file: string): string | undefined {
  const rel = relative(view.root, file);
  if (!rel || rel.startsWith('..') || rel.includes(`..${sep}`)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * Whether every file the scan read is still as it was: a changed size or time is checked by content,
 * so a touched but unedited file keeps the view. One changed file anywhere can change verdicts in
 * others (a caller now passes the client's id), so it retires the whole view.
 */
export function viewStillHolds(view: LintView): boolean {
  for (const [rel, seen] of Object.entries(view.files)) {
    const path = join(view.root, rel);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return false;
    }
    if (stat.size === seen.size && stat.mtimeMs === seen.mtimeMs) continue;
    if (stat.size !== seen.size) return false;
    try {
      if (contentHash(readFileSync(path)) !== seen.hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
