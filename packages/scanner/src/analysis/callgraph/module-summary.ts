import type { FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';

/** What a file declares at top level and how its names connect to other files. Purely syntactic. */
export interface ModuleSummary {
  /** Top-level variables, functions and classes by local name → their declaration. */
  locals: Map<string, TS.Node>;
  /** Local import name → where it comes from. `name` is the exported name, 'default' or '*'. */
  imports: Map<string, { spec: string; name: string }>;
  /** Exported name → local name (`export { a as b }`, `export function f`, `export default x`). */
  exports: Map<string, string>;
  /** Default export that is an expression or an anonymous declaration. */
  defaultNode: TS.Node | undefined;
  /** `export { a as b } from './x'` (exported → imported) and `export * from './y'`. */
  reexports: { spec: string; names: Map<string, string> | '*' }[];
  /** CommonJS `module.exports = expr`: what `require()` of this file returns. */
  cjsExport: TS.Expression | undefined;
  /** CommonJS `module.exports.name = expr` / `exports.name = expr`. */
  cjsNamed: Map<string, TS.Expression>;
}

/** `require('./x')` with a literal specifier: the specifier. */
export function requiredSpecifier(e: TS.Expression): string | undefined {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require' || e.arguments.length !== 1) return undefined;
  const arg = e.arguments[0] as TS.Expression;
  return ts.isStringLiteralLike(arg) ? arg.text : undefined;
}

/** `module.exports` / `exports` as an assignment target's object. */
function isExportsObject(e: TS.Expression): boolean {
  return (ts.isIdentifier(e) && e.text === 'exports') ||
    (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports');
}

/** CommonJS exports of one top-level statement (`module.exports = { A }`, `exports.b = fn`). */
function commonJsExports(st: TS.Statement, s: ModuleSummary): void {
  if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const { left, right } = st.expression;
  if (isExportsObject(left) && !ts.isIdentifier(left)) s.cjsExport = right;
  else if (ts.isPropertyAccessExpression(left) && isExportsObject(left.expression)) s.cjsNamed.set(left.name.text, right);
}

function hasExport(node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasDefault(node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

const cache = new WeakMap<TS.SourceFile, ModuleSummary>();

export function moduleSummary(sf: TS.SourceFile): ModuleSummary {
  const hit = cache.get(sf);
  if (hit) return hit;
  const s: ModuleSummary = { locals: new Map(), imports: new Map(), exports: new Map(), defaultNode: undefined, reexports: [], cjsExport: undefined, cjsNamed: new Map() };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const spec = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (clause.name) s.imports.set(clause.name.text, { spec, name: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) s.imports.set(nb.name.text, { spec, name: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) s.imports.set(el.name.text, { spec, name: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
      if (st.name) s.locals.set(st.name.text, st);
      if (hasExport(st)) {
        if (hasDefault(st)) {
          if (st.name) s.exports.set('default', st.name.text);
          else s.defaultNode = st;
        } else if (st.name) s.exports.set(st.name.text, st.name.text);
      }
    } else if (ts.isExpressionStatement(st)) {
      commonJsExports(st, s);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        // `const { A, B: C } = require('./x')`: named imports of a CommonJS module.
        const spec = d.initializer ? requiredSpecifier(d.initializer) : undefined;
        if (spec && ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            const key = el.propertyName ?? el.name;
            if (ts.isIdentifier(el.name) && (ts.isIdentifier(key) || ts.isStringLiteral(key)) && !el.dotDotDotToken) s.imports.set(el.name.text, { spec, name: key.text });
          }
          continue;
        }
        if (!ts.isIdentifier(d.name)) continue;
        s.locals.set(d.name.text, d);
        if (hasExport(st)) s.exports.set(d.name.text, d.name.text);
      }
    } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
      if (ts.isIdentifier(st.expression)) s.exports.set('default', st.expression.text);
      else s.defaultNode = st.expression;
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (spec) {
        if (!clause) s.reexports.push({ spec, names: '*' });
        else if (ts.isNamedExports(clause)) {
          s.reexports.push({ spec, names: new Map(clause.elements.map((el) => [el.name.text, (el.propertyName ?? el.name).text])) });
        }
      } else if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) s.exports.set(el.name.text, (el.propertyName ?? el.name).text);
      }
    }
  }
  cache.set(sf, s);
  return s;
}

/** Members of a class: methods and function-valued properties, plus properties with a known type/initializer. */
export interface ClassMembers {
  methods: Map<string, FunctionLike>;
  /** Property / parameter-property → the type node or initializer that tells what it holds. */
  fields: Map<string, { type: TS.TypeNode | undefined; init: TS.Expression | undefined }>;
  statics: Map<string, FunctionLike>;
  base: TS.Expression | undefined;
}

const classCache = new WeakMap<TS.ClassLikeDeclaration, ClassMembers>();

function isStatic(node: TS.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
}

export function classMembers(cls: TS.ClassLikeDeclaration): ClassMembers {
  const hit = classCache.get(cls);
  if (hit) return hit;
  const m: ClassMembers = { methods: new Map(), fields: new Map(), statics: new Map(), base: undefined };
  for (const h of cls.heritageClauses ?? []) {
    if (h.token === ts.SyntaxKind.ExtendsKeyword) m.base = h.types[0]?.expression;
  }
  for (const member of cls.members) {
    const name = member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
    if (ts.isMethodDeclaration(member) && name && member.body) {
      (isStatic(member) ? m.statics : m.methods).set(name, member as FunctionLike);
    } else if (ts.isPropertyDeclaration(member) && name) {
      const init = member.initializer;
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) (isStatic(member) ? m.statics : m.methods).set(name, init as FunctionLike);
      else m.fields.set(name, { type: member.type, init });
    } else if (ts.isConstructorDeclaration(member)) {
      for (const p of member.parameters) {
        const isProperty = ts.canHaveModifiers(p) && (ts.getModifiers(p) ?? []).some((mod) =>
          [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(mod.kind));
        if (isProperty && ts.isIdentifier(p.name)) m.fields.set(p.name.text, { type: p.type, init: undefined });
      }
      // `this.repo = new Repo()` / `this.repo = repo` in the constructor.
      member.body?.statements.forEach((st) => {
        if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression)) return;
        const b = st.expression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || b.left.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
        if (!m.fields.has(b.left.name.text)) m.fields.set(b.left.name.text, { type: undefined, init: b.right });
      });
    }
  }
  classCache.set(cls, m);
  return m;
}
