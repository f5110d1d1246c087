import type { FailOn } from './types.js';
import type { ScanResult } from '../model.js';
import type { SourceLines } from './source.js';

/** Everything a reporter needs: the filtered result plus what the CLI knows about the run. */
export interface ReportContext {
  tool: { name: string; version: string };
  /** After suppression comments and the baseline; `suppressed` already counts both. */
  result: ScanResult;
  failOn: FailOn;
  /** Source lines for code frames (pretty, markdown); reading is lazy and cached. */
  source: SourceLines;
  /** `--quiet`: human formats list findings only. */
  quiet: boolean;
  /** ANSI colours (pretty only): a TTY without NO_COLOR, and never into --output files. */
  color: boolean;
  /** `--allow-incomplete` or config `allowIncomplete`: files not analysed are reported but do not fail the run. */
  allowIncomplete: boolean;
  /** When the scan ended; formats that carry scan times (gitlab-sast) read it instead of the clock. */
  finishedAt: Date;
}

export type Reporter = (context: ReportContext) => string;
