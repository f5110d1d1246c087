import { resolve } from 'node:path';
import { applyBaseline } from '../baseline/apply.js';
import { readBaseline, type BaselineEntry } from '../baseline/file.js';
import type { ScanOptions, ScanResult } from '../model.js';
import { applySuppressions } from '../suppress/apply.js';

/**
 * The baseline's entries: read from the file when given a path (resolved against `cwd`), so that
 * `scan()` can do it first and a missing baseline fails in a second, not after the whole scan.
 */
export function baselineEntries(options: Pick<ScanOptions, 'baseline' | 'cwd'>): readonly BaselineEntry[] | undefined {
  if (typeof options.baseline !== 'string') return options.baseline;
  return readBaseline(resolve(options.cwd ?? process.cwd(), options.baseline));
}

/**
 * Drops what the code base has accepted: findings under a suppression comment (unless
 * `applySuppressions` is false), then those in the baseline. Both count in `suppressed`, and problems
 * with the comments join `errors` after the scan's own (sorted) ones. Part of `scan()` so every
 * caller of the engine gets the findings the CLI reports; exported for stand-in engines in tests.
 */
export function withoutAccepted(result: ScanResult, applySuppressionComments: boolean, baseline: readonly BaselineEntry[] | undefined): ScanResult {
  let { findings, suppressed } = result;
  let errors = result.errors;
  if (applySuppressionComments) {
    const outcome = applySuppressions(result.root, findings);
    findings = outcome.kept;
    suppressed += outcome.suppressed;
    if (outcome.problems.length > 0) errors = [...errors, ...outcome.problems];
  }
  if (baseline) {
    const outcome = applyBaseline(findings, baseline);
    findings = outcome.kept;
    suppressed += outcome.suppressed;
  }
  return { ...result, findings, errors, suppressed };
}
