import { GAP_CATALOGUE } from '@tenant-audit/core';
import type { ReportContext } from './context.js';
import { findingFix } from './fix.js';
import { notAnalysedTest } from './incomplete.js';
import { visibleControls } from './printable.js';
import { sortFindings } from './order.js';
import { sourceRoot } from './source-root.js';
import { cleanVerdict, coverageLine } from './summary.js';

/**
 * Escaping rules of GitHub Actions workflow commands (message data vs. properties), as in
 * @actions/core: with `%`, CR and LF escaped no text can end the command or start another line, so a
 * file name or string holding `\n::error::…` stays inside its annotation. Other controls are shown
 * as visible escapes (printable.ts).
 */
function escapeData(text: string): string {
  return visibleControls(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error` for P0/P1, `::warning` for P2, one command per line. */
export function githubReport({ result, allowIncomplete }: ReportContext): string {
  // Annotations attach to repository-relative paths, whatever folder was scanned.
  const { prefix } = sourceRoot(result.root);
  const lines: string[] = [];
  for (const f of sortFindings(result.findings)) {
    const command = f.severity === 'P2' ? 'warning' : 'error';
    const props = [
      `file=${escapeProperty(prefix + f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []),
      ...(f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line) ? [`endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(`${f.severity} ${f.kind}: ${GAP_CATALOGUE[f.kind].title}`)}`,
    ];
    lines.push(`::${command} ${props.join(',')}::${escapeData(`${f.message}\nFix: ${findingFix(f, result)}`)}`);
  }
  const notAnalysed = notAnalysedTest(result);
  for (const e of result.errors) {
    // A source file nobody read fails the run (unless accepted): an error annotation, not a warning.
    const lost = notAnalysed(e);
    const command = lost && !allowIncomplete ? 'error' : 'warning';
    const title = lost ? 'tenant-audit: not analysed' : 'tenant-audit';
    lines.push(`::${command} file=${escapeProperty(prefix + e.file)},title=${escapeProperty(title)}::${escapeData(e.message)}`);
  }
  // What was judged, so a green job over unjudged code says so in the log.
  const c = result.coverage;
  const command = c.sinks === 0 || c.unjudged > 0 || c.filesNotAnalysed > 0 ? 'warning' : 'notice';
  const lost = c.filesNotAnalysed > 0 ? `; ${c.filesNotAnalysed} source file${c.filesNotAnalysed === 1 ? '' : 's'} not analysed` : '';
  const judged = `${coverageLine(result)}${lost}`;
  lines.push(`::${command} title=tenant-audit coverage::${escapeData(result.findings.length === 0 ? `${cleanVerdict(result)} ${judged}` : judged)}`);
  return `${lines.join('\n')}\n`;
}
