import { calleeName, isFunctionLike, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import type { ProgramContext } from '../context.js';
import type { Resolver } from './resolve.js';

const tsm = ts as unknown as TypeScriptModule;

/**
 * The call graph, built backwards and on demand: every call expression is indexed by its callee
 * name once; `callersOf(fn)` looks only at calls with fn's name and resolves just those. The type
 * checker is asked only about such prefiltered call sites that syntax could not resolve.
 */
export class CallGraph {
  readonly callsByName = new Map<string, ts.CallExpression[]>();
  readonly allCalls: ts.CallExpression[] = [];
  readonly news: ts.NewExpression[] = [];
  private readonly targets = new Map<ts.CallExpression, FunctionLike | undefined>();
  private readonly callers = new Map<FunctionLike, ts.CallExpression[]>();
  private checkerBroken = false;

  constructor(private readonly ctx: ProgramContext, private readonly resolver: Resolver, private readonly useChecker = true) {
    for (const unit of ctx.files) {
      const stack: ts.Node[] = [unit.sf];
      while (stack.length > 0) {
        const node = stack.pop() as ts.Node;
        if (ts.isCallExpression(node)) {
          this.allCalls.push(node);
          const name = calleeName(tsm, node as never);
          if (name !== undefined) {
            const list = this.callsByName.get(name);
            if (list) list.push(node);
            else this.callsByName.set(name, [node]);
          }
        } else if (ts.isNewExpression(node)) this.news.push(node);
        const children: ts.Node[] = [];
        ts.forEachChild(node, (c) => {
          children.push(c);
        });
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ts.Node);
      }
    }
  }

  /** The function a call invokes: syntax first, then (when allowed) the checker for this one site. */
  target(call: ts.CallExpression, expected?: FunctionLike): FunctionLike | undefined {
    if (this.targets.has(call)) return this.targets.get(call);
    let t = this.resolver.callTarget(call);
    if (!t && expected && this.useChecker) t = this.viaChecker(call, expected);
    this.targets.set(call, t);
    return t;
  }

  private viaChecker(call: ts.CallExpression, expected: FunctionLike): FunctionLike | undefined {
    if (this.checkerBroken) return undefined;
    let callee: ts.Expression = call.expression;
    if (ts.isPropertyAccessExpression(callee)) callee = callee.name as unknown as ts.Expression;
    if (!ts.isIdentifier(callee) && !ts.isPrivateIdentifier(callee)) return undefined;
    try {
      const checker = this.ctx.checker();
      if (!checker) return undefined;
      let symbol = checker.getSymbolAtLocation(callee);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const decl of symbol?.declarations ?? []) {
        const fn = isFunctionLike(tsm, decl as never) ? (decl as unknown as FunctionLike)
          : (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer &&
            (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer)) ? (decl.initializer as unknown as FunctionLike) : undefined;
        if (fn === expected) return fn;
      }
    } catch {
      this.checkerBroken = true; // a checker crash must not end the scan; syntax results stand
    }
    return undefined;
  }

  /** Call sites that invoke `fn`, in file and position order. */
  callersOf(fn: FunctionLike, name: string | undefined): ts.CallExpression[] {
    const hit = this.callers.get(fn);
    if (hit) return hit;
    const found = name === undefined ? [] : (this.callsByName.get(name) ?? []).filter((c) => this.target(c, fn) === fn);
    this.callers.set(fn, found);
    return found;
  }
}
