import { summaryOf, type LocalFinding } from '@tenant-audit/core';
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
  const suggest = (finding.suggestions ?? []).flatMap((s) => {
    const id = suggestionMessageId(s.id);
    if (!id) return [];
    return [{
      messageId: id,
      data: { description: s.description },
      fix: (fixer: TSESLint.RuleFixer) => s.changes.map((c) => fixer.replaceTextRange([c.start, c.end], c.text)),
    }];
  });
  context.report({
    loc,
    messageId,
    data: { kind: finding.kind, message: summaryOf(finding), coreMessageId: finding.messageId },
    ...(suggest.length > 0 ? { suggest } : {}),
  });
}
