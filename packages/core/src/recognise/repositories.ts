import type * as TS from 'typescript';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, findLocalDeclaration, nameOf, unwrap } from './ast.js';

/** A name that says "repository": `docRepository`, `flowRepo`, `DocumentRepo`. */
export const REPO_NAME = /repo(sitory)?$|Repo(sitory)?$/;
/** `getRepository(X)`, `getCustomRepository(X)`, `getTreeRepository(X)`, `getMongoRepository(X)`. */
const GET_REPOSITORY = /^get(Custom|Tree|Mongo)?Repository$/;
/** TypeORM's repository classes, which a custom repository extends (`class DocRepo extends Repository<Doc>`). */
const TYPEORM_REPOSITORY_CLASS = /^(Repository|TreeRepository|MongoRepository)$/;
/** Holders of one repository per entity: n8n-style `Db.collections.Workflow`. */
const REPOSITORY_HOLDER = /^(collections|repositories|repos)$/;

export interface RepositoryReceiver {
  /** The entity the repository serves, as written (`FlowEntity`, `'flow'`, `Flow`), when it can be read. */
  model: string | undefined;
  /** How the receiver reads in a finding: `flowRepo()`, `Db.collections.Workflow`, `this`. */
  label: string;
}

/** `FlowEntity`, `'flow'`, `entities.Flow`, `entities['Flow']`: the entity an argument names. */
function entityName(ts: AnalysisEnv['ts'], arg: TS.Expression | undefined): string | undefined {
  if (!arg) return undefined;
  const e = unwrap(ts, arg);
  if (ts.isIdentifier(e) || ts.isStringLiteralLike(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'name' ? entityName(ts, e.expression) : e.name.text;
  if (ts.isElementAccessExpression(e)) return nameOf(ts, e.argumentExpression);
  return undefined;
}

/** `Repository<Flow>` → `Flow`. */
function repositoryTypeArgument(ts: AnalysisEnv['ts'], type: TS.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  if (!TYPEORM_REPOSITORY_CLASS.test(name)) return undefined;
  const arg = type.typeArguments?.[0];
  return arg && ts.isTypeReferenceNode(arg) ? (ts.isIdentifier(arg.typeName) ? arg.typeName.text : arg.typeName.right.text) : undefined;
}

/**
 * The entity a repository made by a call serves: `getRepository(Flow)`, `ds.getRepository<Flow>(FlowEntity)`,
 * or a factory a repository-named variable is set from (`const flowRepo = repoFactory(FlowEntity)`).
 */
function entityOfFactoryCall(ts: AnalysisEnv['ts'], init: TS.Expression | undefined, repoNamed: boolean): string | undefined {
  if (!init) return undefined;
  const e = unwrap(ts, init);
  if (!ts.isCallExpression(e)) return undefined;
  const name = calleeName(ts, e) ?? '';
  const typeArg = e.typeArguments?.[0];
  const fromType = typeArg && ts.isTypeReferenceNode(typeArg) && ts.isIdentifier(typeArg.typeName) ? typeArg.typeName.text : undefined;
  if (GET_REPOSITORY.test(name)) return entityName(ts, e.arguments[0]) ?? fromType;
  // A factory's argument is the entity only when it looks like one (a class, a schema, a table name).
  if (!repoNamed) return undefined;
  const arg = e.arguments[0] ? unwrap(ts, e.arguments[0]) : undefined;
  if (arg && ((ts.isIdentifier(arg) && /^[A-Z]/.test(arg.text)) || ts.isStringLiteralLike(arg))) return arg.text;
  return undefined;
}

/** The declaration of a name in this file: the nearest scope first, then any top-level statement (declared after its use). */
function declarationOf(id: TS.Identifier, env: AnalysisEnv): TS.Node | undefined {
  const ts = env.ts;
  const local = findLocalDeclaration(ts, id);
  if (local) return local;
  for (const st of sourceFileOf(id, env).statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === id.text) return d;
  }
  return undefined;
}

/** What a named repository (variable, parameter or getter function) serves. */
function entityOfDeclaration(ts: AnalysisEnv['ts'], decl: TS.Node | undefined, repoNamed: boolean): string | undefined {
  if (!decl) return undefined;
  if (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl)) {
    const typed = repositoryTypeArgument(ts, decl.type);
    if (typed) return typed;
    const init = decl.initializer ? unwrap(ts, decl.initializer) : undefined;
    // `const flowRepo = (em?: EntityManager) => em.getRepository(FlowEntity)`: a getter written out.
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
      const body = ts.isBlock(init.body) ? undefined : init.body;
      return body ? entityOfFactoryCall(ts, body, repoNamed) : undefined;
    }
    return entityOfFactoryCall(ts, init, repoNamed);
  }
  return undefined;
}

/** `@InjectRepository(Flow) private readonly flows: Repository<Flow>` or a constructor parameter property. */
function classMemberEntity(ts: AnalysisEnv['ts'], access: TS.PropertyAccessExpression): string | undefined {
  let cls: TS.Node | undefined = access.parent;
  while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return undefined;
  const name = access.name.text;
  const injected = (node: TS.Node): string | undefined => {
    for (const d of ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : []) {
      const call = d.expression;
      if (ts.isCallExpression(call) && /^Inject(Repository|Model)$/.test(calleeName(ts, call) ?? '')) return entityName(ts, call.arguments[0]);
    }
    return undefined;
  };
  for (const member of (cls as TS.ClassLikeDeclaration).members) {
    if (ts.isPropertyDeclaration(member) && nameOf(ts, member.name) === name) return injected(member) ?? entityOfDeclaration(ts, member, REPO_NAME.test(name));
    if (ts.isConstructorDeclaration(member)) {
      for (const p of member.parameters) if (ts.isIdentifier(p.name) && p.name.text === name) return injected(p) ?? repositoryTypeArgument(ts, p.type);
    }
  }
  return undefined;
}

/** `class FlowRepository extends Repository<Flow>`: `this` is the repository of Flow. */
function enclosingRepositoryClass(ts: AnalysisEnv['ts'], node: TS.Node): string | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (!ts.isClassDeclaration(p) && !ts.isClassExpression(p)) continue;
    for (const clause of p.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      for (const t of clause.types) {
        const base = unwrap(ts, t.expression);
        if (!ts.isIdentifier(base) || !TYPEORM_REPOSITORY_CLASS.test(base.text)) continue;
        const arg = t.typeArguments?.[0];
        return arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) ? arg.typeName.text : '';
      }
    }
    return undefined;
  }
  return undefined;
}

const stripRepoName = (name: string): string => name.replace(REPO_NAME, '').replace(/^get(?=[A-Z])/, '');

/**
 * The repository a method is called on, when the receiver is one: a repository-named variable or
 * member (`docRepository.find`), a getter call (`flowRepo().findOneBy`, `flowRepo(em).update`,
 * `ds.getRepository(Flow).find`), a variable set from one (`const repo = ds.getRepository(Flow)`), a
 * per-entity holder (`Db.collections.Workflow.find`) or `this` inside `class X extends Repository<Flow>`.
 * The entity comes from the argument that made the repository, else from the name.
 */
export function repositoryOf(call: TS.CallExpression, env: AnalysisEnv): RepositoryReceiver | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = unwrap(ts, callee.expression);
  const label = (): string => (accessPath(ts, receiver) ?? ['…']).join('.');
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) {
    const entity = enclosingRepositoryClass(ts, call);
    return entity === undefined ? undefined : { model: entity || undefined, label: 'this' };
  }
  if (ts.isCallExpression(receiver)) {
    const getter = unwrap(ts, receiver.expression);
    const name = calleeName(ts, receiver) ?? '';
    if (GET_REPOSITORY.test(name)) return { model: entityOfFactoryCall(ts, receiver, false), label: label() };
    if (!REPO_NAME.test(name)) return undefined;
    const entity = ts.isIdentifier(getter) ? entityOfDeclaration(ts, declarationOf(getter, env), true) : undefined;
    return { model: entity ?? (stripRepoName(name) || undefined), label: label() };
  }
  if (ts.isIdentifier(receiver)) {
    const repoNamed = REPO_NAME.test(receiver.text);
    const entity = entityOfDeclaration(ts, declarationOf(receiver, env), repoNamed);
    if (entity) return { model: entity, label: receiver.text };
    return repoNamed ? { model: stripRepoName(receiver.text) || undefined, label: receiver.text } : undefined;
  }
  if (ts.isPropertyAccessExpression(receiver)) {
    const holder = unwrap(ts, receiver.expression);
    if (ts.isPropertyAccessExpression(holder) && REPOSITORY_HOLDER.test(holder.name.text) && /^[A-Z]/.test(receiver.name.text)) {
      return { model: receiver.name.text, label: label() };
    }
    const name = receiver.name.text;
    const onThis = holder.kind === ts.SyntaxKind.ThisKeyword;
    const member = onThis ? classMemberEntity(ts, receiver) : undefined;
    if (member) return { model: member, label: label() };
    return REPO_NAME.test(name) ? { model: stripRepoName(name) || undefined, label: label() } : undefined;
  }
  return undefined;
}
