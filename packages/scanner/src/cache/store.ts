import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many whole-scan results are kept (one per code base, config and path selection in use). */
const RESULTS_KEPT = 8;

/**
 * The cache on disk: one file per entry, named by its key, written whole or not at all (a temporary
 * file renamed into place), so concurrent scans and interrupted ones never leave half an entry. A
 * missing, unreadable or malformed entry is a miss; a cache that cannot be written is a warning, and
 * the scan's results never depend on it.
 */
export class CacheStore {
  /** What went wrong reading or writing, once each: reported as warnings, never as failures. */
  readonly problems: string[] = [];
  private readonly factsDir: string;
  private readonly resultsDir: string;
  private writable = true;
  private readonly usedFacts = new Set<string>();

  constructor(readonly dir: string) {
    this.factsDir = join(dir, 'files');
    this.resultsDir = join(dir, 'results');
  }

  readFacts<T>(key: string): T | undefined {
    const value = this.read<T>(join(this.factsDir, `${key}.json`));
    if (value !== undefined) this.usedFacts.add(key);
    return value;
  }

  writeFacts(key: string, value: unknown): void {
    this.usedFacts.add(key);
    this.write(this.factsDir, `${key}.json`, value);
  }

  readResult<T>(key: string): T | undefined {
    return this.read<T>(join(this.resultsDir, `${key}.json`));
  }

  writeResult(key: string, value: unknown): void {
    this.write(this.resultsDir, `${key}.json`, value);
    this.pruneResults();
  }

  /** A file of its own beside the entries (the lint view the ESLint plugin reads). */
  writeFile(name: string, value: unknown): void {
    this.write(this.dir, name, value);
  }

  /**
   * After a scan of the whole code base: drops the per-file entries it did not use, once they outnumber
   * the used ones (entries of files since edited or deleted, of an older tool or config).
   */
  pruneFacts(): void {
    if (!this.writable) return;
    let names: string[];
    try {
      names = readdirSync(this.factsDir);
    } catch {
      return;
    }
    if (names.length <= 2 * this.usedFacts.size + 64) return;
    for (const name of names) {
      if (!this.usedFacts.has(name.replace(/\.json$/, ''))) rmSync(join(this.factsDir, name), { force: true });
    }
  }

  private pruneResults(): void {
    try {
      const entries = readdirSync(this.resultsDir).map((name) => ({ name, at: statSync(join(this.resultsDir, name)).mtimeMs }));
      entries.sort((a, b) => b.at - a.at);
      for (const old of entries.slice(RESULTS_KEPT)) rmSync(join(this.resultsDir, old.name), { force: true });
    } catch {
      // Another scan pruning at the same time: whatever is left is still valid.
    }
  }

  private read<T>(path: string): T | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      // A damaged entry is a miss; the fresh result overwrites it.
      return undefined;
    }
  }

  private write(dir: string, name: string, value: unknown): void {
    if (!this.writable) return;
    const temp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, join(dir, name));
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing was created (the folder itself could not be).
      }
      this.writable = false;
      this.problems.push(`cache not written (${this.dir}): ${String((error as Error).message ?? error).split('\n')[0]}; the scan is not affected`);
    }
  }
}
