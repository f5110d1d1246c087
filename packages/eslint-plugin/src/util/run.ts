import type { GapKind, LocalFinding } from '@tenant-audit/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { analyse, type RuleAnalysis } from './analysis.js';
import type { RuleOptions } from './options.js';
import { reportFinding, reportScannerFinding } from './report.js';
import { CACHE_SETTING, scannerFindingsFor } from './scanner-view.js';

export interface RuleBinding<M extends string> {
  kinds: readonly GapKind[];
  /** The rule's messageId for a core finding shape; `fallback` for shapes core adds later. */
  messageIds: Readonly<Record<string, M>>;
  fallback: M;
  suggestions?: Readonly<Record<string, M>>;
  /** Rule-specific veto (e.g. spans judged whole-program); default: report every finding of the kinds. */
  keep?: (finding: LocalFinding, analysis: RuleAnalysis) => boolean;
}

/**
 * The body of every rule. When `tenant-audit` has scanned this very text and nothing it read has
 * changed since, the rule reports the scanner's findings of its kinds in the file: the verdicts of the
 * whole program, callers in other files included. Otherwise it picks its kinds out of the shared
 * one-file analysis and reports what one file decides.
 */
export function runRule<M extends string>(
  context: Readonly<TSESLint.RuleContext<M, readonly [RuleOptions?]>>,
  binding: RuleBinding<M>,
): TSESLint.RuleListener {
  return {
    Program() {
      const scanned = scannerFindingsFor(context.filename, context.sourceCode.text, context.settings[CACHE_SETTING], context.cwd);
      if (scanned) {
        const mine = scanned.filter((f) => binding.kinds.includes(f.kind));
        if (mine.length === 0) return;
        // The one-file analysis still offers its suggestions where it sees the same gap at the same place.
        const local = analyse(context);
        for (const finding of mine) reportScannerFinding(context, local, finding, binding.fallback, (id) => binding.suggestions?.[id]);
        return;
      }
      const result = analyse(context);
      for (const finding of result.analysis.findings) {
        if (!binding.kinds.includes(finding.kind)) continue;
        // One file cannot say whether an id the function receives is the client's: its callers do,
        // and the scanner follows them. Reported only when the user asks for every such read.
        if (finding.callersDecide && result.options.reportParameterIds !== true) continue;
        if (binding.keep && !binding.keep(finding, result)) continue;
        reportFinding(context, result.sourceFile, finding, binding.messageIds[finding.messageId] ?? binding.fallback,
          (id) => binding.suggestions?.[id]);
      }
    },
  };
}
