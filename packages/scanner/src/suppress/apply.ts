import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, ScanError } from '../model.js';
import { parseDirectives } from './directive.js';

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: number;
  /** Directives without a reason or with unknown kinds, as `errors` entries (visible in every format). */
  problems: ScanError[];
}

/**
 * Applies suppression comments after the scan. Only files that have findings are read: a directive
 * in a clean file silences nothing, so it needs no checking here (ESLint's rule run sees all files).
 */
export function applySuppressions(root: string, findings: readonly Finding[]): SuppressionOutcome {
  const problems: ScanError[] = [];
  // Per file with findings: the line numbers whose next line each kind is silenced on (none: nothing silenced).
  const silencedByFile = new Map<string, { line: number; kinds: readonly string[] }[]>();
  for (const file of new Set(findings.map((f) => f.file))) {
    let text: string;
    try {
      text = readFileSync(resolve(root, file), 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('tenant-audit-ignore-next-line')) continue;
    const parsed = parseDirectives(text, { sql: /\.sql$/i.test(file) });
    for (const p of parsed.problems) problems.push({ file, message: `line ${p.line}: ${p.message}` });
    silencedByFile.set(file, parsed.directives);
  }
  // Kept in the order the scan gave them (sorted): the engine returns this list as its findings.
  const kept = findings.filter((f) => !(silencedByFile.get(f.file) ?? []).some((d) => d.line + 1 === f.line && d.kinds.includes(f.kind)));
  return { kept, suppressed: findings.length - kept.length, problems };
}
