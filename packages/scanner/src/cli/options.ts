import type { FailOn, Format } from '../report/types.js';

/** The parsed command line, validated; everything the run needs and nothing commander-specific. */
export interface CliOptions {
  paths: string[];
  format: Format;
  output: string | undefined;
  failOn: FailOn;
  config: string | undefined;
  project: string | undefined;
  baseline: string | undefined;
  updateBaseline: boolean;
  /** `--changed` without a ref gives `true`: compare with the merge base of the default branch. */
  changed: string | true | undefined;
  staged: boolean;
  progress: boolean;
  quiet: boolean;
  /** Exit by the findings even when some source files could not be analysed (else such a run exits 2). */
  allowIncomplete: boolean;
  /** Follow symlinks out of the scan root / git work tree (else they are reported and not read). */
  followExternalSymlinks: boolean;
  /** Print the effective config and where each key came from, then exit 0 without scanning. */
  printConfig: boolean;
  /** `--cache-location DIR`, `true` for the default folder, `false` for `--no-cache`. */
  cache: string | true | false;
}
