import { calleeName, findLocalDeclaration, isFunctionLike, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { ProgramContext } from '../context.js';
import type { Resolver } from './resolve.js';
import { loaderCall } from './callback-calls.js';
import { isClientFile, jsxCall } from './jsx-calls.js';
import type { FileIndex } from './syntax-index.js';

const tsm = ts;

/**
 * Whether the checker could know more than syntax: the receiver's type is inferred from a call
 * (`const repo = makeRepo(); repo.find()`, `getRepo().find()`). An untyped parameter is `any` to the
 * checker too, so asking would only cost the binding of the whole program.
 */
function inferredReceiver(call: TS.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  let r: TS.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(r) || ts.isParenthesizedExpression(r) || ts.isNonNullExpression(r) || ts.isAwaitExpression(r)) {
    if (ts.isCallExpression(r)) return true;
    r = r.expression;
  }
  if (ts.isCallExpression(r)) return true;
  if (!ts.isIdentifier(r)) return false;
  const decl = findLocalDeclaration(tsm, r);
  if (!decl || !ts.isVariableDeclaration(decl) || decl.type || !decl.initializer) return false;
  let init: TS.Expression = decl.initializer;
  // `const manager = getRunningApp().identityManager`: a member of a call's result is inferred too.
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isPropertyAccessExpression(init) || ts.isNonNullExpression(init)) init = init.expression;
  return ts.isCallExpression(init);
}

/**
 * The call graph, built backwards and on demand: every call expression is indexed by its callee
 * name once; `callersOf(fn)` looks only at calls with fn's name and resolves just those. The type
 * checker is asked only about such prefiltered call sites that syntax could not resolve.
 */
export class CallGraph {
  readonly callsByName = new Map<string, TS.CallExpression[]>();
  readonly allCalls: TS.CallExpression[] = [];
  readonly news: TS.NewExpression[] = [];
  private readonly targets = new Map<TS.CallExpression, FunctionLike | undefined>();
  /** Read-through cache loaders and the call the cache makes of each (see callback-calls.ts). */
  private readonly loaderCalls = new Map<FunctionLike, TS.CallExpression[]>();
  /** Calls synthesised from JSX elements (see jsx-calls.ts). */
  private readonly rendered = new Set<TS.CallExpression>();
  private readonly callers = new Map<FunctionLike, TS.CallExpression[]>();
  private checkerBroken = false;

  constructor(private readonly ctx: ProgramContext, private readonly resolver: Resolver, indexes: Iterable<FileIndex>, private readonly useChecker = true) {
    for (const ix of indexes) {
      for (const call of ix.calls) {
        this.allCalls.push(call);
        const loaded = loaderCall(call);
        if (loaded) {
          this.loaderCalls.set(loaded.loader, [loaded.call]);
          this.targets.set(loaded.call, loaded.loader);
        }
        const name = calleeName(tsm, call);
        if (name === undefined) continue;
        const list = this.callsByName.get(name);
        if (list) list.push(call);
        else this.callsByName.set(name, [call]);
      }
      this.news.push(...ix.news);
      // Server components render their children by calling them: `<Section id={x} />` is `Section({ id: x })`.
      const sf = ix.componentElements[0]?.getSourceFile();
      if (sf && !isClientFile(sf)) {
        for (const el of ix.componentElements) {
          const call = jsxCall(el);
          this.rendered.add(call);
          const name = (el.tagName as TS.Identifier).text;
          const list = this.callsByName.get(name);
          if (list) list.push(call);
          else this.callsByName.set(name, [call]);
        }
      }
    }
  }

  /** The function a call invokes: syntax first, then (when allowed) the checker for this one site. */
  target(call: TS.CallExpression, expected?: FunctionLike): FunctionLike | undefined {
    if (this.targets.has(call)) return this.targets.get(call);
    const syntactic = this.resolver.callTarget(call);
    let t = syntactic.fn;
    // A component of a `'use client'` file renders in the browser: the server never calls it.
    if (t && this.rendered.has(call) && isClientFile((t).getSourceFile())) t = undefined;
    if (!t && !syntactic.external && expected && this.useChecker && !this.rendered.has(call)) {
      const asked = this.viaChecker(call, expected);
      // A site the checker was not asked about (its shape cannot reach `expected`) may still reach
      // another function: only an answer the checker gave is remembered.
      if (!asked.decided) return undefined;
      t = asked.fn;
    }
    this.targets.set(call, t);
    return t;
  }

  /** What the checker says the call invokes (any function, not only `expected`: the answer is cached for every later question). */
  private viaChecker(call: TS.CallExpression, expected: FunctionLike): { fn: FunctionLike | undefined; decided: boolean } {
    if (this.checkerBroken) return { fn: undefined, decided: true };
    // `x.m()` can only reach a member function, `f()` only a plain one: skip the checker (and the
    // cost of binding the program) when the shapes cannot match.
    const target = expected;
    const isMember = ts.isMethodDeclaration(target) || (!!target.parent && (ts.isPropertyAssignment(target.parent) || ts.isPropertyDeclaration(target.parent)));
    if (ts.isPropertyAccessExpression(call.expression) !== isMember) return { fn: undefined, decided: false };
    if (!inferredReceiver(call)) return { fn: undefined, decided: true };
    let callee: TS.Expression = call.expression;
    if (ts.isPropertyAccessExpression(callee)) callee = callee.name;
    if (!ts.isIdentifier(callee) && !ts.isPrivateIdentifier(callee)) return { fn: undefined, decided: true };
    try {
      const checker = this.ctx.checker();
      if (!checker) return { fn: undefined, decided: true };
      let symbol = checker.getSymbolAtLocation(callee);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const decl of symbol?.declarations ?? []) {
        const fn = isFunctionLike(tsm, decl) ? (decl)
          : (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) && decl.initializer &&
            (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer)) ? (decl.initializer) : undefined;
        if (fn === expected) return { fn, decided: true };
        // An overload or abstract signature without a body is not where the code runs: keep looking.
        if (fn && (fn).body) return { fn, decided: true };
      }
    } catch {
      this.checkerBroken = true; // a checker crash must not end the scan; syntax results stand
    }
    return { fn: undefined, decided: true };
  }

  /** The base classes of the class `fn` is an instance method of (none for other functions). */
  private overriddenIn(fn: FunctionLike): TS.ClassLikeDeclaration[] {
    const node = fn;
    if (!ts.isMethodDeclaration(node) || !node.body || !ts.isClassLike(node.parent)) return [];
    if ((ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) return [];
    return this.resolver.baseClasses(node.parent);
  }

  /** Call sites that invoke `fn`, in file and position order. */
  callersOf(fn: FunctionLike, name: string | undefined): TS.CallExpression[] {
    const hit = this.callers.get(fn);
    if (hit) return hit;
    const loaded = this.loaderCalls.get(fn);
    if (loaded) return loaded;
    const bases = this.overriddenIn(fn);
    const found = name === undefined ? [] : (this.callsByName.get(name) ?? []).filter((c) => {
      const t = this.target(c, fn);
      if (t === fn) return true;
      // A call on the abstract base (`auth.removeMembership(id)`, `auth: BaseAuthProvider`) runs this override.
      if (t !== undefined || bases.length === 0) return false;
      const owner = this.resolver.abstractOwner(c);
      return owner !== undefined && bases.includes(owner);
    });
    this.callers.set(fn, found);
    return found;
  }
}
