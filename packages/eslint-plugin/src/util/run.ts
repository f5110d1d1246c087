import type { GapKind, LocalFinding } from '@tenant-audit/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { analyse, type RuleAnalysis } from './analysis.js';
import type { RuleOptions } from './options.js';
import { reportFinding } from './report.js';

export interface RuleBinding<M extends string> {
  kinds: readonly GapKind[];
  /** The rule's messageId for a core finding shape; `fallback` for shapes core adds later. */
  messageIds: Readonly<Record<string, M>>;
  fallback: M;
  suggestions?: Readonly<Record<string, M>>;
  /** Rule-specific veto (e.g. spans judged whole-program); default: report every finding of the kinds. */
  keep?: (finding: LocalFinding, analysis: RuleAnalysis) => boolean;
}

/** The body of every rule: pick this rule's kinds out of the shared analysis and report them. */
export function runRule<M extends string>(
  context: Readonly<TSESLint.RuleContext<M, readonly [RuleOptions?]>>,
  binding: RuleBinding<M>,
): TSESLint.RuleListener {
  return {
    Program() {
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
