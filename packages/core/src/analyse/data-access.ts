import type * as TS from 'typescript';
import { type AnalysisEnv, sourceFileOf } from '../recognise/env.js';
import { accessPath, calleeName, calleeReceiver, enclosingFunction, type FunctionLike, functionName, localInitializer, textOf, unwrap } from '../recognise/ast.js';
import { isScopedReceiver } from '../recognise/receiver.js';
import { envWithAnchors, recogniseSink, recogniseTaggedSql, type SinkMatch } from '../recognise/sinks.js';
import { recogniseWrittenKeys, riskyInputKeys, validatedInputKeys } from '../recognise/written-data.js';
import { classifyValue, envForOperation, isTenantName, isVerifiedPrincipalValue, type ValueOrigin } from '../recognise/tenant.js';
import { onlyForFixedTenant } from './fixed-tenant.js';
import { readsOnlyOwner } from './owner-lookup.js';
import { refineBySameFileCallers } from './local-callers.js';
import { filterThroughCallers } from './pass-through-filter.js';
import { bulkWriteWithoutPartition } from './bulk-write.js';
import type { Candidates } from './candidates.js';
import { idsPreChecked, inBackupRoutine, insideScopedRunner, resultOnlyTested, setsRlsTenant } from './scope-checks.js';
import type { LocalFinding, SinkRecord } from './types.js';
import { fixHint, type FixHint } from '../gaps/fix-advice.js';
import { fixOptionsFor } from './fix-options.js';
import { fitSummary } from './summary.js';
import { withTenantFilterSuggestion } from './tenant-filter-suggestion.js';
import { checkAfterLoad, checkedAfterLoad, untrustedValueChecked } from './checked-against-caller.js';

function receiverOf(node: SinkMatch['node'], env: AnalysisEnv): TS.Expression | undefined {
  const ts = env.ts;
  if (ts.isCallExpression(node)) return calleeReceiver(ts, node);
  const tag = unwrap(ts, node.tag);
  return ts.isPropertyAccessExpression(tag) ? tag.expression : undefined;
}

/** Why a sink without a tenant filter is still scoped, or undefined when nothing shows it is (`env` with the model's parent keys). */
function contextScope(match: SinkMatch, fn: FunctionLike | undefined, env: AnalysisEnv): string | undefined {
  const receiver = receiverOf(match.node, env);
  if (receiver && isScopedReceiver(receiver, env)) return 'tenant-scoped client';
  if (insideScopedRunner(match.node, env)) return 'inside a tenant-scoped transaction';
  if (setsRlsTenant(fn, env)) return 'function sets the RLS tenant setting';
  // A check after a write comes too late: the other tenant's row is already changed or gone.
  if (match.operation === 'read' && checkAfterLoad(match.node, fn, env).checked) return 'record checked after loading';
  if (onlyForFixedTenant(match.node, fn, env)) return "runs only for one tenant fixed in code (the operator's)";
  if (match.evidence.status === 'none' && idsPreChecked(match.evidence.idValues, match.node, fn, env)) return 'id checked against the tenant before';
  return undefined;
}

const BUILDER_LIBRARIES = new Set(['drizzle', 'kysely', 'knex', 'supabase', 'typeorm']);

/** Verdicts that become a finding here or after the scanner follows the value to the callers. */
const REPORTABLE = new Set<SinkRecord['verdict']>(['unscoped', 'untrusted', 'id-parameter', 'parameter']);

/**
 * `at`: the function whose values the filter holds, when not the sink's own (a filter object a caller
 * passes to a pass-through wrapper, judged where it was written: see pass-through-filter.ts).
 */
export function judgeSink(match: SinkMatch, env: AnalysisEnv, fnName: (f: FunctionLike) => string | undefined, at?: FunctionLike): SinkRecord {
  const fn = at ?? enclosingFunction(env.ts, match.node);
  const inBackup = inBackupRoutine(fn, env, fnName);
  if (match.category === 'query' && match.model === undefined && BUILDER_LIBRARIES.has(match.library)) {
    // A builder over a subquery or a table held in a variable: which rows it reads is not visible here.
    return { match, fn, verdict: 'unknown', reason: 'table not visible (subquery or variable)', origin: undefined, inBackup };
  }
  const tenant = match.category === 'query' && match.model !== undefined ? env.dataModel.isTenantModel(match.model) : true;
  if (tenant === false) {
    // The tenant itself (`prisma.organization.findUnique({ where: { slug: params.organizationSlug } })`) is judged
    // as a tenant table would be; only a pick by a request value nothing checked (no membership filter, no check
    // before or after) is kept: the handler goes on as that tenant, whoever the caller is. Other reads stay global.
    const asTenant = match.model !== undefined && env.dataModel.isTenantEntity(match.model) && match.evidence.status === 'none'
      ? judgeAsTenantTable(match, fn, inBackup, env) : undefined;
    if (asTenant?.verdict === 'unscoped' && asTenant.origin?.kind === 'untrusted') {
      return { ...asTenant, tenantEntity: true,
        reason: `picks the tenant itself (${match.model}) by a value taken from request input (${asTenant.origin.path}), with no check that the caller belongs to it` };
    }
    return { match, fn, verdict: 'global', reason: `${match.model} has no tenant column`, origin: undefined, inBackup };
  }
  const judged = judgeAsTenantTable(match, fn, inBackup, env);
  // A filter that names the tenant column shows the table has one, whatever the schema says.
  if (tenant === true || match.evidence.status === 'tenant' || match.namesTenantColumn || !REPORTABLE.has(judged.verdict)) return judged;
  // Unknown is not safe: no schema, migration or entity declares the table. Rows picked by an id (from
  // the request here, or from the callers, which the scanner follows) are judged as a tenant table's,
  // and the finding says the model is unknown. A read with no filter at all may be a global table
  // (plans, feature flags), so it stays unjudged, except in code bases that declare no model at all
  // and in raw SQL, where judging every table as a tenant table was always the rule.
  const byId = match.evidence.status === 'none' && match.evidence.idValues.length > 0;
  if (byId || env.dataModel.size === 0 || match.library === 'sql') return { ...judged, modelUnknown: true };
  return { match, fn, verdict: 'unknown', reason: `${match.model} is not in the data model`, origin: undefined, inBackup };
}

function judgeAsTenantTable(match: SinkMatch, fn: FunctionLike | undefined, inBackup: boolean, baseEnv: AnalysisEnv): SinkRecord {
  // A write is cleared only by checks that cover writing (`canViewX` does not clear a delete).
  const env = envForOperation(baseEnv, match.operation);
  const record = (verdict: SinkRecord['verdict'], reason: string, origin?: ValueOrigin): SinkRecord =>
    ({ match, fn, verdict, reason, origin, inBackup });
  if (match.setsTenantSetting) return record('scoped', 'sets the RLS tenant setting');
  const ev = match.evidence;
  if (ev.status === 'unknown') return record('unknown', 'filter not visible');
  if (ev.status === 'owner') return record('scoped', 'filtered by owner');
  // Parent keys (`programId` on a Discount) scope a child as the tenant column does, here and in earlier checks.
  const anchored = envWithAnchors(env, match.model) ?? env;
  // `OR: [{ partners: { some: { partnerId: partner.id } } }, { messages: { some: { partnerId: partner.id } } }]`.
  const branches = ev.status === 'tenant' || ev.status === 'none' ? ev.orBranchValues : undefined;
  if (branches && branches.length > 0 && branches.every((b) => b.some((v) => isVerifiedPrincipalValue(v, env)))) return record('scoped', 'every branch filtered by the verified caller');
  if (ev.status === 'tenant') {
    const values = ev.values ?? [ev.value];
    if (values.some((v) => v === undefined)) return record('scoped', 'tenant in filter');
    if ((ev.idValues ?? []).some((v) => isVerifiedPrincipalValue(v, env))) return record('scoped', 'filtered by the verified caller');
    // `and(eq(m.userId, userId), eq(m.teamId, teamId))`: the caller's membership row in a tenant, the check itself.
    // An owner key the function receives next to a tenant it also receives (`{ userId_teamId: { userId, teamId } }`)
    // is the callers' to fill: the tenant is followed, and call sites that pass the verified user are
    // accepted there (pinned-by-caller). Next to a request's tenant, the function is the membership check.
    const tenantReceived = values.some((v) => v !== undefined && classifyValue(v, env).kind === 'parameter');
    const ownerAccepted = (v: TS.Expression): boolean => {
      const kind = classifyValue(v, env).kind;
      return kind !== 'untrusted' && !(kind === 'parameter' && tenantReceived);
    };
    if ((ev.ownerValues ?? []).some(ownerAccepted)) return record('scoped', 'membership lookup of the caller');
    // `{ tenantId_programId: { tenantId: query.tenantId, programId } }`: one trusted key scopes the rows.
    const judged = values.map((v) => judgeTenantValue(v as TS.Expression, fn, anchored, record));
    // Otherwise the value named for the tenant itself (`teamId` next to a parent key `bankAccountId`) is the one to follow.
    const named = judged.find((_, i) => pathNames(values[i] as TS.Expression, env).some((n) => isTenantName(n, env)));
    // A parameter may be the verified tenant at every caller: follow it before calling another key request input.
    const parameter = judged.find((r) => r.verdict === 'parameter');
    const chosen = judged.find((r) => r.verdict === 'scoped') ?? (named?.verdict === 'parameter' ? named : undefined) ?? parameter ?? named ?? (judged[0] as SinkRecord);
    // `const link = await find({ domain_key: { domain, key } }); if (link.projectId !== workspaceId) throw`.
    if (chosen.verdict !== 'scoped' && match.operation === 'read' && checkedAfterLoad(match.node, fn, anchored)) return record('scoped', 'record checked after loading');
    return chosen;
  }
  const scope = contextScope(match, fn, anchored);
  if (scope) return record('scoped', scope);
  // `if (creds.workspaceId !== workspaceId) return null` with `workspaceId` a parameter: the callers decide.
  const compared = match.operation === 'read' ? checkAfterLoad(match.node, fn, anchored).comparedParameter : undefined;
  if (compared) return record('parameter', 'loaded record compared with a tenant the function receives', compared);
  if (match.operation === 'read' && resultOnlyTested(match.node, fn, env)) return record('scoped', 'existence check only');
  // `select: { organizationId: true }`: which tenant owns the row, read to authorize the caller against it.
  if (readsOnlyOwner(match, anchored)) return record('scoped', 'reads only which tenant owns the row');
  // `findUnique({ where: { slug: 'hubspot' } })`: one fixed row, the same for every caller; nobody chooses it.
  if (ev.status === 'none' && ev.idValues.length === 0 && ev.detail === 'filters without the tenant' && /^findUnique/.test(calleeName(env.ts, match.node as TS.CallExpression) ?? '')) {
    return record('derived', 'one fixed row picked by constants');
  }
  if (ev.status === 'conditional') return record('unscoped', 'tenant filter is conditional');
  if (match.aggregatesEveryTenant) return record('global', 'an aggregate per tenant over every tenant (counts, not rows)');
  // `prisma.recipient.groupBy({ by: ['status'], _count: true })`, `Document.count()`: counts over every tenant, not any tenant's rows.
  if (ev.status === 'none' && ev.idValues.length === 0 && ev.detail === 'has no filter' && isAggregateCall(match, env)) return record('global', 'an aggregate over every tenant (counts, not rows)');
  // `db.selectFrom('Envelope').select(({ fn }) => [fn.count('id').as('count')]).where(status).groupBy('month')`: the same, in a builder.
  if (ev.status === 'none' && ev.idValues.length === 0 && match.category === 'query' && BUILDER_LIBRARIES.has(match.library) && match.aggregateOnly) {
    return record('global', 'an aggregate over every tenant (counts, not rows)');
  }
  // `updateMany({ where: { orderIndex: { gte: loaded.orderIndex } } })`: meant for one row's siblings, it writes every tenant's.
  const columns = ev.status === 'none' ? bulkWriteWithoutPartition(match, anchored) : undefined;
  if (columns) return record('unscoped', `writes every row whose ${columns.join(', ')} matches values of one loaded row, in every tenant (no tenant, id or parent key in the filter)`);
  // A vector search's query embedding is what it compares against, not an id it picks rows by:
  // without the tenant, its neighbours come from every tenant whoever chose the vector.
  const ids = match.category === 'vector' ? ev.idValues.filter((v) => !/embedding|vector/i.test(textOf(v, sourceFileOf(v, env)))) : ev.idValues;
  if (match.category === 'vector' && ids.length === 0) return record('unscoped', 'has no tenant filter or namespace');
  return judgeIds(ids, ev.detail, fn, anchored, record);
}

/** A count or aggregate: Prisma's count/aggregate/groupBy, and the other ORMs' counts. */
function isAggregateCall(match: SinkMatch, env: AnalysisEnv): boolean {
  const name = calleeName(env.ts, match.node as TS.CallExpression) ?? '';
  if (match.library === 'prisma') return /^(count|aggregate|groupBy)$/.test(name);
  return /^(count|countBy|countDocuments|estimatedDocumentCount)$/.test(name) && ['typeorm', 'sequelize', 'mongoose'].includes(match.library);
}

/** `teamId` → [teamId]; `ctx.workspace.id` → [ctx, workspace, id]. */
function pathNames(value: TS.Expression, env: AnalysisEnv): string[] {
  const e = unwrap(env.ts, value);
  if (env.ts.isIdentifier(e)) return [e.text];
  return (env.ts.isPropertyAccessExpression(e) ? accessPath(env.ts, e) : undefined) ?? [];
}

function judgeTenantValue(value: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv,
                          record: (v: SinkRecord['verdict'], reason: string, origin?: ValueOrigin) => SinkRecord): SinkRecord {
  const origin = classifyValue(value, env);
  if (origin.kind === 'undefined') return record('unscoped', 'tenant filter is undefined', origin);
  if (origin.kind === 'untrusted') {
    return untrustedValueChecked(value, fn, env) ? record('scoped', 'request tenant checked', origin) : record('untrusted', 'tenant from request input', origin);
  }
  if (origin.kind === 'parameter') return record('parameter', 'tenant from a parameter', origin);
  return record('scoped', `tenant from ${origin.kind}`, origin);
}

/**
 * A filter without the tenant picks rows by ids. Whether that leaks depends on where the ids come
 * from: request input is the classic cross-tenant read; an id the function receives is for its
 * callers to answer; an id taken from data the code loaded itself was scoped where it was loaded.
 */
function judgeIds(ids: readonly TS.Expression[], detail: string, fn: FunctionLike | undefined, env: AnalysisEnv,
                  record: (v: SinkRecord['verdict'], reason: string, origin?: ValueOrigin) => SinkRecord): SinkRecord {
  if (ids.length === 0) return record('unscoped', detail);
  // `{ partnerId: ctx.partner.id }`, `{ id: session.user.id }`: rows of the verified caller itself.
  if (ids.some((id) => isVerifiedPrincipalValue(id, env))) return record('scoped', 'filtered by the verified caller');
  // `and(eq(t.projectId, input.projectId), eq(t.integrationId, integration.id))` with `integration` loaded and
  // checked against the caller: every row is one of that checked record's, whatever else the client picks.
  if (ids.length > 1 && ids.some((id) => keyOfCheckedRecord(id, fn, env))) return record('scoped', 'pinned to a record checked against the tenant');
  let parameter: ValueOrigin | undefined;
  for (const id of ids) {
    const origin = classifyValue(id, env);
    if (origin.kind === 'untrusted' && !untrustedValueChecked(id, fn, env)) return record('unscoped', `${detail}, taken from request input (${origin.path})`, origin);
    // An id the function checks with the tenant before using it (`getDiscountOrThrow({ programId, discountId })`)
    // is answered here, whoever passes it.
    if (origin.kind === 'parameter' && !untrustedValueChecked(id, fn, env)) parameter ??= origin;
  }
  if (parameter) return record('id-parameter', `${detail}, an id the function receives`, parameter);
  return record('derived', 'id comes from data loaded or computed here');
}

/** `integration.id` / `integration.projectId` where `const integration = await load(…)` is checked against the caller after loading. */
function keyOfCheckedRecord(id: TS.Expression, fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const e = unwrap(ts, id);
  if (!fn || !ts.isPropertyAccessExpression(e) || !/^id$|Id$/.test(e.name.text)) return false;
  const root = unwrap(ts, e.expression);
  if (!ts.isIdentifier(root)) return false;
  const init = localInitializer(ts, root);
  const load = init ? unwrap(ts, init) : undefined;
  return !!load && ts.isCallExpression(load) && checkedAfterLoad(load, fn, env);
}

/**
 * Request input written as a whole: only a raw body carries keys nobody chose (`req.body`, `await
 * request.json()`); a validated procedure input (`input`, `parsedInput`) holds what its schema names.
 */
export function isRawRequestBody(path: string): boolean {
  return /^(req|request|ctx\.request|c\.req|context\.req)\.(body|json\(\)|formData\(\)|parseBody\(\))|\.req\.(json|parseBody)\(\)$/.test(path);
}

/**
 * A key a write takes from its data (recognise/written-data.ts): the written value is judged like an
 * id. A tenant key or a key into tenants' rows from request input, not checked against the caller's
 * tenant first, writes into, or links to, another tenant; a value the function receives is for the
 * callers to answer (the scanner follows it).
 */
function judgeWrittenKey(match: SinkMatch, baseEnv: AnalysisEnv): SinkRecord {
  const env = envForOperation(baseEnv, 'write');
  const fn = enclosingFunction(env.ts, match.node);
  const record = (verdict: SinkRecord['verdict'], reason: string, origin?: ValueOrigin): SinkRecord => ({ match, fn, verdict, reason, origin, inBackup: false });
  const value = match.evidence.status === 'none' ? match.evidence.idValues[0] : undefined;
  if (!value) return record('derived', 'nothing written from the caller');
  if (insideScopedRunner(match.node, env)) return record('scoped', 'inside a tenant-scoped transaction');
  const origin = classifyValue(value, env);
  const whole = match.writtenKey === '*';
  if (origin.kind === 'untrusted') {
    if (whole && !isRawRequestBody(origin.path)) {
      // A validated input holds what its schema names: a schema that names the tenant or a key into
      // tenants' rows (`workspaceId: z.string().optional()`) lets the client move the row.
      // A key the handler checks (`input.projectId` of a project procedure, `throwIfNoProjectAccess({ projectId: input.projectId })`) is the caller's.
      const risky = riskyInputKeys(value, match.model, env).filter((k) => !untrustedValueChecked(value, fn, env, k));
      if (risky.length === 0) return record('derived', 'validated input written as a whole');
      return record('unscoped', `writes the request input as a whole (${origin.path}), and its schema lets the client set ${risky.join(', ')}`, origin);
    }
    if (!whole && untrustedValueChecked(value, fn, env)) return record('scoped', `${match.writtenKey} checked against the tenant before`);
    return record('unscoped', whole ? `writes the request input as a whole (${origin.path})` : `writes ${match.writtenKey} taken from request input (${origin.path})`, origin);
  }
  if (whole && origin.kind === 'parameter') {
    // `data: input` with `input: z.infer<typeof Schema>`: the schema says what the caller can put in it.
    const keys = validatedInputKeys(value, env);
    const risky = keys ? riskyInputKeys(value, match.model, env).filter((k) => !untrustedValueChecked(value, fn, env, k)) : [];
    if (risky.length > 0) return record('unscoped', `writes its validated input as a whole, and the input's schema lets the client set ${risky.join(', ')}`, origin);
    if (keys) return record('derived', 'validated input written as a whole');
  }
  if (origin.kind === 'parameter') {
    if (!whole && untrustedValueChecked(value, fn, env)) return record('scoped', `${match.writtenKey} checked against the tenant before`);
    return record('id-parameter', `writes ${whole ? 'the input it receives as a whole' : `${match.writtenKey}, a value the function receives`}`, origin);
  }
  return record('derived', 'written value comes from data loaded or computed here');
}

/** Said on findings whose table no schema declares, so a reader knows what the verdict rests on. */
export function modelUnknownNote(rec: SinkRecord): string {
  return rec.modelUnknown && !rec.match.namesTenantColumn
    ? ` (model unknown: no schema, migration or entity declares ${rec.match.model ?? 'the table'}, so it was judged as a tenant table)`
    : '';
}

/** The request path a value came from, short enough to quote (`req.body.orgId`). */
function originPath(rec: SinkRecord): string {
  return rec.origin && 'path' in rec.origin ? rec.origin.path : 'the request';
}

/**
 * The local finding a judged sink gives, if any (also for sinks the scanner judges at a call site).
 * `env` tailors the fix (the model's tenant column, the runtime's APIs only where the code uses it).
 */
export function findingFor(rec: SinkRecord, env?: AnalysisEnv): LocalFinding | undefined {
  const { match } = rec;
  const what = match.description;
  const options = env ? fixOptionsFor(env, match.model) : { tenantField: 'tenantId', usesRuntime: false };
  const hint = (h: FixHint): string => fixHint(h, options);
  if (match.writtenKey !== undefined) {
    if (rec.verdict !== 'unscoped' && rec.verdict !== 'id-parameter') return undefined;
    const node = match.reportNode ?? match.node;
    const kind = 'unscoped-query';
    return match.writtenKey === '*'
      ? { kind, messageId: 'massAssignment', node, fn: rec.fn, sink: rec,
          message: `${what} ${rec.reason}: the client can set the tenant key or an id and move or overwrite another tenant's rows; ${hint('copyAllowedFields')}`,
          summary: fitSummary(kind, `${what} writes client input as a whole`, hint('copyAllowedFields')) }
      : { kind, messageId: 'clientChosenKey', node, fn: rec.fn, sink: rec,
          message: `${what} ${rec.reason}, not checked against the caller's tenant; ${hint('lookUpWithTenant')} (findFirst({ where: { id, ${options.tenantField} } })) or take it from the verified context`,
          summary: fitSummary(kind, `${what} ${rec.reason}, unchecked`, hint('lookUpWithTenant')) };
  }
  if (rec.verdict === 'unscoped' || rec.verdict === 'untrusted' || rec.verdict === 'id-parameter') {
    if (rec.inBackup) {
      const kind = 'unscoped-backup';
      return {
        kind, messageId: 'unscopedBackup', node: match.node, fn: rec.fn, sink: rec,
        message: `${what} reads every tenant's data into a backup/export; ${hint('backupPerTenant')}`,
        summary: fitSummary(kind, `${what} reads every tenant into one backup`, hint('backupPerTenant')),
      };
    }
    const vector = match.category === 'vector';
    const kind = vector ? 'unscoped-vector-search' : 'unscoped-query';
    if (rec.verdict === 'untrusted') {
      return {
        kind, messageId: 'untrustedTenant', node: match.node, fn: rec.fn, sink: rec,
        message: `${what} filters by a tenant taken from request input (${originPath(rec)}); ${hint('tenantFromVerified')}`,
        summary: fitSummary(kind, `${what} takes the tenant from request input (${originPath(rec)})`, hint('tenantFromVerified')),
      };
    }
    if (match.evidence.status === 'conditional') {
      return {
        kind, messageId: 'conditionalTenantFilter', node: match.node, fn: rec.fn, sink: rec,
        message: `${what} adds the tenant filter only when a tenant value is present, so a missing tenant reads every tenant; ${hint('requireTenant')}`,
        summary: fitSummary(kind, `${what} filters by tenant only when one is present`, hint('requireTenant')),
      };
    }
    return vector
      ? { kind, messageId: 'unscopedVectorSearch', node: match.node, fn: rec.fn, sink: rec,
          message: `${what} ${rec.reason}: nearest neighbours come from every tenant; ${hint('scopedRetrieval')}`,
          summary: fitSummary(kind, `${what} ${rec.reason}`, hint('scopedRetrieval')) }
      : { kind, messageId: 'unscopedQuery', node: match.node, fn: rec.fn, sink: rec,
          message: `${what} ${rec.reason} and its result is not checked against the caller's tenant; ${hint('filterByTenant')} (e.g. { id, ${options.tenantField} }) or check the loaded record against the caller`,
          summary: fitSummary(kind, `${what} ${rec.reason}`, hint('filterByTenant')) };
  }
  return undefined;
}

export function analyseDataAccess(c: Candidates, env: AnalysisEnv): { sinks: SinkRecord[]; findings: LocalFinding[] } {
  const name = (f: FunctionLike): string | undefined => functionName(env.ts, f);
  const sinks: SinkRecord[] = [];
  const seen = new Set<TS.Node>();
  const consider = (match: SinkMatch | undefined): void => {
    if (!match || seen.has(match.node)) return;
    seen.add(match.node);
    const rec = judgeSink(match, env, name);
    // `findOne(options)` inside a wrapper whose callers in this file pass the options: judged per caller.
    for (const judged of filterThroughCallers(rec, c, env, name) ?? [rec]) sinks.push(refineBySameFileCallers(judged, c, env));
  };
  for (const call of c.calls) {
    consider(recogniseSink(call, env));
    for (const written of recogniseWrittenKeys(call, env)) sinks.push(refineBySameFileCallers(judgeWrittenKey(written, env), c, env));
  }
  for (const tagged of c.taggedTemplates) consider(recogniseTaggedSql(tagged, env));
  const findings = sinks.map((rec) => findingFor(rec, env)).filter((f): f is LocalFinding => f !== undefined)
    .map((f) => withTenantFilterSuggestion(f, env));
  return { sinks, findings };
}
