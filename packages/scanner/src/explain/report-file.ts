/**
 * `explain --from report.json`: the findings of a JSON report (`--format json`, schemaVersion 1), so a
 * finding from CI can be explained without scanning again. Only what explain reads is checked.
 */
import { readFileSync } from 'node:fs';
import { isGapKind, isSeverity } from '@tenant-audit/core';
import { UsageError } from '../errors.js';
import type { Finding } from '../model.js';

export interface ReportFindings {
  root: string;
  findings: Finding[];
}

/** `path` is read; `shown` (what the user typed) names it in messages. */
export function readReportFindings(path: string, shown = path): ReportFindings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `cannot read report ${shown} (${code === 'ENOENT' ? 'not found' : code})` : `report ${shown} is not valid JSON (${(error as Error).message})`);
  }
  const report = raw as { schemaVersion?: unknown; root?: unknown; findings?: unknown } | null;
  if (report?.schemaVersion !== 1 || !Array.isArray(report.findings)) {
    throw new UsageError(`${shown} is not a tenant-audit JSON report (schemaVersion 1 with a findings array; write one with --format json)`);
  }
  const findings = report.findings.map((entry, index): Finding => {
    const f = entry as Partial<Finding> | null;
    if (!f || typeof f.fingerprint !== 'string' || typeof f.file !== 'string' || typeof f.line !== 'number' || !isGapKind(f.kind) || !isSeverity(f.severity)) {
      throw new UsageError(`report ${shown}: findings[${index}] lacks kind, severity, file, line or fingerprint`);
    }
    return { ...f, message: String(f.message ?? ''), column: Number(f.column ?? 1) } as Finding;
  });
  return { root: typeof report.root === 'string' ? report.root : '.', findings };
}
