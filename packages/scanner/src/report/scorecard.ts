import { GAP_CATALOGUE, GAP_KINDS, isAtLeast, severityRank, type GapKind, type Severity } from '@tenant-audit/core';
import type { FailOn } from './types.js';
import type { Finding } from '../model.js';

export type Status = 'pass' | 'warn' | 'fail';

export interface ScorecardRow {
  kind: GapKind;
  subsystem: string;
  title: string;
  count: number;
  worst: Severity | undefined;
  /** fail: a finding at or above --fail-on; warn: findings below it; pass: none. */
  status: Status;
}

/** One row per gap kind of the catalogue, in catalogue order, so every report shows the full posture. */
export function scorecard(findings: readonly Finding[], failOn: FailOn): ScorecardRow[] {
  return GAP_KINDS.map((kind) => {
    const own = findings.filter((f) => f.kind === kind);
    let worst: Severity | undefined;
    for (const f of own) if (worst === undefined || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
    const status: Status = worst === undefined ? 'pass' : failOn !== 'none' && isAtLeast(worst, failOn) ? 'fail' : 'warn';
    const info = GAP_CATALOGUE[kind];
    return { kind, subsystem: info.subsystem, title: info.title, count: own.length, worst, status };
  });
}

export const STATUS_MARK: Record<Status, string> = { pass: '✔ pass', warn: '▲ warn', fail: '✖ fail' };
