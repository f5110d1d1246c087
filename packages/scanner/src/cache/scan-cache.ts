import { isAbsolute, resolve } from 'node:path';
import { analysisFromFacts, contentHash, factsOf, type AnalysisEnv, type FileAnalysis, type FileFacts, type LintView, DEFAULT_CACHE_DIR, LINT_VIEW_FILE, LINT_VIEW_FORMAT } from '@tenant-audit/core';
import { readFileSync, statSync } from 'node:fs';
import { ts as tsModule, type TS } from '../compiler.js';
import type { ScanResult } from '../model.js';
import { analysisEnvKey, fileFactsKey, inputsDigest, scanResultKey, scannerFingerprint } from './keys.js';
import { CacheStore } from './store.js';

/** A file's cached analysis: its facts and what analysing it cost (its budget's share already spent). */
interface FactsEntry {
  facts: FileFacts;
  spentMs: number;
}

/** A whole scan's result before suppressions and the baseline (both are applied on every run). */
export type CachedScan = Omit<ScanResult, 'durationMs' | 'cacheUse'>;

/**
 * The scan's persistent cache. Two levels, both keyed by content, never by time:
 * - a whole scan's result, keyed by the tool, the options and config, and the bytes of every file the
 *   scan reads: a re-scan with nothing changed reads the files, hashes them and answers;
 * - each file's analysis as plain facts, keyed by the tool, the config, what the program as a whole
 *   taught the analysis, and the file's path and text: after an edit only the changed files are
 *   analysed again, and the whole-program join runs over the facts of the others.
 */
export class ScanCache {
  private readonly store: CacheStore;
  private readonly fingerprint: string;
  private envKey: string | undefined;
  private resultKey: string | undefined;
  /** The bytes' hash of every input, from keying the result: the lint view reuses them. */
  private byteHashes = new Map<string, string>();
  /** Each source file's text hash, computed once for its lookup, its entry and the lint view. */
  private readonly textHashes = new Map<string, string>();
  /** Analysed afresh, read from the cache: for the bench and the tests. */
  readonly stats = { analysed: 0, reused: 0 };

  /** `fingerprint`: the build's own unless given (tests stand in another build with it). */
  constructor(dir: string, fingerprint: string = scannerFingerprint()) {
    this.store = new CacheStore(dir);
    this.fingerprint = fingerprint;
  }

  /** The cache a scan uses: `location` (relative to `cwd`), else `.tenant-audit/cache` in the config root. */
  static at(location: string | true, cwd: string, configRoot: string): ScanCache {
    const dir = location === true ? resolve(configRoot, DEFAULT_CACHE_DIR) : isAbsolute(location) ? location : resolve(cwd, location);
    return new ScanCache(dir);
  }

  get problems(): readonly string[] {
    return this.store.problems;
  }

  /** Keys the whole result by everything the scan was asked and every file it reads. */
  keyResult(inputs: readonly string[], asked: Record<string, unknown>): void {
    this.byteHashes = inputsDigest(inputs);
    this.resultKey = scanResultKey({ fingerprint: this.fingerprint, asked, inputs: [...this.byteHashes] });
  }

  cachedResult(): CachedScan | undefined {
    return this.resultKey ? this.store.readResult<CachedScan>(this.resultKey) : undefined;
  }

  storeResult(result: CachedScan): void {
    if (this.resultKey) this.store.writeResult(this.resultKey, result);
  }

  /** Called once the program-wide part of the analysis env is known (before any file is analysed). */
  useEnv(env: AnalysisEnv, compilerOptions: unknown): void {
    this.envKey = analysisEnvKey(this.fingerprint, env, compilerOptions);
  }

  /** The file's analysis from the cache, its nodes found again in `sf`; undefined on a miss. */
  cachedAnalysis(path: string, sf: TS.SourceFile): { analysis: FileAnalysis; spentMs: number } | undefined {
    if (!this.envKey) return undefined;
    const entry = this.store.readFacts<FactsEntry>(fileFactsKey(this.envKey, path, this.textHash(path, sf.text)));
    if (!entry || typeof entry.spentMs !== 'number' || !entry.facts) return undefined;
    const analysis = analysisFromFacts(entry.facts, sf, tsModule);
    if (!analysis) return undefined;
    this.stats.reused++;
    return { analysis, spentMs: entry.spentMs };
  }

  storeAnalysis(path: string, sf: TS.SourceFile, analysis: FileAnalysis, spentMs: number): void {
    if (!this.envKey) return;
    this.stats.analysed++;
    let facts: FileFacts;
    try {
      facts = factsOf(analysis, sf);
    } catch {
      // Not plain data (`UnserializableFact`), or a node the serializer cannot place: this file is
      // simply analysed again next time; the cache never costs a scan anything but time.
      return;
    }
    this.store.writeFacts(fileFactsKey(this.envKey, path, this.textHash(path, sf.text)), { facts, spentMs } satisfies FactsEntry);
  }

  private textHash(path: string, text: string): string {
    let hash = this.textHashes.get(path);
    if (hash === undefined) this.textHashes.set(path, (hash = contentHash(text)));
    return hash;
  }

  /** The scan's verdicts per file for the ESLint rules (after a scan of the whole code base only). */
  writeLintView(result: CachedScan, files: readonly { path: string; rel: string; text: string }[]): void {
    const view: LintView = { format: LINT_VIEW_FORMAT, root: result.root, files: {}, findings: [] };
    for (const f of files) {
      try {
        const stat = statSync(f.path);
        const hash = this.byteHashes.get(f.path) ?? contentHash(readFileSync(f.path));
        view.files[f.rel] = { hash, textHash: this.textHash(f.path, f.text), size: stat.size, mtimeMs: stat.mtimeMs };
      } catch {
        // Gone since it was read: the view cannot vouch for it, and the plugin then finds it changed.
      }
    }
    for (const finding of result.findings) {
      const { kind, severity, file, line, column, endLine, endColumn, message } = finding;
      view.findings.push({ kind, severity, file, line, column, ...(endLine !== undefined && { endLine }), ...(endColumn !== undefined && { endColumn }), message });
    }
    this.store.writeFile(LINT_VIEW_FILE, view);
    this.store.pruneFacts();
  }
}
