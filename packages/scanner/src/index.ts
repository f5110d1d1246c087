/** The tenant-audit scanner engine: `scan()` and the result model every reporter reads. */
export { scan } from './analysis/scan.js';
export type { CacheUse, Coverage, Finding, ScanError, ScanOptions, ScanResult, SinkOutcome, TraceStep } from './model.js';
export type { BaselineEntry } from './baseline/file.js';
export { UsageError } from './errors.js';
