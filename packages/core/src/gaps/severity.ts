/** Blast-radius classes from the audit: P0 silent cross-tenant leak, P1 logical gap, P2 physical gap. */
export type Severity = 'P0' | 'P1' | 'P2';

export const SEVERITIES: readonly Severity[] = ['P0', 'P1', 'P2'];

/** Lower rank = more severe; used for sorting and for `--fail-on`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
