import { loadConfig } from '@tenant-audit/core';
import type { ScanResult } from '../model.js';
import { findConfigRoot } from '../program/config-root.js';
import { printable } from '../report/printable.js';

/**
 * Whether files the scan could not analyse may pass: `--allow-incomplete`, else config
 * `allowIncomplete` (the config the engine used: `--config`, else the one found from the root).
 */
export function allowsIncomplete(flag: boolean, result: ScanResult, configFile: string | undefined): boolean {
  if (flag) return true;
  if (result.coverage.filesNotAnalysed === 0) return false;
  return loadConfig(findConfigRoot(result.root), configFile).config.allowIncomplete;
}

/** `2 source files were not analysed (a.ts, b.ts; note)`: at most three names, shown printable. */
export function notAnalysedSummary(result: ScanResult, note?: string): string {
  const files = result.coverage.notAnalysed.map((e) => printable(e.file));
  const shown = files.slice(0, 3).join(', ');
  const more = files.length > 3 ? ` and ${files.length - 3} more` : '';
  const n = result.coverage.filesNotAnalysed;
  return `${n} source file${n === 1 ? ' was' : 's were'} not analysed (${shown}${more}${note ? `; ${note}` : ''})`;
}

/** The one stderr line of a run that exits 2 because source files were not analysed. */
export function incompleteMessage(result: ScanResult): string {
  return `incomplete scan: ${notAnalysedSummary(result, 'see the report')}; fix or "ignore" them, or pass --allow-incomplete to exit by the findings`;
}
