import type { Severity } from '@tenant-audit/core';
import type { ScanResult } from '../model.js';

/** `3 findings (P0 1, P1 2, P2 0) in 120 files, 2 suppressed, 1 file not parsed, 0.8 s` */
export function summaryLine(result: ScanResult, counts: Record<Severity, number>): string {
  const total = counts.P0 + counts.P1 + counts.P2;
  const parts = [
    `${total} finding${total === 1 ? '' : 's'} (P0 ${counts.P0}, P1 ${counts.P1}, P2 ${counts.P2})`,
    `in ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'}`,
  ];
  let line = parts.join(' ');
  if (result.suppressed > 0) line += `, ${result.suppressed} suppressed`;
  if (result.errors.length > 0) line += `, ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} (see warnings)`;
  return `${line}, ${(result.durationMs / 1000).toFixed(1)} s`;
}
