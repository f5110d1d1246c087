import type { TraceStep } from '../model.js';
import type { ReportContext } from './context.js';
import { countBySeverity, sortFindings } from './order.js';

/** A trace step in the contract's key order; `entry` only on the step that is an entry point. */
function step(s: TraceStep) {
  return { file: s.file, line: s.line, note: s.note, ...(s.entry === true && { entry: true }) };
}

/**
 * The contract's JSON report (`schemaVersion: 1`). Keys are written in the documented order so the
 * output diffs well; optional finding fields are left out rather than written as null.
 */
export function jsonReport({ tool, result }: ReportContext): string {
  const report = {
    schemaVersion: 1,
    tool: { name: tool.name, version: tool.version },
    root: result.root,
    summary: {
      filesScanned: result.filesScanned,
      durationMs: result.durationMs,
      bySeverity: countBySeverity(result.findings),
      suppressed: result.suppressed,
      coverage: result.coverage,
    },
    findings: sortFindings(result.findings).map((f) => ({
      kind: f.kind,
      severity: f.severity,
      ...(f.ruleId !== undefined && { ruleId: f.ruleId }),
      file: f.file,
      line: f.line,
      column: f.column,
      ...(f.endLine !== undefined && { endLine: f.endLine }),
      ...(f.endColumn !== undefined && { endColumn: f.endColumn }),
      message: f.message,
      ...(f.fix !== undefined && { fix: f.fix }),
      ...(f.symbol !== undefined && { symbol: f.symbol }),
      ...(f.trace !== undefined && { trace: f.trace.map(step) }),
      ...(f.otherTraces !== undefined && { otherTraces: f.otherTraces.map((t) => t.map(step)) }),
      fingerprint: f.fingerprint,
    })),
    errors: result.errors.map((e) => ({ file: e.file, message: e.message })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
