import { bodyResolvesOrFailsClosed, usedOnlyWhenPresent, type FunctionLike, type LocalFinding } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { ProgramView } from './program-view.js';

const MAX_DEPTH = 3;

/** The name an optional-tenant finding is about: the parameter, or the member destructured from options. */
function reportedName(node: TS.Node): string | undefined {
  if ((ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) return node.name.text;
  return undefined;
}

/** The parameter of `callee` that receives argument `arg` of `call`: positional, or a member of an options object. */
function receivingName(callee: FunctionLike, call: TS.CallExpression, use: TS.Identifier): string | undefined {
  const params = (callee).parameters;
  for (const [i, arg] of call.arguments.entries()) {
    const a = ts.isParenthesizedExpression(arg) ? arg.expression : arg;
    const param = params[i];
    if (!param) return undefined;
    if (a === use) return ts.isIdentifier(param.name) ? param.name.text : undefined;
    // `f({ workspaceId })` / `f({ workspaceId: id })` into `({ workspaceId }) => …`.
    if (ts.isObjectLiteralExpression(a) && ts.isObjectBindingPattern(param.name)) {
      for (const prop of a.properties) {
        const key = ts.isShorthandPropertyAssignment(prop) && prop.name === use ? prop.name.text
          : ts.isPropertyAssignment(prop) && prop.initializer === use && ts.isIdentifier(prop.name) ? prop.name.text : undefined;
        if (!key) continue;
        const el = param.name.elements.find((e) => ((e.propertyName ?? e.name) as TS.Node).getText() === key);
        return el && ts.isIdentifier(el.name) && !el.initializer ? el.name.text : undefined;
      }
    }
  }
  return undefined;
}

/**
 * Every read of the optional tenant hands it to a function of the program that refuses to work
 * without it (`deleteFiles(urls, workspaceId)` whose body starts `if (!workspaceId) return`), or only
 * switches work on with it (see usedOnlyWhenPresent): a caller that omits it gets nothing, not every
 * tenant. Followed down at most three calls; anything else the value reaches keeps the finding.
 */
export function optionalTenantHandedToFailClosed(view: ProgramView, finding: LocalFinding): boolean {
  const name = reportedName(finding.node);
  const fn = finding.fn;
  return !!name && !!fn && refusedWithout(view, fn, name, 0, new Set());
}

function refusedWithout(view: ProgramView, fn: FunctionLike, name: string, depth: number, seen: Set<FunctionLike>): boolean {
  const env = view.ctx.env;
  if (depth > 0 && (bodyResolvesOrFailsClosed(fn, name, env) || usedOnlyWhenPresent(fn, name, env))) return true;
  if (depth >= MAX_DEPTH || seen.has(fn)) return false;
  seen.add(fn);
  const body = (fn).body;
  if (!body) return false;
  let uses = 0;
  let refused = 0;
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) &&
        !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
      uses++;
      const holder = ts.isShorthandPropertyAssignment(n.parent) || ts.isPropertyAssignment(n.parent) ? n.parent.parent.parent : n.parent;
      const call = holder && ts.isCallExpression(holder) ? holder : undefined;
      const callee = call ? view.graph.target(call) : undefined;
      const inner = callee && call ? receivingName(callee, call, n) : undefined;
      if (callee && inner && refusedWithout(view, callee, inner, depth + 1, seen)) refused++;
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return uses > 0 && refused === uses;
}
