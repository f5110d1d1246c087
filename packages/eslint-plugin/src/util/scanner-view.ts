import { dirname, isAbsolute, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { contentHash, findCacheDir, LINT_VIEW_FILE, readLintView, viewPath, viewStillHolds, type LintView, type LintViewFinding } from '@tenant-audit/core';

/**
 * The shared setting `settings.tenantIsolationCache`: where `tenant-audit` keeps its cache (a folder,
 * relative to ESLint's working folder), or `false` to lint every file on its own. Default: the nearest
 * `.tenant-audit/cache` above the linted file.
 */
export const CACHE_SETTING = 'tenantIsolationCache';

/**
 * How often (ms) a long-lived ESLint process (an editor) looks again: for a newer view, and for edits
 * to the files it vouches for. Within that time a view already checked is trusted.
 */
const RECHECK_MS = 2000;

interface HeldView {
  view: LintView;
  byFile: Map<string, LintViewFinding[]>;
  /** The view file's mtime when read: a newer scan rewrites it. */
  readAt: number;
  checkedAt: number;
  holds: boolean;
}

const held = new Map<string, HeldView | null>();
/** The last text hashed per file: the nine rules of one lint ask about the same text. */
const lastHash = new Map<string, { text: string; hash: string }>();

function hashOf(filename: string, text: string): string {
  const known = lastHash.get(filename);
  if (known && known.text === text) return known.hash;
  const hash = contentHash(text);
  lastHash.set(filename, { text, hash });
  return hash;
}
const dirs = new Map<string, { dir: string | undefined; at: number }>();

function viewFileTime(dir: string): number | undefined {
  try {
    return statSync(join(dir, LINT_VIEW_FILE)).mtimeMs;
  } catch {
    return undefined;
  }
}

function cacheDirFor(fileDir: string, now: number): string | undefined {
  const known = dirs.get(fileDir);
  if (known && now - known.at < RECHECK_MS) return known.dir;
  const dir = findCacheDir(fileDir);
  dirs.set(fileDir, { dir, at: now });
  return dir;
}

function currentView(dir: string, now: number): HeldView | undefined {
  let entry = held.get(dir);
  if (entry && now - entry.checkedAt < RECHECK_MS) return entry;
  const time = viewFileTime(dir);
  if (time === undefined) {
    held.set(dir, null);
    return undefined;
  }
  if (!entry || entry.readAt !== time) {
    const view = readLintView(dir);
    if (!view) {
      held.set(dir, null);
      return undefined;
    }
    const byFile = new Map<string, LintViewFinding[]>();
    for (const f of view.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    entry = { view, byFile, readAt: time, checkedAt: 0, holds: false };
  }
  // One file edited anywhere can change the verdicts of others (a caller now passes the client's id).
  entry.holds = viewStillHolds(entry.view);
  entry.checkedAt = now;
  held.set(dir, entry);
  return entry;
}

/**
 * The scanner's findings in the linted file, when its last whole-program scan saw this very text and no
 * file it read has changed since; undefined otherwise (the rules then judge the file on its own).
 */
export function scannerFindingsFor(filename: string, text: string, setting: unknown, cwd: string): LintViewFinding[] | undefined {
  if (setting !== undefined && setting !== false && (typeof setting !== 'string' || setting.trim() === '')) {
    throw new Error(`[eslint-plugin-tenant-isolation] settings.${CACHE_SETTING} must be false or the folder of tenant-audit's cache, not ${JSON.stringify(setting)}`);
  }
  if (setting === false || !isAbsolute(filename)) return undefined;
  const now = Date.now();
  const dir = typeof setting === 'string' ? resolve(cwd, setting) : cacheDirFor(dirname(filename), now);
  if (!dir) return undefined;
  const entry = currentView(dir, now);
  if (!entry?.holds) return undefined;
  const rel = viewPath(entry.view, filename);
  const seen = rel === undefined ? undefined : entry.view.files[rel];
  if (!rel || !seen || seen.textHash !== hashOf(filename, text)) return undefined;
  return entry.byFile.get(rel) ?? [];
}
