import type * as TS from 'typescript';
import {
  BUILDER_FILTER_CALLS, BUILDER_INSERT_CALLS, BUILDER_TABLE_CALLS, BUILDER_WRITE_CALLS, MONGOOSE_METHODS, PRISMA_METHODS,
  RAW_SQL_METHODS, RAW_SQL_TAGS, SEQUELIZE_METHODS, TYPEORM_METHODS, VECTOR_METHODS,
  type MethodSink, type SinkCategory, type SinkLibrary, type SinkOperation,
} from '../sinks/catalogue.js';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, calleeReceiver, enclosingFunction, findLocalDeclaration, localInitializer, nameOf, unwrap, walk } from './ast.js';
import { builderValues, conditionListMentionsTenant, expressionFilterEvidence, isCapabilityKey, mentionsCapabilityColumn, type FilterEvidence } from './filter.js';
import { fileFacts, importsAny } from './file-facts.js';
import { CATALOG_TABLE, looksLikeSql, readSql } from './sql.js';
import { tenantPredicateValues } from './sql-values.js';
import { isOwnerKey, isTenantKey, isTenantName, mentionsTenant } from './tenant.js';
import { REPO_NAME, repositoryOf } from './repositories.js';
import { pathThroughClientFallback } from './client-fallback.js';
import { recogniseStoreAccessor } from './store-accessors.js';

export interface SinkMatch {
  library: SinkLibrary;
  category: SinkCategory;
  operation: SinkOperation;
  /** Model / table the call touches, when it can be read off the call. */
  model: string | undefined;
  /** The node a finding is reported on. */
  node: TS.CallExpression | TS.TaggedTemplateExpression;
  /** `prisma.document.findUnique`, `knex('docs')…where`, `SQL SELECT … FROM messages`. */
  description: string;
  evidence: FilterEvidence;
  /** SQL that sets the tenant setting for RLS: scopes its transaction rather than reading data. */
  setsTenantSetting?: boolean;
  /**
   * The statement or its declared row type names a tenant column (`SELECT id, tenant_id …`,
   * `query<{ id: string; orgId: string }>(…)`): the table is a tenant table even when no schema says so.
   */
  namesTenantColumn?: boolean;
  /** `SELECT project_id, count(*) … GROUP BY project_id` with no tenant predicate: counts per tenant over every tenant, not any tenant's rows. */
  aggregatesEveryTenant?: boolean;
  /** A key the write takes from its data (`domainId`; `*` for input written as a whole): see written-data.ts. */
  writtenKey?: string;
  /** Where a finding on it points (the written value), when not at the call. */
  reportNode?: TS.Node;
  /** A builder whose selects are all aggregates (`count`, `sum`…): numbers about rows, not rows. */
  aggregateOnly?: boolean;
  /**
   * A method of a data-access wrapper called by name (`runStore.findBatchTaskRunById(id)`,
   * `integrationRepository.findById(id)`): where a method of that name is scanned and holds a query
   * itself, that query is judged instead of the call.
   */
  accessor?: string;
  /**
   * A call on another system (billing, identity provider, object storage, a provider's HTTP API):
   * what it acts on and what to do instead, for messages that cannot say "add the tenant to the filter".
   */
  external?: { what: string; advice: string };
  /** A storage key parsed from a stored link: the field that holds the link (`image` of `link.image`). */
  storedLinkField?: string;
}

/** Own-property lookup: a method named `toString` or `constructor` must not match Object's built-ins. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const CLIENT_NAME = /prisma|db|tx|trx|client|database|orm|conn/i;
/** A database handle as the last segment of a longer path (`opts.ctx.db`, `this.database`). */
const DRIZZLE_CLIENT = /^(db|database|tx|trx|drizzle|conn|client)$/i;

function propertyOf(obj: TS.Expression | undefined, key: string, env: AnalysisEnv): TS.Expression | undefined | null {
  const ts = env.ts;
  if (!obj) return undefined;
  const e = unwrap(ts, obj);
  const lit = ts.isObjectLiteralExpression(e) ? e : ts.isIdentifier(e) ? (() => {
    const init = localInitializer(ts, e);
    return init && ts.isObjectLiteralExpression(unwrap(ts, init)) ? (unwrap(ts, init) as TS.ObjectLiteralExpression) : undefined;
  })() : undefined;
  if (!lit) return null; // opaque options object
  for (const p of lit.properties) {
    if (ts.isPropertyAssignment(p) && nameOf(ts, p.name) === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
    if (ts.isSpreadAssignment(p)) return null;
  }
  return undefined;
}

/** Reads the filter of an ORM method call according to the catalogue's filter location. */
function methodFilter(call: TS.CallExpression, sink: MethodSink, env: AnalysisEnv): FilterEvidence {
  const ts = env.ts;
  const [arg0, arg1] = call.arguments;
  switch (sink.filter) {
    case 'arg0.where': {
      if (!arg0) return { status: 'none', detail: 'has no filter', idValues: [] };
      const where = propertyOf(arg0, 'where', env);
      if (where === null) return { status: 'unknown' };
      return expressionFilterEvidence(where, env);
    }
    case 'arg1.where': {
      const where = propertyOf(arg1, 'where', env);
      if (where === null) return { status: 'unknown' };
      return expressionFilterEvidence(where, env);
    }
    case 'arg0':
      return expressionFilterEvidence(arg0, env);
    case 'id-only':
      return arg0 ? { status: 'none', detail: 'loads by id only', idValues: [arg0] } : { status: 'unknown' };
    case 'criteria': {
      if (!arg0) return { status: 'unknown' };
      const e = unwrap(ts, arg0);
      if (ts.isObjectLiteralExpression(e) || ts.isIdentifier(e) && localInitializer(ts, e)) return expressionFilterEvidence(arg0, env);
      if (ts.isArrayLiteralExpression(e) || ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
        return mentionsTenant(e, env) ? { status: 'unknown' } : { status: 'none', detail: 'filters by id only', idValues: [arg0] };
      }
      return { status: 'unknown' };
    }
  }
}

/** Keys of TypeORM's find options: an object with none of them is the conditions themselves. */
const FIND_OPTION_KEYS = /^(where|select|relations|order|skip|take|withDeleted|cache|lock|join|loadEagerRelations|relationLoadStrategy|transaction|comment|loadRelationIds)$/;

/**
 * A TypeORM repository call: `find({ where })` as the catalogue says, and the older and
 * repository-wrapper forms that pass the conditions themselves (`findOne({ id, projectId })`) or an
 * id (`findOne(id)`, TypeORM 0.2).
 */
function typeOrmFilter(call: TS.CallExpression, sink: MethodSink, env: AnalysisEnv): FilterEvidence {
  const ts = env.ts;
  const arg0 = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (sink.filter !== 'arg0.where' || !arg0) return methodFilter(call, sink, env);
  const init = ts.isIdentifier(arg0) ? localInitializer(ts, arg0) : undefined;
  const object = ts.isObjectLiteralExpression(arg0) ? arg0 : init && ts.isObjectLiteralExpression(unwrap(ts, init)) ? unwrap(ts, init) as TS.ObjectLiteralExpression : undefined;
  if (object && object.properties.length > 0 && !object.properties.some((p) => ts.isSpreadAssignment(p) || FIND_OPTION_KEYS.test(nameOf(ts, p.name) ?? ''))) {
    return expressionFilterEvidence(object, env);
  }
  const last = ts.isIdentifier(arg0) ? arg0.text : ts.isPropertyAccessExpression(arg0) ? arg0.name.text : undefined;
  if (ts.isStringLiteralLike(arg0) || ts.isNumericLiteral(arg0) || (!object && last !== undefined && /(^id|Id|ID|_id)$/.test(last))) {
    return mentionsTenant(arg0, env) ? { status: 'unknown' } : { status: 'none', detail: 'loads by id only', idValues: [arg0] };
  }
  return methodFilter(call, sink, env);
}

/** The keys of a Prisma model method's argument object (and of Drizzle's relational queries, read the same way). */
const PRISMA_ARG_KEYS = /^(where|data|select|include|omit|orderBy|take|skip|cursor|distinct|by|having|create|update|relationLoadStrategy|_count|_sum|_avg|_min|_max|skipDuplicates|limit|offset|with|columns|extras)$/;

/** False when the first argument is an object literal with a key no Prisma method takes. */
function takesPrismaArguments(ts: AnalysisEnv['ts'], call: TS.CallExpression): boolean {
  const arg0 = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  if (!arg0 || !ts.isObjectLiteralExpression(arg0)) return true;
  return arg0.properties.every((p) => ts.isSpreadAssignment(p) || PRISMA_ARG_KEYS.test(nameOf(ts, p.name) ?? ''));
}

/** `prisma.document.findUnique(…)`, `this.db.document.findMany(…)`, `tx.user.update(…)`. */
function recognisePrisma(call: TS.CallExpression, path: string[], env: AnalysisEnv): SinkMatch | undefined {
  const method = path[path.length - 1] ?? '';
  const sink = lookup(PRISMA_METHODS, method);
  if (!sink || path.length < 3) return undefined;
  const model = path[path.length - 2] ?? '';
  const client = path[path.length - 3] ?? '';
  // `Db.collections.Workflow.update(id, …)`: one TypeORM repository per entity, not a Prisma delegate.
  if (model.startsWith('$') || model.endsWith('()') || client === 'this' || REPO_NAME.test(model) || /^(collections|repositories|repos)$/.test(client)) return undefined;
  // `opts.ctx.db.update(page).set(…)`: a query builder on a client reached through a context, not a Prisma model called `db`.
  if (DRIZZLE_CLIENT.test(model) && (isContinued(env.ts, call) || !call.arguments[0] || !env.ts.isObjectLiteralExpression(unwrap(env.ts, call.arguments[0])))) return undefined;
  // A model another ORM's code declares (`props.collection.delete()` on a Sequelize model's instance in a
  // front-end store) is a Prisma delegate only on a client's path.
  const known = env.dataModel.isTenantModel(model) !== undefined && env.dataModel.fact(model)?.orm === undefined;
  if (!known && !CLIENT_NAME.test(client)) return undefined;
  // `gitSyncHandler(log).flows.delete({ id, platformId, request })`: a model's name on a service, not a
  // Prisma delegate. Prisma takes its arguments under fixed keys.
  if (!takesPrismaArguments(env.ts, call)) return undefined;
  return {
    library: 'prisma', category: 'query', operation: sink.operation, model, node: call,
    description: `${path.slice(-3).join('.')}`,
    evidence: methodFilter(call, sink, env),
  };
}

/** TypeORM repositories (`docRepository.findOneBy`, `manager.find(Doc, …)`), Sequelize and Mongoose models. */
function recogniseModelMethod(call: TS.CallExpression, path: string[], env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  const method = path[path.length - 1] ?? '';
  const receiver = path[path.length - 2] ?? '';
  const typeorm = lookup(TYPEORM_METHODS, method);
  // Most calls use none of these methods: answer before the regexes and the import scan (hot path).
  if (!typeorm && !lookup(SEQUELIZE_METHODS, method) && !lookup(MONGOOSE_METHODS, method)) return undefined;
  const facts = fileFacts(ts, sourceFileOf(call, env));
  const repo = repositoryOf(call, env);
  if (repo && typeorm) {
    return {
      library: 'typeorm', category: 'query', operation: typeorm.operation, model: repo.model, node: call,
      description: `${repo.label}.${method}`, evidence: typeOrmFilter(call, typeorm, env),
    };
  }
  // Mongoose names on a repository (a DAL wrapping a Mongoose model): `integrationRepository.findById(id)`.
  const mongoOnRepo = repo ? lookup(MONGOOSE_METHODS, method) : undefined;
  if (repo && mongoOnRepo) {
    return {
      library: 'mongoose', category: 'query', operation: mongoOnRepo.operation, model: repo.model, node: call,
      description: `${repo.label}.${method}`, evidence: methodFilter(call, mongoOnRepo, env), accessor: method,
    };
  }
  if (/^(manager|entityManager|em)$/i.test(receiver) && typeorm && call.arguments.length > 0) {
    const entity = call.arguments[0];
    const shifted = { ...call, arguments: call.arguments.slice(1) } as unknown as TS.CallExpression;
    return {
      library: 'typeorm', category: 'query', operation: typeorm.operation, model: nameOf(ts, entity), node: call,
      description: `${receiver}.${method}`, evidence: methodFilter(shifted, typeorm, env),
    };
  }
  if (!/^[A-Z]/.test(receiver) || path.length !== 2) return undefined;
  const modelKnown = env.dataModel.isTenantModel(receiver) !== undefined;
  // The model's own definition says which ORM it belongs to (`Membership.findOne({ _id })` is Mongoose's
  // filter, not Sequelize's `{ where }`), whatever the calling file imports.
  const orm = modelKnown ? env.dataModel.fact(receiver)?.orm : undefined;
  const usesSequelize = orm !== 'mongoose' && (importsAny(facts, /^sequelize(-typescript)?$/) || modelKnown);
  const usesMongoose = orm !== 'sequelize' && (importsAny(facts, /^mongoose$/) || /Model$/.test(receiver) || modelKnown);
  const seq = lookup(SEQUELIZE_METHODS, method);
  if (seq && usesSequelize && (!lookup(MONGOOSE_METHODS, method) || orm === 'sequelize' || !importsAny(facts, /^mongoose$/))) {
    return {
      library: 'sequelize', category: 'query', operation: seq.operation, model: receiver, node: call,
      description: `${receiver}.${method}`, evidence: methodFilter(call, seq, env),
    };
  }
  const mongo = lookup(MONGOOSE_METHODS, method);
  if (mongo && usesMongoose) {
    return {
      library: 'mongoose', category: 'query', operation: mongo.operation, model: receiver.replace(/Model$/, ''), node: call,
      description: `${receiver}.${method}`, evidence: methodFilter(call, mongo, env),
    };
  }
  return undefined;
}

/** The calls of a fluent chain, outermost last: `db.select().from(t).where(c)` → [select, from, where]. */
function chainCalls(ts: AnalysisEnv['ts'], outer: TS.CallExpression): TS.CallExpression[] {
  const calls: TS.CallExpression[] = [];
  let current: TS.Expression = outer;
  for (let i = 0; i < 64; i++) {
    const e = unwrap(ts, current);
    if (ts.isCallExpression(e)) {
      calls.unshift(e);
      current = e.expression;
    } else if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      current = e.expression;
    } else {
      break;
    }
  }
  return calls;
}

/** True when this call is itself continued by `.x(…)`: only the outermost call of a chain is a sink. */
function isContinued(ts: AnalysisEnv['ts'], call: TS.CallExpression): boolean {
  let parent = call.parent;
  while (parent && (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent))) parent = parent.parent;
  return !!parent && ts.isPropertyAccessExpression(parent) && !!parent.parent && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
}

/** Calls that run a built query. */
const BUILDER_RUN_CALLS = /^(execute\w*|then|first|getMany|getOne\w*|getRawMany|getRawOne|getCount|getManyAndCount|getExists|pluck|stream|all|get|run|values|findMany|findFirst)$/;

/** A builder chain without a run call whose value is stored in a variable, not awaited or returned. */
function isStoredBuilder(ts: AnalysisEnv['ts'], call: TS.CallExpression, names: readonly string[]): boolean {
  if (names.some((n) => BUILDER_RUN_CALLS.test(n))) return false;
  let p: TS.Node = call;
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || ts.isAsExpression(p.parent) || ts.isSatisfiesExpression(p.parent))) p = p.parent;
  const parent = p.parent;
  if (!parent) return false;
  return ts.isVariableDeclaration(parent) ? parent.initializer === p
    : ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === p;
}

/** Calls that run, page or count a builder handed to them: not a change of its filter. */
const BUILDER_RUNNER = /paginat|^(run|execute|exec|count|fetch|query|stream|first|all|getMany|getOne)\w*$/i;

/** The identifier a chain starts from (`qb` in `qb.where(…).getMany()`). */
function chainRoot(ts: AnalysisEnv['ts'], chain: readonly TS.CallExpression[]): TS.Identifier | undefined {
  const callee = chain[0] ? unwrap(ts, chain[0].expression) : undefined;
  const base = callee && ts.isPropertyAccessExpression(callee) ? unwrap(ts, callee.expression) : undefined;
  return base && ts.isIdentifier(base) ? base : undefined;
}

/** `qb = qb.where(…)` or `qb.andWhere(…);`: a statement that refines the stored builder `name`, not one that runs it. */
function refinementOf(ts: AnalysisEnv['ts'], chainTop: TS.CallExpression, name: string): boolean {
  let p: TS.Node = chainTop;
  // `qb = cond ? qb.where(a) : qb.where(b)`: each branch refines it.
  while (p.parent && (ts.isParenthesizedExpression(p.parent) || ts.isAwaitExpression(p.parent) ||
    (ts.isConditionalExpression(p.parent) && p.parent.condition !== p))) p = p.parent;
  const parent = p.parent;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === p &&
      ts.isIdentifier(parent.left) && parent.left.text === name) return true;
  // A mutating builder refined by a statement (TypeORM, Knex): `qb.andWhere(…);` with no run call in it.
  return !!parent && ts.isExpressionStatement(parent) && !chainCalls(ts, chainTop).some((c) => BUILDER_RUN_CALLS.test(calleeName(ts, c) ?? ''));
}

interface StoredBuilder {
  /** The chain the variable was initialised with. */
  base: TS.CallExpression[];
  /** Refinements between the declaration and `upTo` (or all of them), in source order. */
  refinements: TS.CallExpression[];
  /** Chains rooted at the variable that run or continue it, other than refinements. */
  uses: TS.CallExpression[];
  /** Handed to a call that may add to its filter (`applyScope(qb)`). */
  opaque: boolean;
  /** Handed to a call together with the tenant (`scopeToWorkspace(qb, workspaceId)`). */
  scopedBy: TS.CallExpression | undefined;
}

/** What the function does with a builder kept in the variable `name` declared at `decl`. */
function storedBuilder(ts: AnalysisEnv['ts'], decl: TS.VariableDeclaration, base: TS.CallExpression[], env: AnalysisEnv, upTo?: TS.Node): StoredBuilder {
  const name = (decl.name as TS.Identifier).text;
  const fn = enclosingFunction(ts, decl);
  const out: StoredBuilder = { base, refinements: [], uses: [], opaque: false, scopedBy: undefined };
  walk(ts, fn ?? sourceFileOf(decl, env), (n) => {
    if (n.pos < decl.end || (upTo && n.pos >= upTo.pos)) return undefined;
    if (ts.isCallExpression(n) && !isContinued(ts, n)) {
      const chain = chainCalls(ts, n);
      if (chainRoot(ts, chain)?.text === name) {
        if (refinementOf(ts, n, name)) out.refinements.push(...chain);
        else out.uses.push(n);
      } else if (n.arguments.some((a) => ts.isIdentifier(unwrap(ts, a)) && (unwrap(ts, a) as TS.Identifier).text === name)) {
        if (n.arguments.some((a) => mentionsTenant(a, env))) out.scopedBy ??= n;
        else if (!BUILDER_RUNNER.test(calleeName(ts, n) ?? '')) out.opaque = true;
      }
    }
    return undefined;
  });
  return out;
}

/** The function `decl` sits in returns the variable as it is: a builder for its caller to finish. */
function returnsVariable(ts: AnalysisEnv['ts'], decl: TS.VariableDeclaration): boolean {
  const name = (decl.name as TS.Identifier).text;
  const fn = enclosingFunction(ts, decl);
  let found = false;
  if (fn) walk(ts, fn, (n) => {
    if (found || (n !== fn && isFunctionLikeNode(ts, n))) return false;
    if (ts.isReturnStatement(n) && n.expression && ts.isIdentifier(unwrap(ts, n.expression)) && (unwrap(ts, n.expression) as TS.Identifier).text === name) found = true;
    return undefined;
  });
  return found;
}

function isFunctionLikeNode(ts: AnalysisEnv['ts'], n: TS.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** The local builder variable a chain continues (`query.where(…).limit(…)` after `const query = db.select().from(t)`). */
function continuedBuilder(ts: AnalysisEnv['ts'], chain: TS.CallExpression[], env: AnalysisEnv, depth = 0): { decl: TS.VariableDeclaration; base: TS.CallExpression[] } | undefined {
  const root = chainRoot(ts, chain);
  const decl = root ? findLocalDeclaration(ts, root) : undefined;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  let init = decl.initializer;
  while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
  if (!ts.isCallExpression(init)) return undefined;
  let base = chainCalls(ts, init);
  // `let query = queryBuilder.$dynamic()` over `const queryBuilder = db.select()…`: the chain of chains,
  // with what was done to the inner one before the outer was taken from it.
  const nested = base.length > 0 && chainRoot(ts, base) && depth < 3 ? continuedBuilder(ts, base, env, depth + 1) : undefined;
  if (nested) base = [...nested.base, ...storedBuilder(ts, nested.decl, nested.base, env, init).refinements, ...base];
  // A query under construction: it names its table or filters (`const repo = ds.getRepository(X)` is a
  // handle, not a query), and is not yet run (`const rows = db.select()….all()` holds rows).
  const names = base.map((c) => calleeName(ts, c) ?? '');
  const building = names.some((n) => lookup(BUILDER_TABLE_CALLS, n) !== undefined || BUILDER_FILTER_CALLS.has(n) || /^(select|selectDistinct|update|delete|\$dynamic)$/.test(n));
  return building && !names.some((n) => BUILDER_RUN_CALLS.test(n)) ? { decl, base } : undefined;
}

/** Drizzle, Kysely, Knex, Supabase and TypeORM query-builder chains. */
function recogniseBuilderChain(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  if (isContinued(ts, call)) return undefined;
  let calls = chainCalls(ts, call);
  // A builder kept in a local and run here (`const data = await query.where(…).limit(10)`): judged here,
  // as the chain it was built from, every refinement made before this point, and this chain.
  let stored: StoredBuilder | undefined;
  const continued = continuedBuilder(ts, calls, env);
  if (continued) {
    if (refinementOf(ts, call, (continued.decl.name as TS.Identifier).text)) return undefined;
    // `let query = base.$dynamic()`: kept in turn, and judged where that is run.
    const keptIn = call.parent && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) && call.parent.initializer === call ? call.parent : undefined;
    if (keptIn && (returnsVariable(ts, keptIn) || storedBuilder(ts, keptIn, [], env).uses.length > 0)) return undefined;
    stored = storedBuilder(ts, continued.decl, continued.base, env, call);
    calls = [...continued.base, ...stored.refinements, ...calls];
  }
  if (calls.length < 2) {
    // `knex('documents')` alone is a table handle, not a query.
    return undefined;
  }
  const names = calls.map((c) => calleeName(ts, c) ?? '');
  const rootPath = accessPath(ts, (calls[0] as TS.CallExpression).expression) ?? pathThroughClientFallback(ts, (calls[0] as TS.CallExpression).expression) ?? [];
  const root = rootPath[0] ?? '';
  let library: SinkLibrary | undefined;
  let model: string | undefined;
  const tableArg = (c: TS.CallExpression): string | undefined => {
    const a = c.arguments[0];
    return a ? (nameOf(ts, a) ?? (ts.isPropertyAccessExpression(a) ? a.name.text : ts.isIdentifier(a) ? a.text : undefined)) : undefined;
  };
  // Drizzle: db.select().from(table) / db.update(table) / db.delete(table)
  const first = calls[0] as TS.CallExpression;
  const firstName = names[0] ?? '';
  // `db.select()`, and the client reached through a context: `opts.ctx.db.update(t)`, `this.db.select()`.
  const clientSegment = rootPath.length === 2 ? root : rootPath[rootPath.length - 2] ?? '';
  const clientReached = rootPath.length === 2 ? CLIENT_NAME.test(root) : rootPath.length > 2 && DRIZZLE_CLIENT.test(clientSegment);
  if (['select', 'selectDistinct', 'update', 'delete'].includes(firstName) && clientReached) {
    library = 'drizzle';
    const fromIdx = names.indexOf('from');
    model = firstName === 'update' || firstName === 'delete' ? tableArg(first) : fromIdx >= 0 ? tableArg(calls[fromIdx] as TS.CallExpression) : undefined;
  }
  if (!library) {
    const idx = names.findIndex((n) => lookup(BUILDER_TABLE_CALLS, n) !== undefined);
    if (idx >= 0) {
      const n = names[idx] as string;
      library = /supabase/i.test(root) ? 'supabase' : (BUILDER_TABLE_CALLS[n] as SinkLibrary);
      model = tableArg(calls[idx] as TS.CallExpression);
      // `flowRepo().createQueryBuilder('fv')`: a repository's builder reads its entity; the argument is an alias.
      const repo = n === 'createQueryBuilder' ? repositoryOf(calls[idx] as TS.CallExpression, env) : undefined;
      if (repo) model = repo.model;
      if (n === 'from' && !/knex|db|supabase|sql|client|trx|tx|qb|query/i.test(root)) return undefined;
      if (n === 'createQueryBuilder' && !names.some((x) => BUILDER_FILTER_CALLS.has(x) || /^get(Many|One|RawMany|RawOne|Count|ManyAndCount)$/.test(x))) return undefined;
    } else if (ts.isIdentifier(unwrap(ts, first.expression)) && /^(knex|db|trx|k)$/.test(root) && first.arguments[0] && ts.isStringLiteralLike(first.arguments[0])) {
      library = 'knex';
      model = tableArg(first);
    }
  }
  if (!library) return undefined;
  if (names.some((n) => BUILDER_INSERT_CALLS.has(n))) return undefined;
  // `….as('filtered')`: a subquery, read as part of the query that selects from it.
  if (names[names.length - 1] === 'as') return undefined;
  // `qb.where(({ eb }) => eb('Envelope.id', 'in', eb.selectFrom('Recipient')…))`: a subquery is part of
  // the outer query's filter, which is judged as a whole.
  if (insideOuterFilter(ts, call)) return undefined;
  // `let qb = db.selectFrom('t')…` kept for later: judged where a later chain runs it; when nothing
  // does (it is handed to a pager, or returned), here, with every refinement the function makes.
  if (!continued && isStoredBuilder(ts, call, names)) {
    const at = call.parent && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) ? call.parent : undefined;
    if (!at) return undefined;
    stored = storedBuilder(ts, at, calls, env);
    // Run by a later chain (judged there), or handed back to a caller that finishes it (`return qb`).
    if (stored.uses.length > 0 || returnsVariable(ts, at)) return undefined;
    calls = [...calls, ...stored.refinements];
  }
  const all = calls;
  const allNames = all.map((c) => calleeName(ts, c) ?? '');
  if (stored && allNames.some((n) => BUILDER_INSERT_CALLS.has(n))) return undefined;
  const refinedOpaquely = stored?.opaque ?? false;
  const scopedElsewhere = stored?.scopedBy;
  const operation: SinkOperation = allNames.some((n) => BUILDER_WRITE_CALLS.has(n)) ? 'write' : 'read';
  // TypeORM's `.where()` replaces the conditions set before it (only `andWhere` / `orWhere` add):
  // `qb.where({ projectId }); if (name) qb = qb.where({ name })` reads every project's rows by name.
  const lastWhere = library === 'typeorm' ? allNames.lastIndexOf('where') : -1;
  // An inner join's ON condition drops the rows it does not match, so a tenant there filters
  // (`innerJoin(statusReport, and(eq(…), eq(statusReport.workspaceId, workspaceId)))`); a left join's does not.
  const filters = all.filter((c, i) => (BUILDER_FILTER_CALLS.has(allNames[i] ?? '') && (i >= lastWhere || /^(innerJoin|join)$/.test(allNames[i] ?? ''))) ||
    (/^(innerJoin|join)$/.test(allNames[i] ?? '') && argsMentionTenant(c, env)));
  if (scopedElsewhere) filters.push(scopedElsewhere);
  let evidence: FilterEvidence;
  if (refinedOpaquely && !filters.some((f) => argsMentionTenant(f, env))) {
    evidence = { status: 'unknown' };
  } else if (filters.length === 0) {
    evidence = { status: 'none', detail: 'has no filter', idValues: [] };
  } else if (filters.some((f) => calleeName(ts, f) === 'orWhere' && !argsMentionTenant(f, env)) &&
             !filters.some((f) => calleeName(ts, f) !== 'orWhere' && ts.isArrowFunction(unwrap(ts, f.arguments[0] ?? f)) && argsMentionTenant(f, env))) {
    // `.where(tenant).orWhere(other)`: the OR branch is not ANDed with the tenant.
    evidence = filters.some((f) => argsMentionTenant(f, env))
      ? { status: 'none', detail: 'has an OR branch without the tenant', idValues: [] }
      : { status: 'none', detail: 'filters without the tenant', idValues: [] };
  } else if (filters.some((f) => argsMentionTenant(f, env))) {
    const tenantFilters = filters.filter((f) => argsMentionTenant(f, env));
    const tenantFilter = tenantFilters[0] as TS.CallExpression;
    // Every tenant comparison under AND counts (`and(eq(t.bankAccountId, input.id), eq(t.teamId, ctx.teamId))`),
    // also across the chain's where calls (`.where('folderId', '=', f)…where((eb) => eb('teamId', '=', team.id))`):
    // one trusted value scopes the rows; the other compared values may pin them to the verified caller.
    const perFilter = tenantFilters.map((f) => {
      const vs = tenantValuesOfBuilderFilter(f, env);
      return vs.length > 0 ? vs : [tenantValueOfBuilderFilter(f, env)];
    });
    const values = perFilter.flat();
    const ownerValues = tenantFilters.flatMap((f) => tenantValuesOfBuilderFilter(f, env, 0, (column) => isOwnerKey(column)));
    const idValues = tenantFilters.flatMap((f) => builderValues(f, env));
    evidence = values.length > 1
      ? { status: 'tenant', value: values[0], values, idValues, ownerValues }
      : { status: 'tenant', value: values[0] ?? tenantValueOfBuilderFilter(tenantFilter, env), idValues, ownerValues };
  } else if (filters.some((f) => mentionsCapabilityColumn(f, env) || isCapabilityKey((f.arguments[0] && ts.isStringLiteralLike(f.arguments[0]) ? f.arguments[0].text : '').split('.').pop() ?? ''))) {
    // `.where(eq(t.token, token))`, `.eq('token', token)`: the caller presents the row's secret (an unsubscribe link).
    evidence = { status: 'owner', value: undefined };
  } else {
    evidence = { status: 'none', detail: 'filters without the tenant', idValues: filters.flatMap((f) => builderValues(f, env)) };
  }
  return { library, category: 'query', operation, model, node: call, description: `${library} ${allNames.join('.')}`, evidence,
    ...(aggregatesOnly(ts, all, env) ? { aggregateOnly: true } : {}) };
}

/**
 * Every select of the chain picks only aggregates (`count`, `sum`, `avg`…), maybe beside a grouping
 * key: numbers about the rows, not the rows.
 */
function aggregatesOnly(ts: AnalysisEnv['ts'], chain: readonly TS.CallExpression[], env: AnalysisEnv): boolean {
  const selects = chain.filter((c) => /^(select|selectDistinct)$/.test(calleeName(ts, c) ?? ''));
  if (selects.length === 0) return false;
  const sf = sourceFileOf(chain[0] as TS.Node, env);
  return selects.every((s) => s.arguments.length > 0 && s.arguments.every((a) => /\b(count|countAll|countDistinct|sum|avg|min|max)\s*[<(]/.test(a.getText(sf))));
}

const SUBQUERY_HOLDERS = new Set([...BUILDER_FILTER_CALLS, 'eb', 'exists', 'inArray', 'notExists', 'notInArray', 'whereIn', 'whereExists']);

function insideOuterFilter(ts: AnalysisEnv['ts'], call: TS.CallExpression): boolean {
  let child: TS.Node = call;
  for (let p = call.parent, i = 0; p && i < 24 && !ts.isBlock(p) && !ts.isSourceFile(p); child = p, p = p.parent, i++) {
    if (ts.isCallExpression(p) && p.arguments.includes(child as TS.Expression) && SUBQUERY_HOLDERS.has(calleeName(ts, p) ?? '')) return true;
  }
  return false;
}

/** Only a filter call's own arguments count: the chain it continues may mention the tenant elsewhere. */
function argsMentionTenant(call: TS.CallExpression, env: AnalysisEnv): boolean {
  // Also conditions collected in a local array and pushed later: `.where(and(...conditions))`.
  return call.arguments.some((a) => mentionsTenant(a, env) || conditionListMentionsTenant(a, env));
}

/** The compared value of `.where('tenant_id', t)`, `.eq('org_id', t)`, `eq(t.tenantId, v)`. */
function tenantValueOfBuilderFilter(call: TS.CallExpression, env: AnalysisEnv): TS.Expression | undefined {
  const ts = env.ts;
  const args = call.arguments;
  const a0 = args[0];
  if (a0 && ts.isStringLiteralLike(a0) && isTenantKey(a0.text.split('.').pop() ?? '', env)) return args[args.length - 1];
  if (a0 && ts.isCallExpression(a0)) return tenantValueOfBuilderFilter(a0, env);
  if (a0 && ts.isPropertyAccessExpression(a0) && isTenantKey(a0.name.text, env)) return args[1];
  for (const a of args) if (ts.isCallExpression(a) && mentionsTenant(a, env)) return tenantValueOfBuilderFilter(a, env);
  // `eq(teams.id, req.body.teamId)`: no tenant column, but the compared value is the tenant; judge it.
  if (/^(eq|equals|inArray)$/.test(calleeName(ts, call) ?? '') && args[1] && mentionsTenant(args[1], env)) return args[1];
  return undefined;
}

/** The tenant values compared under `and(…)` (not `or(…)`): `and(eq(t.a, x), eq(t.teamId, y))` → [y, …]. */
function tenantValuesOfBuilderFilter(call: TS.CallExpression, env: AnalysisEnv, depth = 0,
  isKey: (column: string) => boolean = (column) => isTenantKey(column, env)): TS.Expression[] {
  const ts = env.ts;
  if (depth > 4) return [];
  const name = calleeName(ts, call) ?? '';
  const args = call.arguments;
  const a0 = args[0] ? unwrap(ts, args[0]) : undefined;
  if (/^(eq|equals|inArray)$/.test(name) && a0 && ts.isPropertyAccessExpression(a0) && isKey(a0.name.text) && args[1]) return [args[1]];
  if (name !== 'and' && name !== 'where' && name !== 'filter') return [];
  return args.flatMap((a) => {
    const x = unwrap(ts, a);
    return ts.isCallExpression(x) ? tenantValuesOfBuilderFilter(x, env, depth + 1, isKey) : [];
  });
}

/** SQL text of a call's first argument or a tagged template, with `${…}` as opaque placeholders. */
export function sqlText(node: TS.Expression | undefined, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  if (!node) return undefined;
  const e = unwrap(ts, node);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => ` ${fragmentText(s.expression, env) ?? placeholder(s.expression, env)} ${s.literal.text}`).join('');
  if (ts.isTaggedTemplateExpression(e)) return sqlText(e.template, env);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = sqlText(e.left, env);
    const r = sqlText(e.right, env);
    return l !== undefined || r !== undefined ? `${l ?? ' $x '}${r ?? ' $x '}` : undefined;
  }
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    return init && init !== node ? sqlText(init, env) : undefined;
  }
  return undefined;
}

const SQL_TAG = /^(sql|Sql|raw)$/;

/**
 * A bound value: `$tenant` when it is named for the tenant (`${teamId}`, `${params.teamId ?? null}`), so
 * that a tenant passed to a set-returning function (`FROM match_documents(${id}, ${teamId})`) is seen.
 */
function placeholder(expr: TS.Expression, env: AnalysisEnv): string {
  const ts = env.ts;
  let e = unwrap(ts, expr);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) e = unwrap(ts, e.left);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  return name !== undefined && isTenantKey(name, env) ? '$tenant' : '$x';
}

/**
 * The SQL a `${…}` placeholder splices in when it is a fragment this file builds: `Prisma.sql\`…\``,
 * a local holding one, `Prisma.join(conditions, ' AND ')` over a local array of fragments, or a
 * same-file function that returns one (`WHERE ${scopedCondition({ projectId })}`). Anything else is
 * an opaque value. Bounded, so a fragment that refers to itself cannot loop.
 */
function fragmentText(node: TS.Expression, env: AnalysisEnv, depth = 0): string | undefined {
  const ts = env.ts;
  // `WHERE ${where}` ← `Prisma.join(conditions)` ← `conditions = build({ … })` ← `return conditions` ← its array: five hops.
  if (depth > 8) return undefined;
  const e = unwrap(ts, node);
  if (ts.isTaggedTemplateExpression(e)) {
    const path = accessPath(ts, e.tag);
    return path && SQL_TAG.test(path[path.length - 1] ?? '') ? sqlText(e.template, env) : undefined;
  }
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (!init || init === node) return undefined;
    const inner = unwrap(ts, init);
    if (ts.isArrayLiteralExpression(inner)) return listText(inner.elements, env, depth);
    // `FROM (${innerSql})` with `const innerSql = \`SELECT … WHERE project_id = …\``: a subquery held in a local.
    if (ts.isTemplateExpression(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) {
      const sub = sqlText(inner, env);
      if (sub !== undefined && /^\s*(select|with)\b/i.test(sub) && looksLikeSql(sub)) return sub;
    }
    return fragmentText(init, env, depth + 1);
  }
  if (ts.isCallExpression(e)) {
    const name = calleeName(ts, e);
    const separator = e.arguments[1] && ts.isStringLiteralLike(unwrap(ts, e.arguments[1])) ? (unwrap(ts, e.arguments[1]) as TS.StringLiteral).text : undefined;
    // Joined with OR, a tenant condition in one part scopes nothing.
    if (name === 'join' && e.arguments[0] && !/\bor\b/i.test(separator ?? '')) {
      const list = unwrap(ts, e.arguments[0]);
      if (ts.isArrayLiteralExpression(list)) return listText(list.elements, env, depth);
      return fragmentText(list, env, depth + 1);
    }
    const callee = unwrap(ts, e.expression);
    const decl = ts.isIdentifier(callee) ? findLocalDeclaration(ts, callee) : undefined;
    const fn = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(ts, decl.initializer) : decl;
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.body) {
      if (!ts.isBlock(fn.body)) return fragmentText(fn.body, env, depth + 1);
      const ret = fn.body.statements.find((st): st is TS.ReturnStatement => ts.isReturnStatement(st));
      return ret?.expression ? fragmentText(ret.expression, env, depth + 1) : undefined;
    }
  }
  return undefined;
}

/**
 * The values a `${…}` binds: none for a spliced piece of SQL (a known fragment, `sql\`…\``, a join of
 * fragments), the list for `sql.join(ids, sql\`, \`)` over values, else the expression itself.
 */
function boundValues(expr: TS.Expression, env: AnalysisEnv): TS.Expression[] {
  const ts = env.ts;
  if (fragmentText(expr, env) !== undefined) return [];
  let e = unwrap(ts, expr);
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init) e = unwrap(ts, init);
  }
  if (ts.isTaggedTemplateExpression(e)) return SQL_TAG.test((accessPath(ts, e.tag) ?? []).pop() ?? '') ? [] : [expr];
  if (ts.isCallExpression(e) && calleeName(ts, e) === 'join' && e.arguments[0]) {
    const list = unwrap(ts, e.arguments[0]);
    const init = ts.isIdentifier(list) ? localInitializer(ts, list) : undefined;
    const array = ts.isArrayLiteralExpression(list) ? list : init && ts.isArrayLiteralExpression(unwrap(ts, init)) ? unwrap(ts, init) as TS.ArrayLiteralExpression : undefined;
    const ofFragments = array ? array.elements.some((el) => ts.isTaggedTemplateExpression(unwrap(ts, el as TS.Expression))) : /condition|clause|filter|where|fragment|part/i.test(list.getText(sourceFileOf(list, env)));
    return ofFragments ? [] : [e.arguments[0]];
  }
  return [expr];
}

function listText(elements: readonly TS.Expression[], env: AnalysisEnv, depth: number): string | undefined {
  const parts = elements.map((el) => (env.ts.isSpreadElement(el) ? undefined : fragmentText(el, env, depth + 1)));
  return parts.some((p) => p !== undefined) ? parts.map((p) => p ?? '$x').join(' AND ') : undefined;
}

/** A word of the statement is a tenant column (`tenant_id`, `"orgId"`, `t.workspace_id`). */
function sqlNamesTenantColumn(text: string, env: AnalysisEnv): boolean {
  for (const m of text.matchAll(/[A-Za-z_][\w]*/g)) if (isTenantName(m[0], env)) return true;
  return false;
}

/** `pool.query<DocumentRow>(…)` where `DocumentRow` (declared in this file, or inline) has a tenant property. */
function rowTypeNamesTenant(node: TS.CallExpression | TS.TaggedTemplateExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const typeArgs = node.typeArguments ?? [];
  const members = (t: TS.TypeNode): readonly TS.Node[] => {
    if (ts.isTypeLiteralNode(t)) return t.members;
    if (ts.isArrayTypeNode(t)) return members(t.elementType);
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) {
      const name = t.typeName.text;
      for (const st of sourceFileOf(node, env).statements) {
        if (ts.isInterfaceDeclaration(st) && st.name.text === name) return st.members;
        if (ts.isTypeAliasDeclaration(st) && st.name.text === name) return members(st.type);
      }
    }
    return [];
  };
  return typeArgs.some((t) => members(t).some((m) => {
    const name = (m as TS.PropertySignature).name;
    return !!name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && isTenantName(name.text, env);
  }));
}

function sqlSink(node: TS.CallExpression | TS.TaggedTemplateExpression, text: string, description: string, env: AnalysisEnv): SinkMatch | undefined {
  if (!looksLikeSql(text)) return undefined;
  const facts = readSql(text, env);
  if (facts.statement === 'insert') return undefined;
  if (facts.setsTenantSetting && facts.statement === 'other') {
    return { library: 'sql', category: 'query', operation: 'read', model: undefined, node, description, evidence: { status: 'tenant', value: undefined }, setsTenantSetting: true };
  }
  if (facts.statement === 'other') return undefined;
  // `SELECT set_config($1, $2, true)` / `SELECT now()` read no table; the database's catalogue holds no tenant rows.
  if (facts.statement === 'select' && !/\bfrom\b/i.test(text)) return undefined;
  if (facts.tables.length > 0 && facts.tables.every((t) => CATALOG_TABLE.test(t))) return undefined;
  const tenantTables = facts.tables.filter((t) => !CATALOG_TABLE.test(t) && env.dataModel.isTenantModel(t) !== false);
  if (tenantTables.length === 0 && facts.tables.length > 0) return undefined;
  const perTenant = facts.statement === 'select' && !facts.hasTenantPredicate &&
    [...text.matchAll(/\bgroup\s+by\s+([^;]*)/gi)].some((m) => (m[1] ?? '').split(/[^\w]+/).some((w) => w && isTenantKey(w, env)));
  return {
    ...(perTenant ? { aggregatesEveryTenant: true } : {}),
    library: facts.isVectorSearch ? 'pgvector' : 'sql',
    category: facts.isVectorSearch ? 'vector' : 'query',
    operation: facts.statement === 'select' ? 'read' : 'write',
    model: tenantTables[0] ?? facts.tables[0],
    namesTenantColumn: sqlNamesTenantColumn(text, env) || rowTypeNamesTenant(node, env),
    node,
    description: `${description} ${facts.statement.toUpperCase()} … ${facts.tables.length ? `FROM ${facts.tables.join(', ')}` : ''}`.trim(),
    evidence: facts.hasTenantPredicate || facts.setsTenantSetting ? { status: 'tenant', value: undefined } : { status: 'none', detail: 'has no tenant predicate in its WHERE clause', idValues: [] },
  };
}

/**
 * Functions named for running SQL (`chQuery(sql)`, `queryResults(sql, db)`, `runSql(sql)`): an app's
 * wrapper around a raw query call. Their SQL-text first argument makes the call a statement, judged
 * like raw SQL where it is written.
 */
const SQL_WRAPPER = /query|sql|exec|command/i;

/** The statement a call runs: its first argument, or the `query` of ClickHouse's object form (`client.query({ query, format })`). */
function statementArgument(call: TS.CallExpression, env: AnalysisEnv): TS.Expression | undefined {
  const arg0 = call.arguments[0];
  if (!arg0) return undefined;
  const obj = env.ts.isObjectLiteralExpression(unwrap(env.ts, arg0)) ? (unwrap(env.ts, arg0) as TS.ObjectLiteralExpression) : undefined;
  if (!obj) return arg0;
  const q = propertyOf(obj, 'query', env);
  return q ?? undefined;
}

/** A clause or subquery position (`WHERE ${…}`, `AND ${…}`, `WITH s AS (${…})`, `FROM (${…})`) or a fragment named for one (`${filter.query}`, `${WHERE_CLAUSE}`). */
const CLAUSE_BEFORE = /\b(where|and|or|prewhere|having|on)\s*\(?\s*$|\b(as|from|join|in)\s*\(\s*$/i;
const CLAUSE_NAME = /where|filter|condition|clause|predicate|search/i;

/**
 * A statement that splices a filter fragment the code builds elsewhere (`WHERE ${applied.query}`):
 * the tenant may well be in it, so "no tenant predicate" is not something the text shows.
 */
function splicesOpaqueFilter(sqlNode: TS.Expression | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  if (!sqlNode) return false;
  let e = unwrap(ts, sqlNode);
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init) e = unwrap(ts, init);
  }
  if (ts.isTaggedTemplateExpression(e)) e = e.template;
  if (!ts.isTemplateExpression(e)) return false;
  let text = e.head.text;
  for (const span of e.templateSpans) {
    const x = unwrap(ts, span.expression);
    const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? `${(accessPath(ts, x) ?? []).join('.')}` : '';
    // Only a value the text cannot read counts: a join of fragments is read (and an OR join read as no scope).
    const opaque = (ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) && fragmentText(span.expression, env) === undefined;
    if ((CLAUSE_BEFORE.test(text) || CLAUSE_NAME.test(name)) && opaque) return true;
    text += ` $x ${span.literal.text}`;
  }
  return false;
}

/** A tenant predicate with its bound value visible (`WHERE project_id = ${escape(input.projectId)}`) is judged by that value. */
function withBoundTenant(match: SinkMatch | undefined, sqlNode: TS.Expression | undefined, params: TS.Expression | undefined, env: AnalysisEnv): SinkMatch | undefined {
  if (match?.evidence.status === 'none' && splicesOpaqueFilter(sqlNode, env)) return { ...match, evidence: { status: 'unknown' } };
  if (!match || match.setsTenantSetting || match.evidence.status !== 'tenant' || match.evidence.value !== undefined) return match;
  const values = tenantPredicateValues(sqlNode, params, env);
  return values.length === 0 ? match : { ...match, evidence: { status: 'tenant', value: values[0], values } };
}

/**
 * For a wrapper only a statement that reads as one counts (`SELECT … FROM t WHERE`, an upper-case
 * keyword, a mutation): its name says less than a driver's `query` does ('select an option from …').
 */
function readsAsStatement(text: string): boolean {
  return /^\s*(SELECT|UPDATE|DELETE|INSERT|WITH|ALTER)\b/.test(text) ||
    /^\s*(select|with)\b[\s\S]*\bfrom\b[\s\S]*\b(where|join|group\s+by|order\s+by|limit)\b/i.test(text) || /^\s*alter\s+table\b/i.test(text);
}

function recogniseRawSql(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const name = calleeName(env.ts, call);
  if (!name) return undefined;
  const driver = RAW_SQL_METHODS.has(name);
  if (!driver && !SQL_WRAPPER.test(name)) return undefined;
  const statement = statementArgument(call, env);
  const text = sqlText(statement, env);
  if (text === undefined || (!driver && !readsAsStatement(text))) return undefined;
  const path = accessPath(env.ts, call.expression);
  const match = withBoundTenant(sqlSink(call, text, path ? path.join('.') : name, env), statement, call.arguments[1], env);
  // The bound parameters are the ids a tenant-less statement picks rows by.
  const params = call.arguments[1] ? unwrap(env.ts, call.arguments[1]) : undefined;
  if (match?.evidence.status === 'none' && params && env.ts.isArrayLiteralExpression(params)) {
    return { ...match, evidence: { ...match.evidence, idValues: params.elements.filter((e): e is TS.Expression => !env.ts.isSpreadElement(e)) } };
  }
  // `$queryRaw(Prisma.sql\`… WHERE id = ${id}\`)`: the template's values, as for the tagged form.
  const arg0 = call.arguments[0] ? unwrap(env.ts, call.arguments[0]) : undefined;
  if (match?.evidence.status === 'none' && arg0 && env.ts.isTaggedTemplateExpression(arg0) && env.ts.isTemplateExpression(arg0.template)) {
    const ids = arg0.template.templateSpans.flatMap((s) => boundValues(s.expression, env));
    return { ...match, evidence: { ...match.evidence, idValues: ids } };
  }
  return match;
}

export function recogniseTaggedSql(tagged: TS.TaggedTemplateExpression, env: AnalysisEnv): SinkMatch | undefined {
  const match = recogniseTaggedSqlWith(tagged, env);
  const anchored = match && match.evidence.status !== 'tenant' ? envWithAnchors(env, match.model) : undefined;
  return anchored ? parentKeyedSql(match, recogniseTaggedSqlWith(tagged, anchored)) : match;
}

/**
 * A statement whose only tenant-like predicate is a parent key (`WHERE conversation_id = $1`, with
 * conversations carrying the tenant) is scoped exactly as well as the bound value is verified: the
 * bound values become the filter's values, judged by their origin. Spliced fragments whose values are
 * not visible keep the predicate as read.
 */
function parentKeyedSql(plain: SinkMatch | undefined, anchored: SinkMatch | undefined): SinkMatch | undefined {
  if (!plain || !anchored) return plain;
  if (anchored.evidence.status !== 'tenant') return plain;
  const ids = plain.evidence.status === 'none' ? plain.evidence.idValues : [];
  if (ids.length === 0) return anchored;
  return { ...anchored, evidence: { status: 'tenant', value: ids[0], values: [...ids] } };
}

function recogniseTaggedSqlWith(tagged: TS.TaggedTemplateExpression, env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  const path = accessPath(ts, tagged.tag);
  const tag = path?.[path.length - 1];
  if (!tag || !RAW_SQL_TAGS.has(tag)) return undefined;
  // `prisma.$queryRaw(Prisma.sql\`…\`)`: the call is the sink, judged once there.
  const parent = tagged.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments[0] === tagged && RAW_SQL_METHODS.has(calleeName(ts, parent) ?? '')) return undefined;
  // Drizzle's sql`` fragments inside .where(…) are parts of a query, not statements.
  const text = sqlText(tagged.template, env);
  const match = text === undefined ? undefined : withBoundTenant(sqlSink(tagged, text, path?.join('.') ?? tag, env), tagged, undefined, env);
  if (match?.evidence.status === 'none' && ts.isTemplateExpression(tagged.template)) {
    // A spliced SQL fragment (`WHERE ${condition}`) is part of the statement, not an id it picks rows by.
    const ids = tagged.template.templateSpans.flatMap((s) => boundValues(s.expression, env));
    return { ...match, evidence: { ...match.evidence, idValues: ids } };
  }
  return match;
}

/** Vector searches: LangChain, Pinecone, Qdrant, Chroma, Weaviate and vector-ish stores with topK. */
function recogniseVector(call: TS.CallExpression, path: string[] | undefined, env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  const name = calleeName(ts, call) ?? '';
  const receiver = calleeReceiver(ts, call);
  const receiverPath = receiver ? accessPath(ts, receiver) ?? [] : [];
  const description = path ? path.join('.') : name;
  const lc = lookup(VECTOR_METHODS, name);
  if (lc) {
    let filter: TS.Expression | undefined | null;
    if (lc.filterArg === 'options.filter') {
      const opts = name === 'asRetriever' && call.arguments.length >= 2 ? call.arguments[1] : name === 'asRetriever' ? call.arguments[0] : call.arguments[1];
      // asRetriever(k, filter) positional form
      filter = name === 'asRetriever' && call.arguments.length >= 2 ? call.arguments[1] : opts && ts.isObjectLiteralExpression(unwrap(ts, opts)) ? propertyOf(opts, 'filter', env) : opts ? null : undefined;
    } else {
      filter = typeof lc.filterArg === 'number' ? call.arguments[lc.filterArg] : undefined;
    }
    return vectorMatch(call, lc.library, description, filter, env);
  }
  const arg0 = call.arguments[0] ? unwrap(ts, call.arguments[0]) : undefined;
  const arg1 = call.arguments[1] ? unwrap(ts, call.arguments[1]) : undefined;
  const hasKeys = (o: TS.Expression | undefined, keys: RegExp): o is TS.ObjectLiteralExpression =>
    !!o && ts.isObjectLiteralExpression(o) && o.properties.some((p) => keys.test(nameOf(ts, p.name) ?? ''));
  // Pinecone: index.query({ vector, topK, filter?, namespace? }); index.namespace(ns).query(…)
  if (name === 'query' && hasKeys(arg0, /^(topK|vector|sparseVector)$/)) {
    const nsCall = receiverPath.find((p) => p === 'namespace()');
    if (nsCall) return undefined; // namespace chosen on the handle: judged where the handle is made
    const ns = propertyOf(arg0, 'namespace', env);
    if (ns) return mentionsTenant(ns, env) || !ts.isStringLiteralLike(unwrap(ts, ns)) ? undefined : vectorMatch(call, 'pinecone', description, undefined, env);
    return vectorMatch(call, 'pinecone', description, propertyOf(arg0, 'filter', env), env);
  }
  // Chroma: collection.query({ queryEmbeddings | queryTexts, nResults, where })
  if (name === 'query' && hasKeys(arg0, /^(queryEmbeddings|queryTexts|nResults)$/)) {
    return vectorMatch(call, 'chroma', description, propertyOf(arg0, 'where', env), env);
  }
  // Qdrant: client.search(collection, { vector, filter }) / client.query(collection, { query, filter })
  if ((name === 'search' || name === 'query') && arg0 && ts.isStringLiteralLike(arg0) && hasKeys(arg1, /^(vector|query|limit)$/)) {
    return vectorMatch(call, 'qdrant', description, propertyOf(arg1, 'filter', env), env);
  }
  // Weaviate: collection.query.nearText(…) / nearVector / hybrid; tenant via .withTenant(t)
  if (/^(nearText|nearVector|nearObject|hybrid|bm25)$/.test(name) && receiverPath.includes('query')) {
    const scoped = receiverPath.some((p) => p === 'withTenant()') || mentionsTenant(call, env);
    return scoped ? undefined : vectorMatch(call, 'weaviate', description, undefined, env);
  }
  // Generic vector stores / memory hubs: store.search({ embedding|vector|query, topK|k|limit })
  if (/^(search|query|retrieve|similarity\w*|findSimilar|nearest\w*)$/.test(name) &&
      receiverPath.some((p) => /vector|embedding|retriev|memory|semantic|knowledge|rag|index/i.test(p)) &&
      (hasKeys(arg0, /^(topK|k|limit|nResults)$/) && hasKeys(arg0, /^(embedding|vector|query|text|question)$/))) {
    return vectorMatch(call, 'vector', description, arg0, env, true);
  }
  return undefined;
}

function vectorMatch(call: TS.CallExpression, library: SinkLibrary, description: string, filter: TS.Expression | undefined | null,
                     env: AnalysisEnv, filterIsOptions = false): SinkMatch {
  const ts = env.ts;
  let evidence: FilterEvidence;
  if (filter === null) evidence = { status: 'unknown' };
  else if (!filter) evidence = { status: 'none', detail: 'has no tenant filter or namespace', idValues: [] };
  else if (filterIsOptions) {
    const f = propertyOf(filter, 'filter', env) ?? propertyOf(filter, 'where', env) ?? propertyOf(filter, 'namespace', env);
    evidence = f === null ? { status: 'unknown' } : f ? (mentionsTenant(f, env) ? { status: 'tenant', value: undefined } : { status: 'none', detail: 'filters without the tenant', idValues: [] })
      : (mentionsTenant(filter, env) ? { status: 'tenant', value: undefined } : { status: 'none', detail: 'has no tenant filter or namespace', idValues: [] });
  } else {
    const e = unwrap(ts, filter);
    evidence = ts.isObjectLiteralExpression(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e)
      ? (mentionsTenant(e, env) ? { status: 'tenant', value: undefined } : { status: 'none', detail: 'filters without the tenant', idValues: [] })
      : (ts.isIdentifier(e) && e.text === 'undefined' ? { status: 'none', detail: 'has no tenant filter or namespace', idValues: [] }
        : mentionsTenant(e, env) ? { status: 'tenant', value: undefined } : { status: 'unknown' });
  }
  return { library, category: 'vector', operation: 'read', model: undefined, node: call, description, evidence };
}

const anchorEnvs = new WeakMap<AnalysisEnv, Map<string, AnalysisEnv>>();

/** The env in which a model's inherited tenant anchors (parent foreign keys) count as tenant fields. */
export function envWithAnchors(env: AnalysisEnv, model: string | undefined): AnalysisEnv | undefined {
  if (!model) return undefined;
  const extra = env.dataModel.tenantAnchors(model).filter((f) => !env.config.tenantFields.includes(f));
  if (extra.length === 0) return undefined;
  let perEnv = anchorEnvs.get(env);
  if (!perEnv) anchorEnvs.set(env, (perEnv = new Map()));
  const key = extra.join(',');
  let derived = perEnv.get(key);
  if (!derived) perEnv.set(key, (derived = { ...env, config: { ...env.config, tenantFields: [...env.config.tenantFields, ...extra] } }));
  return derived;
}

/** Recognises a data sink at a call: ORM method, builder chain, raw SQL or vector search. */
export function recogniseSink(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const match = recogniseSinkWith(call, env);
  // With parent keys counted too, so that `{ tenantId_programId: { tenantId, programId } }` offers both
  // values; in SQL text the bound values stand for the parent key's (see parentKeyedSql).
  const anchored = match ? envWithAnchors(env, match.model) : undefined;
  if (anchored && match && (match.library === 'sql' || match.library === 'pgvector')) return match.evidence.status === 'tenant' ? match : parentKeyedSql(match, recogniseSinkWith(call, anchored));
  return anchored ? (recogniseSinkWith(call, anchored) ?? match) : match;
}

function recogniseSinkWith(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  // `(tx || this.prisma).user.count(…)`: read through the side that names the client.
  const path = accessPath(env.ts, call.expression) ?? pathThroughClientFallback(env.ts, call.expression);
  if (path) {
    const prisma = recognisePrisma(call, path, env);
    if (prisma) return prisma;
    const model = recogniseModelMethod(call, path, env);
    if (model) return model;
  }
  return recogniseRawSql(call, env) ?? recogniseVector(call, path, env) ?? recogniseBuilderChain(call, env) ?? recogniseStoreAccessor(call, env);
}
