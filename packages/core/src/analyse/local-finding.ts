import type * as TS from 'typescript';
import type { GapKind } from '../gaps/kinds.js';
import type { AnalysisEnv } from '../recognise/env.js';
import { enclosingFunction } from '../recognise/ast.js';
import { fitSummary } from './summary.js';
import type { LocalFinding } from './types.js';

/**
 * A finding of `kind` at `node`: the message is `what; hint`, the editor line `short` (the diagnosis
 * without its explanation, `what` by default) fitted to one line with the same hint.
 */
export function localFinding(env: AnalysisEnv, kind: GapKind, messageId: string, node: TS.Node, what: string, hint: string, short = what): LocalFinding {
  return { kind, messageId, node, fn: enclosingFunction(env.ts, node), message: `${what}; ${hint}`, summary: fitSummary(kind, short, hint) };
}
