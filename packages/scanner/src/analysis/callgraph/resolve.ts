import { findLocalDeclaration, isFunctionLike, memoisedFunction, type FunctionLike, type TypeScriptModule } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { ProgramContext } from '../context.js';
import { resolveSpecifier } from '../../program/resolve-module.js';
import { classMembers, moduleSummary, requiredSpecifier } from './module-summary.js';

/** What an expression stands for, as far as the call graph cares. */
export type Value =
  | { kind: 'fn'; fn: FunctionLike }
  | { kind: 'object'; obj: TS.ObjectLiteralExpression }
  | { kind: 'class'; cls: TS.ClassLikeDeclaration }
  | { kind: 'instance'; cls: TS.ClassLikeDeclaration }
  | { kind: 'module'; sf: TS.SourceFile }
  /** Known to come from outside the scanned code (a package, a global, a built-in class): not ours. */
  | { kind: 'external' };

const EXTERNAL: Value = { kind: 'external' };
/** The name `exported` is asked for to get what `require()` returns (not a valid identifier, so no clash). */
const REQUIRED = '=';

const MAX_DEPTH = 12;
const tsm = ts;

/**
 * Syntactic resolution of callees: same-file declarations, imports (followed to the exporting file,
 * through re-exports), `this.m()`, methods of object literals and of class instances whose class is
 * known from `new C()`, a field/parameter type annotation or a constructor assignment.
 */
export class Resolver {
  private readonly sfByPath = new Map<string, TS.SourceFile>();

  constructor(private readonly ctx: ProgramContext, extra: Iterable<TS.SourceFile> = []) {
    for (const f of ctx.files) this.sfByPath.set(f.path, f.sf);
    for (const sf of extra) this.sfByPath.set(sf.fileName, sf);
  }

  private readonly moduleCache = new Map<string, TS.SourceFile | undefined>();

  private moduleFile(from: TS.SourceFile, spec: string): TS.SourceFile | undefined {
    const key = `${from.fileName}\0${spec}`;
    if (this.moduleCache.has(key)) return this.moduleCache.get(key);
    const target = resolveSpecifier(from.fileName, spec, this.ctx.known, this.ctx.mappingFor(from.fileName), this.ctx.packages);
    const sf = target ? this.sfByPath.get(target) : undefined;
    this.moduleCache.set(key, sf);
    return sf;
  }

  /** A name exported by a module. */
  exported(sf: TS.SourceFile, name: string, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (name === '*') return { kind: 'module', sf };
    const s = moduleSummary(sf);
    // `require('./x')` as a whole: what `module.exports` holds, else the module's exports.
    if (name === REQUIRED) return s.cjsExport ? this.evaluate(s.cjsExport, depth + 1) : { kind: 'module', sf };
    const local = s.exports.get(name);
    if (local !== undefined) return this.moduleName(sf, local, depth + 1);
    if (name === 'default' && s.defaultNode) return this.declValue(s.defaultNode, depth + 1);
    for (const re of s.reexports) {
      const target = this.moduleFile(sf, re.spec);
      if (!target) continue;
      if (re.names === '*') {
        if (name === 'default') continue;
        const v = this.exported(target, name, depth + 1);
        if (v) return v;
      } else {
        const imported = re.names.get(name);
        if (imported !== undefined) return this.exported(target, imported, depth + 1);
      }
    }
    // CommonJS: `exports.name = …`, or a property of the object `module.exports` is set to.
    const named = s.cjsNamed.get(name);
    if (named) return this.evaluate(named, depth + 1);
    if (s.cjsExport) {
      const whole = this.evaluate(s.cjsExport, depth + 1);
      if (name === 'default') return whole;
      return whole ? this.member(whole, name, depth + 1) : undefined;
    }
    return undefined;
  }

  /** A top-level or imported name of a module. */
  moduleName(sf: TS.SourceFile, name: string, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const s = moduleSummary(sf);
    const local = s.locals.get(name);
    if (local) return this.declValue(local, depth + 1);
    const imp = s.imports.get(name);
    if (imp) {
      const target = this.moduleFile(sf, imp.spec);
      if (target) return this.exported(target, imp.name, depth + 1);
      // A CommonJS require of a file outside the scanned code (`require('../utils/x')` not found) is unknown, not a package.
      if (imp.spec.startsWith('.')) return undefined;
      // A package import (not mapped onto the project's files) is not ours.
      return imp.spec.startsWith('.') ? undefined : EXTERNAL;
    }
    return undefined;
  }

  declValue(decl: TS.Node, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (isFunctionLike(tsm, decl)) return { kind: 'fn', fn: decl };
    if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) return { kind: 'class', cls: decl };
    if (ts.isVariableDeclaration(decl)) {
      // `const getProgram = cache(async ({ slug }) => …)`: calling the memoised function calls the arrow.
      const memo = decl.initializer ? memoisedFunction(tsm, decl.initializer) : undefined;
      if (memo) return { kind: 'fn', fn: memo };
      if (decl.initializer) {
        const v = this.evaluate(decl.initializer, depth + 1);
        if (v) return v;
      }
      return decl.type ? this.typeValue(decl.type, depth + 1) : undefined;
    }
    if (ts.isParameter(decl)) return decl.type ? this.typeValue(decl.type, depth + 1) : undefined;
    if (ts.isExpression(decl)) return this.evaluate(decl, depth + 1);
    return undefined;
  }

  /** `x: DocumentRepository` → an instance of that class. */
  typeValue(type: TS.TypeNode, depth: number): Value | undefined {
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
    const v = this.moduleName(type.getSourceFile(), type.typeName.text, depth + 1);
    if (v?.kind === 'class') return { kind: 'instance', cls: v.cls };
    // A global type (Map, Promise) or an interface/type alias: nothing the call graph can follow.
    return v === undefined || v.kind === 'external' ? EXTERNAL : undefined;
  }

  evaluate(expr: TS.Expression, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let e = expr;
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { kind: 'fn', fn: e };
    if (ts.isObjectLiteralExpression(e)) return { kind: 'object', obj: e };
    if (ts.isClassExpression(e)) return { kind: 'class', cls: e };
    if (e.kind === ts.SyntaxKind.ThisKeyword) return this.thisValue(e);
    if (ts.isNewExpression(e)) {
      const c = this.evaluate(e.expression, depth + 1);
      if (c?.kind === 'class') return { kind: 'instance', cls: c.cls };
      return c === undefined || c.kind === 'external' ? EXTERNAL : undefined;
    }
    if (ts.isIdentifier(e)) {
      const decl = findLocalDeclaration(tsm, e);
      // A local (parameter, variable) shadows module names; the syntactic lookup stops at later
      // top-level statements, so module names are the fallback only when nothing local declares it.
      if (decl) return ts.isBindingElement(decl) ? this.bindingValue(decl, e, depth + 1) : this.declValue(decl, depth + 1);
      const s = moduleSummary(e.getSourceFile());
      // Not declared in the file nor imported: a global (console, process, JSON).
      if (!s.locals.has(e.text) && !s.imports.has(e.text)) return EXTERNAL;
      return this.moduleName(e.getSourceFile(), e.text, depth + 1);
    }
    if (ts.isPropertyAccessExpression(e)) {
      const owner = this.evaluate(e.expression, depth + 1);
      return owner ? this.member(owner, e.name.text, depth + 1) : undefined;
    }
    if (ts.isCallExpression(e)) {
      // `require('./models/x')`: that file's `module.exports` (or its exports); a package is not ours.
      const spec = requiredSpecifier(e);
      if (spec !== undefined) {
        const target = this.moduleFile(e.getSourceFile(), spec);
        if (target) return this.exported(target, REQUIRED, depth + 1);
        return spec.startsWith('.') ? undefined : EXTERNAL;
      }
      // What a call returns: the callee's declared return type (Promise<T> → T), or external.
      const callee = this.evaluate(e.expression, depth + 1);
      if (callee?.kind === 'external') return EXTERNAL;
      const fn = callee?.kind === 'fn' ? (callee.fn) : undefined;
      let type = fn?.type;
      if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise') type = type.typeArguments?.[0];
      if (type) return this.typeValue(type, depth + 1);
      // A service factory without a declared type (`const svc = (log) => ({ get() {…} })`): what it returns.
      const returned = fn ? returnedObject(fn) : undefined;
      return returned ? { kind: 'object', obj: returned } : undefined;
    }
    return undefined;
  }

  /**
   * What `this` is: the class instance, or the object literal whose method runs (`{ get(c) {…},
   * del: async function (id) { this.get(…) } }`, called as `X.del(id)`). An arrow keeps the `this`
   * of where it is written, so an arrow property skips its own object.
   */
  private thisValue(e: TS.Node): Value | undefined {
    for (let p: TS.Node | undefined = e.parent; p; p = p.parent) {
      if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return { kind: 'instance', cls: p };
      if (ts.isObjectLiteralExpression(p)) return { kind: 'object', obj: p };
      if (ts.isFunctionDeclaration(p)) return undefined;
      if (ts.isFunctionExpression(p)) {
        const holder = p.parent;
        return holder && ts.isPropertyAssignment(holder) && ts.isObjectLiteralExpression(holder.parent) ? { kind: 'object', obj: holder.parent } : undefined;
      }
      if (ts.isArrowFunction(p) && p.parent && ts.isPropertyAssignment(p.parent) && ts.isObjectLiteralExpression(p.parent.parent)) p = p.parent.parent;
    }
    return undefined;
  }

  /** `const { A, b: B } = require('./x')` or `= someObject`: the property of what the initializer stands for. */
  private bindingValue(el: TS.BindingElement, id: TS.Identifier, depth: number): Value | undefined {
    const pattern = el.parent;
    const decl = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(decl) || !decl.initializer || el.dotDotDotToken) return undefined;
    // A top-level `const { X } = require('./x')` is an import (module-summary.ts).
    if (requiredSpecifier(decl.initializer) !== undefined && ts.isSourceFile(decl.parent.parent.parent)) return this.moduleName(id.getSourceFile(), id.text, depth + 1);
    const key = el.propertyName ?? el.name;
    if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
    const owner = this.evaluate(decl.initializer, depth + 1);
    return owner ? this.member(owner, key.text, depth + 1) : undefined;
  }

  member(owner: Value, name: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (owner.kind) {
      case 'external':
        return EXTERNAL;
      case 'module':
        return this.exported(owner.sf, name, depth + 1);
      case 'object':
        for (const p of owner.obj.properties) {
          const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
          if (key !== name) continue;
          if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p)) return { kind: 'fn', fn: p };
          if (ts.isPropertyAssignment(p)) return this.evaluate(p.initializer, depth + 1);
          if (ts.isShorthandPropertyAssignment(p)) return this.evaluate(p.name, depth + 1);
        }
        return undefined;
      case 'class':
      case 'instance': {
        let cls: TS.ClassLikeDeclaration | undefined = owner.cls;
        for (let i = 0; cls && i < 8; i++) {
          const m = classMembers(cls);
          const fn = owner.kind === 'class' ? m.statics.get(name) : m.methods.get(name);
          if (fn) return { kind: 'fn', fn };
          const field = owner.kind === 'instance' ? m.fields.get(name) : undefined;
          if (field) {
            const v = (field.init && this.evaluate(field.init, depth + 1)) || (field.type && this.typeValue(field.type, depth + 1));
            return v || undefined;
          }
          const base: Value | undefined = m.base ? this.evaluate(m.base, depth + 1) : undefined;
          cls = base?.kind === 'class' ? base.cls : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The classes a class extends, nearest first, as far as syntax resolves them. */
  baseClasses(cls: TS.ClassLikeDeclaration): TS.ClassLikeDeclaration[] {
    const out: TS.ClassLikeDeclaration[] = [];
    let current: TS.ClassLikeDeclaration | undefined = cls;
    for (let i = 0; current && i < 8; i++) {
      const base: TS.Expression | undefined = classMembers(current).base;
      const v: Value | undefined = base ? this.evaluate(base) : undefined;
      current = v?.kind === 'class' && !out.includes(v.cls) ? v.cls : undefined;
      if (current) out.push(current);
    }
    return out;
  }

  /**
   * `auth.removeMembership(id)` where `auth` is typed as a class that declares `removeMembership`
   * abstract: the class that declares it. Which subclass runs is decided at run time, so every
   * override is a target (see CallGraph.callersOf).
   */
  abstractOwner(call: TS.CallExpression): TS.ClassLikeDeclaration | undefined {
    if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
    // `this.processJob(job.data)` inside the base class: the template-method plumbing of queues and
    // workers, whose callbacks are the platform's, not a tenant's way in. Only calls on a held
    // instance (`auth.removeMembership(id)`) are followed into the overrides.
    if (call.expression.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
    const owner = this.evaluate(call.expression.expression);
    if (owner?.kind !== 'instance') return undefined;
    const name = call.expression.name.text;
    let cls: TS.ClassLikeDeclaration | undefined = owner.cls;
    for (let i = 0; cls && i < 8; i++) {
      const declared = cls.members.find((m) => ts.isMethodDeclaration(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);
      if (declared) return (declared as TS.MethodDeclaration).body ? undefined : cls;
      const base: TS.Expression | undefined = classMembers(cls).base;
      const v: Value | undefined = base ? this.evaluate(base) : undefined;
      cls = v?.kind === 'class' ? v.cls : undefined;
    }
    return undefined;
  }

  /** The function a call invokes when syntax tells; `external` when syntax tells it is not ours. */
  callTarget(call: TS.CallExpression | TS.NewExpression): { fn: FunctionLike | undefined; external: boolean } {
    if (ts.isNewExpression(call)) return { fn: undefined, external: false };
    const v = this.evaluate(call.expression);
    return { fn: v?.kind === 'fn' ? v.fn : undefined, external: v?.kind === 'external' };
  }
}

/** The object literal a function returns: its expression body, or its only `return` at the top of its body. */
function returnedObject(fn: TS.SignatureDeclaration): TS.ObjectLiteralExpression | undefined {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  let e: TS.Expression | undefined;
  if (!ts.isBlock(body)) e = body;
  else {
    const returns = body.statements.filter(ts.isReturnStatement);
    if (returns.length !== 1) return undefined;
    e = returns[0]?.expression;
  }
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  return e && ts.isObjectLiteralExpression(e) ? e : undefined;
}
