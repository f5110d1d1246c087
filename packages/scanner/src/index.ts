/** The tenant-audit scanner engine: `scan()` and the result model every reporter reads. */
export { scan } from './analysis/scan.js';
export type { Finding, ScanError, ScanOptions, ScanResult, TraceStep } from './model.js';
