import type { Severity } from '@tenant-audit/core';

/** The report formats; the CLI offers them as `--format` choices and `report/` renders each. */
export const FORMATS = ['pretty', 'json', 'sarif', 'markdown', 'github', 'gitlab-sast'] as const;
export type Format = (typeof FORMATS)[number];

/** The `--fail-on` thresholds; the exit code and the report's scorecard both read them. */
export const FAIL_ON = ['P0', 'P1', 'P2', 'none'] as const;
export type FailOn = Severity | 'none';
