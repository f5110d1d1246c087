import type { Severity } from '@tenant-audit/core';
import type { ScanResult } from '../model.js';

/** `3 findings (P0 1, P1 2, P2 0) in 120 files, 2 suppressed, 1 file not analysed, 1 problem (see warnings), 0.8 s` */
export function summaryLine(result: ScanResult, counts: Record<Severity, number>): string {
  const total = counts.P0 + counts.P1 + counts.P2;
  const parts = [
    `${total} finding${total === 1 ? '' : 's'} (P0 ${counts.P0}, P1 ${counts.P1}, P2 ${counts.P2})`,
    `in ${result.filesScanned} file${result.filesScanned === 1 ? '' : 's'}`,
  ];
  let line = parts.join(' ');
  if (result.suppressed > 0) line += `, ${result.suppressed} suppressed`;
  const lost = result.coverage.filesNotAnalysed;
  if (lost > 0) line += `, ${lost} file${lost === 1 ? '' : 's'} not analysed`;
  if (result.errors.length > 0) line += `, ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'} (see warnings)`;
  return `${line}, ${(result.durationMs / 1000).toFixed(1)} s`;
}

/**
 * `data access: 120 sinks, 100 judged scoped, 5 reported, 15 not judged (8 model unknown, 4 no caller found, 3 filter not readable)`.
 */
export function coverageLine(result: ScanResult): string {
  const c = result.coverage;
  const causes = [
    [c.unjudgedBy.model, 'model unknown'],
    [c.unjudgedBy.caller, 'no caller found'],
    [c.unjudgedBy.filter, 'filter not readable'],
    [c.unjudgedBy.table, 'table not visible'],
  ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
  return `data access: ${c.sinks} sink${c.sinks === 1 ? '' : 's'}, ${c.scoped} judged scoped, ${c.reported} reported, ${c.unjudged} not judged${causes.length ? ` (${causes.join(', ')})` : ''}`;
}

/**
 * What a report with no finding may honestly say. "No gaps found" only holds for what was judged:
 * with nothing recognised, or nothing judged, the report says that instead.
 */
export function cleanVerdict(result: ScanResult): string {
  const c = result.coverage;
  const lost = result.coverage.filesNotAnalysed;
  if (result.filesScanned === 0 && lost > 0) return `Nothing was analysed: ${lost} source file${lost === 1 ? '' : 's'} could not be, so this is not a clean bill of health.`;
  if (result.filesScanned === 0) return 'Nothing was scanned: no source file was selected.';
  // Unread files come first: "no gaps" over code nobody read is the blind spot this tool must not have.
  if (lost > 0) return `No tenant-isolation gaps found in the files analysed, but ${lost} source file${lost === 1 ? ' was' : 's were'} not analysed: this is not a clean bill of health.`;
  if (c.sinks === 0) return 'No tenant-isolation gaps found, but no data-access sink was recognised either: nothing was judged, so this is not a clean bill of health (is the database client one the catalogue knows? see the scanner README).';
  if (c.unjudged === c.sinks) return `No tenant-isolation gaps found, but none of the ${c.sinks} data-access sinks could be judged (${coverageLine(result).replace(/^data access: /, '')}): this is not a clean bill of health.`;
  if (c.unjudged > 0) return `No tenant-isolation gaps found in what could be judged; ${c.unjudged} of ${c.sinks} data-access sinks were not judged (see the coverage line).`;
  return 'No tenant-isolation gaps found.';
}
