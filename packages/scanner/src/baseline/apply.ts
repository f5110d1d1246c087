import type { Finding } from '../model.js';
import type { BaselineEntry } from './file.js';

/**
 * Drops findings whose fingerprint is in the baseline. Each entry absorbs one finding, so a second
 * copy of an accepted gap (same code pasted into the same function) is still reported.
 */
export function applyBaseline(findings: readonly Finding[], baseline: readonly BaselineEntry[]): { kept: Finding[]; suppressed: number } {
  const budget = new Map<string, number>();
  for (const e of baseline) budget.set(e.fingerprint, (budget.get(e.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const left = budget.get(f.fingerprint) ?? 0;
    if (left > 0) {
      budget.set(f.fingerprint, left - 1);
      suppressed += 1;
    } else kept.push(f);
  }
  return { kept, suppressed };
}
