import { fixAdvice, GAP_CATALOGUE, type GapKind } from '@tenant-audit/core';
import type { Finding, ScanResult } from '../model.js';

/**
 * A kind's fix for this scan: tailored to the code base when the engine said how (its tenant column,
 * whether it uses `@tenant-audit/runtime`), else the catalogue's generic one.
 */
export function kindFix(kind: GapKind, result: ScanResult): string {
  return result.fixOptions ? fixAdvice(kind, result.fixOptions) : GAP_CATALOGUE[kind].fix;
}

/** A finding's own fix (it names its model's tenant column), else its kind's. */
export function findingFix(finding: Finding, result: ScanResult): string {
  return finding.fix ?? kindFix(finding.kind, result);
}
