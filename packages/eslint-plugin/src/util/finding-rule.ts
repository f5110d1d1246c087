import type { GapKind, LocalFinding, RuleName } from '@tenant-audit/core';
import type { RuleAnalysis } from './analysis.js';
import { createRule } from './create-rule.js';
import { FINDING_MESSAGE } from './message.js';
import { optionsSchema, type Options } from './options.js';
import { runRule } from './run.js';

/** What sets one rule apart: every rule reports core's local findings of its kinds, worded by core. */
export interface FindingRuleSpec<Shape extends string, Suggestion extends string> {
  name: RuleName;
  kinds: readonly GapKind[];
  /** `meta.docs.description`; the long story is the docs page `meta.docs.url` links to. */
  description: string;
  /** The finding shapes (core's messageIds) reported under their own messageId; a shape core adds later is `finding`. */
  shapes: readonly Shape[];
  /** Core's suggestion ids the rule offers as ESLint suggestions. */
  suggestions?: readonly Suggestion[];
  /** Rule-specific veto (e.g. spans judged whole-program); default: report every finding of the kinds. */
  keep?: (finding: LocalFinding, analysis: RuleAnalysis) => boolean;
}

/** Each id as its own messageId. */
function sameIds<Id extends string>(ids: readonly Id[]): Record<Id, Id> {
  return Object.fromEntries(ids.map((id) => [id, id])) as Record<Id, Id>;
}

/**
 * A rule that reports core's local findings of its kinds: the message is core's (`FINDING_MESSAGE`),
 * the options are the shared config keys, and suggestions carry core's description.
 */
export function findingRule<const Shape extends string, const Suggestion extends string = never>(spec: FindingRuleSpec<Shape, Suggestion>) {
  const suggestions = spec.suggestions ?? [];
  const messages = {
    ...Object.fromEntries(spec.shapes.map((id) => [id, FINDING_MESSAGE])),
    finding: FINDING_MESSAGE,
    ...Object.fromEntries(suggestions.map((id) => [id, '{{description}}.'])),
  } as Record<Shape | 'finding' | Suggestion, string>;
  return createRule<Options, Shape | 'finding' | Suggestion>({
    name: spec.name,
    meta: {
      type: 'problem',
      docs: { description: spec.description },
      ...(suggestions.length > 0 ? { hasSuggestions: true } : {}),
      schema: optionsSchema,
      messages,
    },
    defaultOptions: [{}],
    create: (context) => runRule<Shape | 'finding' | Suggestion>(context, {
      kinds: spec.kinds,
      messageIds: sameIds<Shape | 'finding' | Suggestion>(spec.shapes),
      fallback: 'finding',
      ...(suggestions.length > 0 ? { suggestions: sameIds<Shape | 'finding' | Suggestion>(suggestions) } : {}),
      ...(spec.keep ? { keep: spec.keep } : {}),
    }),
  });
}
