import type { ScanResult } from '../model.js';

/** What the top of a human report says about source files the scan could not analyse. */
export interface IncompleteNotice {
  /** `INCOMPLETE: 2 source files were not analysed, so what they hold is unknown` */
  heading: string;
  entries: { file: string; message: string }[];
  /** How to get past it, when it fails the run. */
  hint: string | undefined;
}

/**
 * Undefined when every source file was analysed. A leak in a file nobody read is still a leak, so
 * these files lead the report instead of hiding among the warnings.
 */
export function incompleteNotice(result: ScanResult, allowIncomplete: boolean): IncompleteNotice | undefined {
  const n = result.coverage.filesNotAnalysed;
  if (n === 0) return undefined;
  const heading = `INCOMPLETE: ${n} source file${n === 1 ? ' was' : 's were'} not analysed, so what ${n === 1 ? 'it holds' : 'they hold'} is unknown`;
  const hint = allowIncomplete
    ? undefined
    : 'The run exits 2: fix these files, leave them out with config "ignore", or accept the gap with --allow-incomplete (config "allowIncomplete": true).';
  return { heading, entries: result.coverage.notAnalysed.map((e) => ({ file: e.file, message: e.message })), hint };
}

/** Tells the `errors` entries that are files not analysed from plain warnings (formats that list both in one place). */
export function notAnalysedTest(result: ScanResult): (entry: { file: string; message: string }) => boolean {
  const keys = new Set(result.coverage.notAnalysed.map((e) => `${e.file}\0${e.message}`));
  return (entry) => keys.has(`${entry.file}\0${entry.message}`);
}
