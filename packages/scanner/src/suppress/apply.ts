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
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const kept: Finding[] = [];
  const problems: ScanError[] = [];
  let suppressed = 0;
  for (const [file, own] of byFile) {
    let text: string;
    try {
      text = readFileSync(resolve(root, file), 'utf8');
    } catch {
      kept.push(...own);
      continue;
    }
    if (!text.includes('tenant-audit-ignore-next-line')) {
      kept.push(...own);
      continue;
    }
    const parsed = parseDirectives(text, { sql: /\.sql$/i.test(file) });
    for (const p of parsed.problems) problems.push({ file, message: `line ${p.line}: ${p.message}` });
    for (const f of own) {
      const silenced = parsed.directives.some((d) => d.line + 1 === f.line && d.kinds.includes(f.kind));
      if (silenced) suppressed += 1;
      else kept.push(f);
    }
  }
  return { kept, suppressed, problems };
}
