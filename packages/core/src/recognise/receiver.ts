import type * as TS from 'typescript';
import type { AnalysisEnv } from './env.js';
import { calleeName, findLocalDeclaration, unwrap } from './ast.js';

/** Names of runtime factories and types whose results are already tenant-scoped. */
const SCOPED_NAME = /tenant|scoped/i;

function isScopedName(name: string | undefined, env: AnalysisEnv): boolean {
  return name !== undefined && (env.config.scopedClients.includes(name) || SCOPED_NAME.test(name));
}

/** The root object of a chain: `this.prisma.x.y` → `this.prisma` (for `this`) or the identifier. */
export function chainRoot(ts: AnalysisEnv['ts'], expr: TS.Expression): TS.Expression {
  let current = unwrap(ts, expr);
  for (let i = 0; i < 64; i++) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
      const inner = unwrap(ts, current.expression);
      if (inner.kind === ts.SyntaxKind.ThisKeyword) return current;
      current = inner;
    } else if (ts.isCallExpression(current)) {
      current = unwrap(ts, current.expression);
    } else {
      return current;
    }
  }
  return current;
}

function typeNodeName(ts: AnalysisEnv['ts'], type: TS.TypeNode | undefined): string | undefined {
  if (!type) return undefined;
  if (ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  return undefined;
}

/** What a declaration says about where its value comes from: a factory call name or a type name. */
function declarationOrigin(ts: AnalysisEnv['ts'], decl: TS.Node): string[] {
  const names: string[] = [];
  const fromInit = (init: TS.Expression | undefined): void => {
    if (!init) return;
    const e = unwrap(ts, init);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
      const n = calleeName(ts, e);
      if (n) names.push(n);
      // prisma.$extends(tenantScope(t)) → the extension's name counts.
      if (ts.isCallExpression(e)) for (const a of e.arguments) if (ts.isCallExpression(a)) names.push(calleeName(ts, a) ?? '');
    }
  };
  if (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) || ts.isParameter(decl)) {
    const t = typeNodeName(ts, decl.type);
    if (t) names.push(t);
    fromInit(decl.initializer);
  }
  return names.filter(Boolean);
}

/** `this.x`: the class member or constructor parameter property named x, and `this.x = …` assignments. */
function classMemberOrigins(ts: AnalysisEnv['ts'], access: TS.PropertyAccessExpression): string[] {
  const name = access.name.text;
  let cls: TS.Node | undefined = access.parent;
  while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return [];
  const names: string[] = [];
  for (const member of (cls as TS.ClassLikeDeclaration).members) {
    if (ts.isPropertyDeclaration(member) && member.name && ts.isIdentifier(member.name) && member.name.text === name) {
      names.push(...declarationOrigin(ts, member));
    }
    if (ts.isConstructorDeclaration(member)) {
      for (const p of member.parameters) if (ts.isIdentifier(p.name) && p.name.text === name) names.push(...declarationOrigin(ts, p));
      member.body?.statements.forEach((s) => {
        if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(s.expression.left) && s.expression.left.name.text === name) {
          const r = unwrap(ts, s.expression.right);
          if (ts.isCallExpression(r) || ts.isNewExpression(r)) names.push(calleeName(ts, r) ?? '');
        }
      });
    }
  }
  return names.filter(Boolean);
}

/** Factory / type names the receiver's root was made by, as far as a syntactic look can tell. */
export function receiverOrigins(expr: TS.Expression, env: AnalysisEnv): string[] {
  const ts = env.ts;
  // `createScopedRetriever(backend).search(…)`: the receiver is the factory's result itself, as if it had
  // been stored in a variable first (`const r = createScopedRetriever(backend)`).
  const direct = unwrap(ts, expr);
  if (ts.isCallExpression(direct) || ts.isNewExpression(direct)) {
    const factory = calleeName(ts, direct);
    if (factory) return [factory];
  }
  const root = chainRoot(ts, expr);
  if (ts.isPropertyAccessExpression(root) && unwrap(ts, root.expression).kind === ts.SyntaxKind.ThisKeyword) {
    return classMemberOrigins(ts, root);
  }
  if (ts.isIdentifier(root)) {
    const decl = findLocalDeclaration(ts, root);
    if (decl) return declarationOrigin(ts, decl);
  }
  return [];
}

/**
 * Whether the receiver is a tenant-scoped client: made by a factory or typed with a type whose name
 * says tenant/scoped (`createTenantRedis`, `createScopedRetriever`, `TenantPrisma`), or configured.
 * With type information the receiver's type name is consulted too.
 */
export function isScopedReceiver(expr: TS.Expression, env: AnalysisEnv): boolean {
  if (receiverOrigins(expr, env).some((n) => isScopedName(n, env))) return true;
  const root = chainRoot(env.ts, expr);
  if (env.ts.isIdentifier(root) && isScopedName(root.text, env) && /^(scoped|tenant)/i.test(root.text)) return true;
  if (env.checker) {
    try {
      const type = env.checker.getTypeAtLocation(root);
      const name = type.getSymbol()?.getName() ?? type.aliasSymbol?.getName();
      if (isScopedName(name, env)) return true;
    } catch {
      // Type lookups on broken code may throw; the syntactic answer stands.
    }
  }
  return false;
}
