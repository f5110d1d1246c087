import type * as TS from 'typescript';
import type { TypeScriptModule } from '../recognise/env.js';
import { isFunctionLike, walk, type FunctionLike } from '../recognise/ast.js';
import { isEscapeCandidate } from './escape-hatches.js';

/** The nodes detectors look at, gathered in one walk so nine rules cost one traversal per file. */
export interface Candidates {
  calls: TS.CallExpression[];
  news: TS.NewExpression[];
  taggedTemplates: TS.TaggedTemplateExpression[];
  binaries: TS.BinaryExpression[];
  conditionals: TS.ConditionalExpression[];
  returns: TS.ReturnStatement[];
  functions: FunctionLike[];
  elementAccesses: TS.ElementAccessExpression[];
  /** RLS bypass keys, SQL / connection-string literals and catch clauses, for the escape-hatch check. */
  escapes: TS.Node[];
}

export function collectCandidates(ts: TypeScriptModule, sourceFile: TS.SourceFile): Candidates {
  const c: Candidates = { calls: [], news: [], taggedTemplates: [], binaries: [], conditionals: [], returns: [], functions: [], elementAccesses: [], escapes: [] };
  const K = ts.SyntaxKind;
  walk(ts, sourceFile, (node) => {
    switch (node.kind) {
      case K.CallExpression: c.calls.push(node as TS.CallExpression); break;
      case K.NewExpression: c.news.push(node as TS.NewExpression); break;
      case K.TaggedTemplateExpression: c.taggedTemplates.push(node as TS.TaggedTemplateExpression); break;
      case K.BinaryExpression: c.binaries.push(node as TS.BinaryExpression); break;
      case K.ConditionalExpression: c.conditionals.push(node as TS.ConditionalExpression); break;
      case K.ReturnStatement: c.returns.push(node as TS.ReturnStatement); break;
      case K.ElementAccessExpression: c.elementAccesses.push(node as TS.ElementAccessExpression); break;
      default:
        if (isFunctionLike(ts, node)) c.functions.push(node);
        else if (isEscapeCandidate(ts, node)) c.escapes.push(node);
    }
    return undefined;
  });
  return c;
}
