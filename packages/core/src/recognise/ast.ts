import type * as TS from 'typescript';
import type { TypeScriptModule } from './env.js';
import { step } from '../analyse/budget.js';

/**
 * Some hosts hand out source files without parent pointers (a program's files before binding).
 * Every recogniser walks upwards, so set them once.
 */
export function ensureParents(ts: TypeScriptModule, sourceFile: TS.SourceFile): void {
  const first = sourceFile.statements[0];
  if (!first || first.parent) return;
  // An explicit stack: generated code nests deeper than the call stack allows.
  const stack: TS.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop() as TS.Node;
    ts.forEachChild(node, (child) => {
      (child as { parent: TS.Node }).parent = node;
      stack.push(child);
    });
  }
}

/** Strips parentheses, `await`, `!`, `as`, `satisfies` and type assertions. Hot: a kind switch, no guards. */
export function unwrap(ts: TypeScriptModule, node: TS.Expression): TS.Expression {
  const K = ts.SyntaxKind;
  let current = node;
  for (;;) {
    switch (current.kind) {
      case K.ParenthesizedExpression:
      case K.AwaitExpression:
      case K.NonNullExpression:
      case K.AsExpression:
      case K.SatisfiesExpression:
      case K.TypeAssertionExpression:
        current = (current as TS.ParenthesizedExpression).expression;
        break;
      default:
        return current;
    }
  }
}

/** Name of an identifier, private identifier, string literal or property name; undefined otherwise. */
export function nameOf(ts: TypeScriptModule, node: TS.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isComputedPropertyName(node)) return nameOf(ts, node.expression);
  return undefined;
}

/**
 * The dotted path of an access chain: `this.prisma.document.findMany` → ['this','prisma','document','findMany'];
 * a call in the chain becomes `name()` (`getCurrentTenant().tenantId` → ['getCurrentTenant()', 'tenantId']).
 * Undefined when the chain holds anything else (element access with a computed key, literals…) or is
 * longer than `budget` links. The budget is shared with the recursion into calls: a per-level guard
 * made a generated 1000-call builder chain cubic (every call of the chain walked all the others).
 */
export function accessPath(ts: TypeScriptModule, node: TS.Expression, budget = 64): string[] | undefined {
  const parts: string[] = [];
  let current: TS.Expression = unwrap(ts, node);
  for (let guard = 0; guard < budget; guard++) {
    if (ts.isPropertyAccessExpression(current)) {
      parts.unshift(current.name.text);
      current = unwrap(ts, current.expression);
    } else if (ts.isElementAccessExpression(current) && ts.isStringLiteralLike(current.argumentExpression)) {
      parts.unshift(current.argumentExpression.text);
      current = unwrap(ts, current.expression);
    } else if (ts.isCallExpression(current)) {
      const inner = accessPath(ts, current.expression, budget - guard - 1);
      if (!inner) return undefined;
      const last = inner.pop();
      parts.unshift(...inner, `${last}()`);
      return parts;
    } else if (ts.isIdentifier(current)) {
      parts.unshift(current.text);
      return parts;
    } else if (current.kind === ts.SyntaxKind.ThisKeyword) {
      parts.unshift('this');
      return parts;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** The called method or function name: `a.b.c()` → 'c', `f()` → 'f', `new X()` → 'X'. */
export function calleeName(ts: TypeScriptModule, call: TS.CallExpression | TS.NewExpression): string | undefined {
  const callee = unwrap(ts, call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee)) return nameOf(ts, callee.argumentExpression);
  return undefined;
}

/** The object a method is called on: `a.b.c()` → `a.b`; undefined for plain calls. */
export function calleeReceiver(ts: TypeScriptModule, call: TS.CallExpression): TS.Expression | undefined {
  const callee = unwrap(ts, call.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return callee.expression;
  return undefined;
}

export type FunctionLike = TS.FunctionDeclaration | TS.MethodDeclaration | TS.FunctionExpression | TS.ArrowFunction |
  TS.ConstructorDeclaration | TS.GetAccessorDeclaration | TS.SetAccessorDeclaration;

export function isFunctionLike(ts: TypeScriptModule, node: TS.Node): node is FunctionLike {
  // Asked of every node of every file (candidate collection): one kind read instead of seven guards.
  const K = ts.SyntaxKind;
  const k = node.kind;
  return k === K.FunctionDeclaration || k === K.MethodDeclaration || k === K.FunctionExpression || k === K.ArrowFunction ||
    k === K.Constructor || k === K.GetAccessor || k === K.SetAccessor;
}

export function enclosingFunction(ts: TypeScriptModule, node: TS.Node): FunctionLike | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(ts, p)) return p;
  return undefined;
}

/** All enclosing functions, innermost first. */
export function enclosingFunctions(ts: TypeScriptModule, node: TS.Node): FunctionLike[] {
  const out: FunctionLike[] = [];
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(ts, p)) out.push(p);
  return out;
}

/** A readable name for a function: declaration name, variable it is assigned to, or property key. */
export function functionName(ts: TypeScriptModule, fn: FunctionLike): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn) ||
       ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) && fn.name) {
    const n = nameOf(ts, fn.name);
    if (n) return n;
  }
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return nameOf(ts, parent.name);
  if (parent && ts.isPropertyDeclaration(parent)) return nameOf(ts, parent.name);
  // `const getProgram = cache(async () => …)`: a memoised function is called by the variable's name.
  if (parent && ts.isCallExpression(parent) && ts.isVariableDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name) &&
      memoisedFunction(ts, parent) === fn) return parent.parent.name.text;
  return undefined;
}

const MEMO_WRAPPERS = /^(cache|unstable_cache|memoize|memoizee|memo|once|pMemoize|moize)$/;

const importedNames = new WeakMap<TS.SourceFile, Map<string, string>>();

/**
 * The name an identifier was imported under in its module (`import { cache as reactCache } from
 * 'react'` → `cache`), or its own name when it is not a renamed import. Wrappers are recognised by
 * what the library calls them, not by what one file chose to call them.
 */
export function importedName(ts: TypeScriptModule, id: TS.Identifier): string {
  let sf: TS.Node | undefined = id;
  while (sf && !ts.isSourceFile(sf)) sf = sf.parent;
  if (!sf || !ts.isSourceFile(sf)) return id.text;
  let names = importedNames.get(sf);
  if (!names) {
    names = new Map();
    for (const st of sf.statements) {
      const clause = ts.isImportDeclaration(st) ? st.importClause : undefined;
      const bindings = clause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const el of bindings.elements) if (el.propertyName) names.set(el.name.text, el.propertyName.text);
    }
    importedNames.set(sf, names);
  }
  return names.get(id.text) ?? id.text;
}

/** The function a memoising wrapper call wraps (`cache(fn)`, `unstable_cache(fn, keys)`, `memoize(fn)`, also imported under another name), if any. */
export function memoisedFunction(ts: TypeScriptModule, init: TS.Expression): FunctionLike | undefined {
  const e = unwrap(ts, init);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrap(ts, e.expression);
  const name = ts.isIdentifier(callee) ? importedName(ts, callee) : calleeName(ts, e);
  if (!MEMO_WRAPPERS.test(name ?? '')) return undefined;
  const first = e.arguments[0] ? unwrap(ts, e.arguments[0]) : undefined;
  return first && (ts.isArrowFunction(first) || ts.isFunctionExpression(first)) ? first : undefined;
}

/** Whether an expression with exactly this source text occurs in `node` (`req.body.id` inside a lookup's arguments). */
export function mentionsText(ts: TypeScriptModule, node: TS.Node, text: string, sf: TS.SourceFile): boolean {
  let found = false;
  walk(ts, node, (inner) => {
    if (found) return false;
    if (ts.isExpression(inner) && textOf(inner, sf) === text) found = true;
    return undefined;
  });
  return found;
}

/** Depth-first walk with an explicit stack: deeply nested generated code must not overflow. */
export function walk(ts: TypeScriptModule, root: TS.Node, visit: (node: TS.Node) => void | false): void {
  const stack: TS.Node[] = [root];
  // One callback per walk and the children reversed in place on the stack: no array and no closure
  // per visited node (walks run over every node of every linted file). Returns undefined, since a
  // truthy return would stop forEachChild.
  const push = (child: TS.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop() as TS.Node;
    // The per-file time budget (analyse/budget.ts) is enforced here: every recogniser walks through this.
    step();
    if (visit(node) === false) continue;
    const base = stack.length;
    ts.forEachChild(node, push);
    for (let i = base, j = stack.length - 1; i < j; i++, j--) {
      const first = stack[i] as TS.Node;
      stack[i] = stack[j] as TS.Node;
      stack[j] = first;
    }
  }
}

/** Whether `inner` lies within `outer` (by position; both from the same file). */
export function contains(outer: TS.Node, inner: TS.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** Text of a node without touching the source file's `getText` (which needs the file set). */
export function textOf(node: TS.Node, sourceFile: TS.SourceFile): string {
  return sourceFile.text.slice(node.getStart(sourceFile), node.end);
}

/** The object literal an expression stands for: itself, or the initializer of a local const. */
export function resolveObjectLiteral(ts: TypeScriptModule, expr: TS.Expression | undefined): TS.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  const e = unwrap(ts, expr);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init && ts.isObjectLiteralExpression(unwrap(ts, init))) return unwrap(ts, init) as TS.ObjectLiteralExpression;
  }
  return undefined;
}

/**
 * The initializer of the variable an identifier names, when it is declared in an enclosing scope
 * of the same file (a syntactic lookup: no checker, no cross-file resolution).
 */
export function localInitializer(ts: TypeScriptModule, id: TS.Identifier): TS.Expression | undefined {
  const decl = findLocalDeclaration(ts, id);
  return decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? decl.initializer : undefined;
}

/** The declaration (variable, parameter, binding element, function) an identifier refers to, in this file. */
export function findLocalDeclaration(ts: TypeScriptModule, id: TS.Identifier): TS.Node | undefined {
  const name = id.text;
  for (let scope: TS.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (isFunctionLike(ts, scope)) {
      for (const p of scope.parameters) {
        const hit = bindingDeclares(ts, p.name, name);
        if (hit) return hit === p.name ? p : hit;
      }
    }
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      for (const statement of scope.statements) {
        // Scopes of thousands of statements are searched once per lookup: counted against the budget.
        step();
        if (statement.pos > id.pos && !ts.isFunctionDeclaration(statement)) break;
        const hit = statementDeclares(ts, statement, name);
        if (hit) return hit;
      }
    }
    if ((ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) && scope.initializer &&
        ts.isVariableDeclarationList(scope.initializer)) {
      for (const d of scope.initializer.declarations) {
        const hit = bindingDeclares(ts, d.name, name);
        if (hit) return hit === d.name ? d : hit;
      }
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration && bindingDeclares(ts, scope.variableDeclaration.name, name)) {
      return scope.variableDeclaration;
    }
  }
  return undefined;
}

function statementDeclares(ts: TypeScriptModule, statement: TS.Statement, name: string): TS.Node | undefined {
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) {
      const hit = bindingDeclares(ts, d.name, name);
      if (hit) return hit === d.name ? d : hit;
    }
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement;
  return undefined;
}

/** The binding node that declares `name` inside a (possibly destructuring) binding name. */
function bindingDeclares(ts: TypeScriptModule, binding: TS.BindingName, name: string): TS.Node | undefined {
  if (ts.isIdentifier(binding)) return binding.text === name ? binding : undefined;
  for (const element of binding.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const hit = bindingDeclares(ts, element.name, name);
    if (hit) return hit === element.name ? element : hit;
  }
  return undefined;
}

/** A branch that leaves: its last statement throws or returns (`if (x !== y) throw …`, `{ log(); return; }`); with `throwOnly`, throws. */
export function endsInExit(ts: TypeScriptModule, stmt: TS.Statement, throwOnly = false): boolean {
  const last = ts.isBlock(stmt) ? stmt.statements[stmt.statements.length - 1] : stmt;
  return !!last && (ts.isThrowStatement(last) || (!throwOnly && ts.isReturnStatement(last)));
}

/** Whether an identifier in `node` (property names included) satisfies `test`. */
export function mentionsIdentifier(ts: TypeScriptModule, node: TS.Node, test: (name: string) => boolean): boolean {
  let found = false;
  walk(ts, node, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && test(n.text)) found = true;
    return undefined;
  });
  return found;
}

/**
 * The object literal a call to a same-file helper returns (`const where = (id) => ({ id, teamId })`,
 * `function whereFor(id) { return { id, teamId }; }`): every return must be one object literal.
 */
export function returnedObjectLiteral(ts: TypeScriptModule, call: TS.CallExpression): TS.ObjectLiteralExpression | undefined {
  const callee = unwrap(ts, call.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const decl = findLocalDeclaration(ts, callee);
  const fn = decl && ts.isFunctionDeclaration(decl) ? decl
    : decl && ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(unwrap(ts, decl.initializer)) || ts.isFunctionExpression(unwrap(ts, decl.initializer)))
      ? unwrap(ts, decl.initializer) as TS.ArrowFunction | TS.FunctionExpression : undefined;
  if (!fn?.body) return undefined;
  if (!ts.isBlock(fn.body)) {
    const body = unwrap(ts, fn.body);
    return ts.isObjectLiteralExpression(body) ? body : undefined;
  }
  const returns: TS.Expression[] = [];
  let other = false;
  walk(ts, fn.body, (n) => {
    if (n !== fn.body && isFunctionLike(ts, n)) return false;
    if (ts.isReturnStatement(n)) {
      if (n.expression) returns.push(unwrap(ts, n.expression));
      else other = true;
    }
    return undefined;
  });
  const only = returns.length === 1 ? returns[0] : undefined;
  return !other && only && ts.isObjectLiteralExpression(only) ? only : undefined;
}

/**
 * `v.tenantId`, `v?.project.orgId`, `v!.data.team` (and `v.items[0].teamId` with `throughElements`):
 * a property whose name passes `test`, read off the variable `name` somewhere inside `expr`.
 */
export function readsPropertyOf(ts: TypeScriptModule, expr: TS.Node, name: string, test: (property: string) => boolean,
  throughElements = false): boolean {
  let found = false;
  walk(ts, expr, (n) => {
    if (found) return false;
    if (ts.isPropertyAccessExpression(n) && test(n.name.text)) {
      let root: TS.Expression = n.expression;
      while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root) ||
             (throughElements && ts.isElementAccessExpression(root))) root = (root as TS.PropertyAccessExpression).expression;
      if (ts.isIdentifier(root) && root.text === name) found = true;
    }
    return undefined;
  });
  return found;
}
