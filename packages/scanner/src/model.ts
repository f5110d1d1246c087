/**
 * The scanner's result model: what `scan()` returns and every reporter reads. The JSON reporter
 * prints it in the contract's shape (`schemaVersion: 1`), so field names here follow the contract.
 */
import type { FixOptions, LintViewFinding } from '@tenant-audit/core';
import type { BaselineEntry } from './baseline/file.js';

export interface TraceStep {
  /** Relative to the scan root, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** e.g. `GET /documents/:id`, `calls findDocumentById`, `prisma.document.findUnique`. */
  note: string;
  /** The step is an entry point (a route, job, procedure, resolver): where the path starts. Only ever `true`. */
  entry?: true;
}

/** A finding: where it is and what it says (core's `LintViewFinding`, what the ESLint rules read back), and more. */
export interface Finding extends LintViewFinding {
  /** `tenant-isolation/<rule>` when an ESLint rule reports the same kind. */
  ruleId?: string;
  /**
   * The kind's full fix for this finding, in the code base's terms: the tenant column of the model it
   * touches, and `@tenant-audit/runtime`'s APIs only when the code base imports it.
   */
  fix?: string;
  /** Enclosing function / method name. */
  symbol?: string;
  trace?: TraceStep[];
  /** Other entry paths that reach the same sink unchecked (a helper shared by several handlers), beside `trace`. */
  otherTraces?: TraceStep[][];
  /** Stable across unrelated edits: hash of kind, file, symbol, normalised code of the flagged node. */
  fingerprint: string;
}

export interface ScanError {
  file: string;
  message: string;
}

/** How many data-access sinks the scan saw and what it could say of them. */
export interface Coverage {
  /** Every database / vector-store read or write recognised. */
  sinks: number;
  /** Judged scoped, or judged not to hold tenant data. */
  scoped: number;
  /** Carrying a finding (before suppressions and the baseline). */
  reported: number;
  /** Neither: what the tool could not judge. */
  unjudged: number;
  /** model: no schema/migration/entity declares the table; table: subquery or table in a variable; filter: not readable; caller: no caller found for a value its callers decide. */
  unjudgedBy: { model: number; table: number; filter: number; caller: number };
  /**
   * Source files the scan could not analyse (unreadable, binary, too large, unparsable, over the time
   * budget): whatever they hold is unknown, so the CLI fails the run unless told to accept it.
   */
  filesNotAnalysed: number;
  /** Those files, each with the reason (the same line as its `errors` entry), sorted by file. */
  notAnalysed: ScanError[];
}

/**
 * What became of one data-access sink (a query, a vector search): reported, judged scoped (or not
 * tenant data), or left unjudged, and why. In `ScanResult.sinkOutcomes` when `ScanOptions.sinkOutcomes`
 * is set (`tenant-audit explain` reads it); `TENANT_AUDIT_DEBUG_SINKS=1` prints the same list.
 */
export interface SinkOutcome {
  file: string;
  line: number;
  symbol?: string;
  sink: string;
  /** Core's file-local verdict. */
  verdict: string;
  reason: string;
  outcome: 'reported' | 'scoped' | 'unjudged';
  why: string;
  cause?: 'model' | 'table' | 'filter' | 'caller';
}

export interface ScanResult {
  /** Absolute scan root. */
  root: string;
  filesScanned: number;
  durationMs: number;
  findings: Finding[];
  errors: ScanError[];
  /**
   * Findings silenced by suppression comments or the baseline (`findings` holds the rest). Zero when
   * `ScanOptions.applySuppressions` is false and no baseline was given.
   */
  suppressed: number;
  /** What was judged: data-access sinks seen, scoped, reported, unjudged. */
  coverage: Coverage;
  /** Every data-access sink with its outcome; only when `ScanOptions.sinkOutcomes` was set. */
  sinkOutcomes?: SinkOutcome[];
  /** What per-kind fix advice is tailored to (the code base's tenant column, whether it uses the runtime). */
  fixOptions?: FixOptions;
  /**
   * How the cache served this scan, when one was used: the whole result reused (nothing the scan reads
   * had changed), or how many source files were analysed afresh and how many read back from their facts.
   */
  cacheUse?: CacheUse;
}

export interface CacheUse {
  resultReused: boolean;
  filesAnalysed: number;
  filesReused: number;
}

export interface ScanOptions {
  /** Files, folders or globs; default ['.']. */
  paths: string[];
  /** Working directory paths are resolved against; default process.cwd(). */
  cwd?: string;
  /** Explicit config file (`--config`). */
  configFile?: string;
  /** Explicit tsconfig (`--project`). */
  project?: string;
  /**
   * Report only findings in these files (absolute paths), while still reading what they import
   * (`--changed` / `--staged`). Undefined: report everything.
   */
  onlyFiles?: string[];
  /**
   * Follow symlinks whose real path is outside the scan root (or the git work tree holding it).
   * Default false: such links are reported in `errors` and nothing behind them is read.
   */
  followExternalSymlinks?: boolean;
  /**
   * Also return every data-access sink with what became of it (`ScanResult.sinkOutcomes`): why a
   * query was judged scoped, or left unjudged. Off by default (large code bases have thousands).
   */
  sinkOutcomes?: boolean;
  /**
   * Honour `// tenant-audit-ignore-next-line <kind> -- reason` comments: silenced findings leave
   * `findings` and count in `suppressed`, and a directive without a reason or with an unknown kind is an
   * `errors` entry. Default true; false returns every finding (`tenant-audit explain` shows silenced ones).
   */
  applySuppressions?: boolean;
  /**
   * Accepted findings to drop (after suppressions): a baseline file's path (resolved against `cwd`;
   * an unreadable or malformed file throws) or its entries. Each entry absorbs one finding with its
   * fingerprint; the dropped ones count in `suppressed`.
   */
  baseline?: string | readonly BaselineEntry[];
  /**
   * Keep facts between runs (`--cache-location`; the CLI's default): a folder (relative to `cwd`), or
   * `true` for `.tenant-audit/cache` in the folder whose config applies. Each file's analysis is kept by
   * its content, the tool and the config, and the whole result by the bytes of every file read, so a
   * re-scan analyses only what changed and a stale entry is never read. Undefined: no cache.
   */
  cacheLocation?: string | true;
  /** Progress callback (files analysed so far, total). */
  onProgress?: (done: number, total: number) => void;
}
