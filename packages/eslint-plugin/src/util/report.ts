import { summaryOf, type LintViewFinding, type LocalFinding, type Suggestion } from '@tenant-audit/core';
import type { TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';

/**
 * Reports one core finding: location from the TS node, the contract's kind and core's one-line
 * summary in the data (the long advice is the rule's docs page), and core's text changes as
 * suggestions (never autofixes: a tenant change needs review).
 */
export function reportFinding<M extends string>(
  context: Readonly<TSESLint.RuleContext<M, readonly unknown[]>>,
  sourceFile: ts.SourceFile,
  finding: LocalFinding,
  messageId: M,
  suggestionMessageId: (id: string) => M | undefined,
): void {
  const sourceCode = context.sourceCode;
  const loc = {
    start: sourceCode.getLocFromIndex(finding.node.getStart(sourceFile)),
    end: sourceCode.getLocFromIndex(finding.node.end),
  };
  const suggest = suggestionsOf(finding.suggestions, suggestionMessageId);
  context.report({
    loc,
    messageId,
    data: { kind: finding.kind, message: summaryOf(finding), coreMessageId: finding.messageId },
    ...(suggest.length > 0 ? { suggest } : {}),
  });
}

function suggestionsOf<M extends string>(suggestions: readonly Suggestion[] | undefined, suggestionMessageId: (id: string) => M | undefined) {
  return (suggestions ?? []).flatMap((s) => {
    const id = suggestionMessageId(s.id);
    if (!id) return [];
    return [{
      messageId: id,
      data: { description: s.description },
      fix: (fixer: TSESLint.RuleFixer) => s.changes.map((c) => fixer.replaceTextRange([c.start, c.end], c.text)),
    }];
  });
}

/**
 * Reports one of the scanner's findings (1-based line and column, as in its report) with the scanner's
 * message fitted to an editor line, and the suggestions of the one-file finding of the same kind that
 * starts at the same place, if any.
 */
export function reportScannerFinding<M extends string>(
  context: Readonly<TSESLint.RuleContext<M, readonly unknown[]>>,
  local: { analysis: { findings: readonly LocalFinding[] }; sourceFile: ts.SourceFile },
  finding: LintViewFinding,
  messageId: M,
  suggestionMessageId: (id: string) => M | undefined,
): void {
  const start = { line: finding.line, column: finding.column - 1 };
  const end = finding.endLine !== undefined && finding.endColumn !== undefined ? { line: finding.endLine, column: finding.endColumn - 1 } : start;
  const at = context.sourceCode.getIndexFromLoc(start);
  const twin = local.analysis.findings.find((l) => l.kind === finding.kind && l.node.getStart(local.sourceFile) === at);
  const suggest = suggestionsOf(twin?.suggestions, suggestionMessageId);
  context.report({
    loc: { start, end },
    messageId,
    data: { kind: finding.kind, message: summaryOf(finding), coreMessageId: 'scanner' },
    ...(suggest.length > 0 ? { suggest } : {}),
  });
}
