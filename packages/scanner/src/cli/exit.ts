import { isAtLeast } from '@tenant-audit/core';
import type { Finding } from '../model.js';
import { EXIT_FINDINGS, EXIT_OK } from './exit-codes.js';
import type { FailOn } from '../report/types.js';

/** 1 when any reported finding is at or above --fail-on, else 0 (`none` never fails). */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === 'none') return EXIT_OK;
  return findings.some((f) => isAtLeast(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
