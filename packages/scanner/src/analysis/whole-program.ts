import { AnalysisBudgetExceeded, envForOperation, fixOptionsFor, hintFor, isRawRequestBody, isTenantName, modelUnknownNote, untrustedValueChecked, withinBudget, type FunctionLike, type GapKind, type LocalFinding, type SinkRecord } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import { findEntryPoints } from '../entrypoints/index.js';
import { CallGraph } from './callgraph/graph.js';
import { Resolver } from './callgraph/resolve.js';
import { indexFile, type FileIndex } from './callgraph/syntax-index.js';
import type { FileUnit, ProgramContext } from './context.js';
import { excusedByCallers, returnedBy } from './flow/callers-check.js';
import { extensionDrift } from './flow/drift.js';
import { unawaitedChecks } from './flow/unawaited-checks.js';
import { findBadPaths } from './flow/params.js';
import { findBadIdPaths } from './flow/ids.js';
import { sinkParameter } from './flow/caller-walk.js';
import { entryParameterIsInput } from './flow/argument-origin.js';
import { sinkPins } from './flow/pinned-by-caller.js';
import { returnsReadRows } from './flow/unexposed-result.js';
import { serverWrittenField } from './flow/server-written-fields.js';
import { omittedTenantDatabases } from './flow/omitted-tenant-database.js';
import { guardOf } from './flow/guarded-call.js';
import { liftPassThroughFilters } from './flow/pass-through.js';
import { routeVerifiedRead } from './flow/route-verified.js';
import { accessorJudgedInside } from './flow/accessors.js';
import { optionalTenantHandedToFailClosed } from './flow/optional-handed-on.js';
import { isPlatformEntry, isPlatformPath, reachOf } from './flow/reach.js';
import { callersOf, enclosingFn, nameOfFn, stepAt, type ProgramView } from './flow/program-view.js';
import { entryPathTo, traceFor, traceSteps } from './flow/trace.js';
import { rawFinding, type RawFinding } from './raw-finding.js';
import { CoverageCollector } from './coverage.js';
import type { Coverage, SinkOutcome, TraceStep } from '../model.js';
import { telemetryFindings } from './telemetry.js';

const DATA_KINDS = new Set<GapKind>(['unscoped-query', 'unscoped-vector-search']);
/** Kinds that are not gaps when only the platform's own jobs, crons and webhooks reach them. */
/** Core's escape-hatch findings (RLS bypass, superuser login, swallowed missing context): traced as such. */
const ESCAPE_HATCH_IDS = new Set(['rlsBypass', 'superuserConnection', 'swallowedMissingContext']);
const TENANT_PATH_KINDS = new Set<GapKind>(['unscoped-query', 'unscoped-vector-search', 'shared-cache-keyspace']);

function sinkKind(sink: SinkRecord): GapKind {
  if (sink.inBackup) return 'unscoped-backup';
  return sink.match.category === 'vector' ? 'unscoped-vector-search' : 'unscoped-query';
}

/** Only the platform's own entry points (crons, webhooks, jobs) reach this code, or it lives in such a folder unreached. */
function platformOnly(view: ProgramView, unit: FileUnit, fn: FunctionLike | undefined): boolean {
  const config = view.ctx.env.config;
  const reach = reachOf(view, fn, (e) => isPlatformEntry(e, view.unitOf(e.site)?.rel, config));
  return reach === 'platform-only' || (reach === 'none' && isPlatformPath(unit.rel, config));
}

/**
 * Models that some query of the program filters by a tenant column: a table no schema declares is
 * still known to carry the tenant when the code itself scopes it that way elsewhere.
 */
function modelsFilteredByTenant(files: readonly FileUnit[]): Set<string> {
  const out = new Set<string>();
  for (const unit of files) {
    for (const s of unit.analysis.sinks) if (s.match.model && s.match.evidence.status === 'tenant') out.add(s.match.model.toLowerCase());
  }
  return out;
}

/**
 * A finding on a table no schema declares is a P1 "model unknown", unless the statement or its row
 * type names a tenant column or another query of the program filters the table by the tenant.
 */
function withModelCertainty(view: ProgramView, found: RawFinding, sink: SinkRecord | undefined): RawFinding {
  // The fix names the tenant column of the model the finding is about.
  const raw = sink?.match.model !== undefined ? { ...found, model: sink.match.model } : found;
  // A client-chosen foreign key links a row to another tenant's (a logical isolation gap: P1); a
  // client-chosen tenant key or a body written whole writes into, or over, another tenant's rows (P0).
  const key = sink?.match.writtenKey;
  if (key !== undefined && key !== '*' && !isTenantName(key, view.ctx.env)) return { ...raw, severity: 'P1' };
  // The tenant itself picked by the client: a gap unless its row is public by design (see SinkRecord.tenantEntity).
  if (sink?.tenantEntity) return { ...raw, severity: 'P1' };
  if (!sink?.modelUnknown || sink.match.namesTenantColumn) return raw;
  if (sink.match.model && view.tenantFilteredModels.has(sink.match.model.toLowerCase())) return raw;
  return { ...raw, severity: 'P1', message: `${raw.message}${modelUnknownNote(sink)}` };
}

/**
 * The rows the sink reads are what `fn` returns: the sink's own function hands them back, or (a query
 * wrapper judged at its caller, `getReport(id) { return findReport({ where: { id } }) }`) `fn` returns
 * the call of the function that does.
 */
function rowsHandedBack(view: ProgramView, sink: SinkRecord, fn: FunctionLike): boolean {
  const own = enclosingFn(sink.match.node) ?? sink.fn ?? fn;
  if (!returnsReadRows(sink, own)) return false;
  if (own === fn) return true;
  return callersOf(view, own).some((call) => enclosingFn(call) === fn && returnedBy(call, fn));
}

/** How many entry paths one finding lists (its trace and up to this many minus one others). */
const MAX_TRACES = 6;

/** The trace of one bad path: the entry's route to the outermost bad call, then the calls down to the sink. */
function pathTrace(view: ProgramView, node: TS.Node, note: string, bad: { calls: TS.CallExpression[] }): TraceStep[] | undefined {
  const last = stepAt(view, node, note);
  const outer = bad.calls[0] ? enclosingFn(bad.calls[0]) : undefined;
  return last ? traceSteps(view, outer ? entryPathTo(view, outer) : undefined, bad.calls, last) : undefined;
}

/** The other bad paths to the same sink, as traces beside the finding's own. */
function withOtherTraces(raw: RawFinding, view: ProgramView, node: TS.Node, note: string, paths: readonly { calls: TS.CallExpression[] }[]): RawFinding {
  const others = paths.slice(1).map((p) => pathTrace(view, node, note, p)).filter((t): t is TraceStep[] => t !== undefined && t.length > 0);
  return others.length > 0 ? { ...raw, otherTraces: others } : raw;
}

function localFindings(view: ProgramView, unit: FileUnit, keepTelemetry: LocalFinding | undefined, cov: CoverageCollector,
  lifted: readonly LocalFinding[], notSinks: ReadonlySet<SinkRecord>): RawFinding[] {
  const out: RawFinding[] = [];
  for (const l of [...unit.analysis.findings, ...lifted]) {
    if (l.kind === 'untagged-telemetry' && l !== keepTelemetry) continue;
    if (l.sink && notSinks.has(l.sink)) continue;
    const node = l.node;
    const inside = l.sink ? accessorJudgedInside(view, l.sink) : undefined;
    if (inside && l.sink) {
      cov.scoped(l.sink, `judged by the queries of ${inside}, which the scan reads`);
      continue;
    }
    // An optional tenant handed only to functions that refuse to work without it scopes nothing away.
    if (l.kind === 'optional-tenant-param' && optionalTenantHandedToFailClosed(view, l)) continue;
    if (TENANT_PATH_KINDS.has(l.kind) && platformOnly(view, unit, l.fn)) {
      cov.scoped(l.sink, 'reached only from the platform\'s own jobs, crons or webhooks');
      continue;
    }
    // Filtered by a route parameter the route's decorator checked the caller against (`@ProjectScope` on `:projectId`).
    const origin = l.sink?.verdict === 'untrusted' ? l.sink.origin : undefined;
    if (origin?.kind === 'untrusted' && routeVerifiedRead(view, l.fn, origin.path)) {
      cov.scoped(l.sink, 'the route\'s decorator checks the caller against the tenant in the path');
      continue;
    }
    // A returned load that every caller checks (or runs inside a tenant-scoped runner) is fine; a
    // write the callers check afterwards has already happened.
    if (DATA_KINDS.has(l.kind) && l.sink && returnedBy(l.sink.match.node, l.fn) && excusedByCallers(view, l.fn, l.sink.match.operation === 'read')) {
      cov.scoped(l.sink, 'every caller checks the returned rows');
      continue;
    }
    // A storage key parsed from a link only the server's own upload ever writes names this row's object.
    const linkField = l.sink?.match.storedLinkField;
    if (linkField && serverWrittenField(view, linkField)) {
      cov.scoped(l.sink, `the stored link (${linkField}) is only ever written by the server's own upload`);
      continue;
    }
    const note = l.sink ? l.sink.match.description : ESCAPE_HATCH_IDS.has(l.messageId) ? 'escape hatch' : l.kind;
    const symbol = l.fn ? nameOfFn(l.fn) : undefined;
    const hint = (h: Parameters<typeof hintFor>[1]): string => hintFor(view.ctx.env, h, l.sink?.match.model);
    const field = fixOptionsFor(view.ctx.env, l.sink?.match.model).tenantField;
    const idOrigin = l.sink ? sinkParameter(l.sink, 'id-parameter') : undefined;
    if (idOrigin) {
      // The row is picked by an id the function receives: a gap only where request input reaches it.
      const sink = l.sink;
      const whole = sink?.match.writtenKey === '*';
      let opaque = false;
      const paths = findBadIdPaths(view, idOrigin, MAX_TRACES,
        { onOpaque: () => { opaque = true; }, pins: sink ? sinkPins(sink, idOrigin.fn, view.ctx.env) : [], rowsReturned: !!sink && rowsHandedBack(view, sink, idOrigin.fn), guards: guardOf(node, idOrigin.fn), write: sink?.match.operation === 'write',
          ...(whole ? { badInput: isRawRequestBody } : {}) });
      const bad = paths[0];
      const entry = view.entries.get(idOrigin.fn);
      if (!bad && entry && !whole) {
        // The id is a parameter of the entry point itself: request input unless the framework verified it.
        if (entryParameterIsInput(entry, idOrigin.index, idOrigin.name, idOrigin.property, view.ctx.env)) {
          const ext = sink?.match.external;
          const message = sink?.match.writtenKey
            ? `${note} writes ${sink.match.writtenKey}, a parameter of ${entry.note} (request input), not checked against the caller's tenant; ${hint('lookUpWithTenant')} or take it from the verified context`
            : ext
              ? `${note} acts on ${ext.what} by an id that is a parameter of ${entry.note} (request input), not tied to the caller's tenant; ${ext.advice}`
              : `${note} picks rows by id without the tenant: the id is a parameter of ${entry.note} (request input), not checked against the tenant; ${hint('filterByTenant')} (e.g. { id, ${field} }) or check the loaded record against the caller`;
          out.push(withModelCertainty(view, rawFinding(l.kind, node, unit.sf, unit.rel, message, symbol, traceFor(view, l.fn, node, note)), l.sink));
          cov.reported(l.sink, `id is a parameter of ${entry.note}`);
        } else cov.scoped(l.sink, `the id is what ${entry.note} verified`);
        continue;
      }
      if (!bad) {
        // No caller in the scanned code: the id arrives from outside (an API of this package, a
        // framework callback the scanner does not model, or nobody: an unused export).
        // In an application nothing shows request input reaching it (the lint still flags it file by
        // file); in a library (no entry points) its exports are the entry points, so it is reported.
        const noCaller = callersOf(view, idOrigin.fn).length === 0;
        if ((view.ctx.env.config.reportUnreachedSinks ?? view.entries.size === 0) && noCaller) {
          out.push(withModelCertainty(view, rawFinding(l.kind, node, unit.sf, unit.rel, l.message, symbol, traceFor(view, l.fn, node, note)), l.sink));
          cov.reported(l.sink, 'by-id helper of a library');
        } else if (noCaller) cov.noCaller(l.sink);
        else if (opaque) cov.unreadable(l.sink);
        else cov.scoped(l.sink, 'every caller passes an id that is checked or not chosen by the client');
        continue;
      }
      const trace = pathTrace(view, node, note, bad);
      const written = sink?.match.writtenKey;
      const message = written === '*'
        ? `${note} writes the input it receives as a whole: ${bad.reason.replace(/^the id comes from/, 'it comes from')}; the client can set the tenant key or an id, so ${hint('copyAllowedFields')}`
        : written
          ? `${note} writes ${written}: ${bad.reason.replace(/^the id comes from/, 'the value comes from')}; ${hint('lookUpWithTenant')} or take it from the verified context`
          : sink?.match.external
            ? `${note} acts on ${sink.match.external.what} by an id not tied to the caller's tenant: ${bad.reason}; ${sink.match.external.advice}`
            : `${note} picks rows by id without the tenant: ${bad.reason}; ${hint('filterByTenant')} (e.g. { id, ${field} }) or check the loaded record against the caller`;
      out.push(withOtherTraces(withModelCertainty(view, rawFinding(l.kind, node, unit.sf, unit.rel, message, symbol, trace), l.sink), view, node, note, paths));
      cov.reported(l.sink, bad.reason);
      continue;
    }
    out.push(withModelCertainty(view, rawFinding(l.kind, node, unit.sf, unit.rel, l.message, symbol, traceFor(view, l.fn, node, note)), l.sink));
    cov.reported(l.sink, l.message);
  }
  return out;
}

/** The finding with the model its sink touches, whose tenant column the fix names. */
function withModel(raw: RawFinding, sink: SinkRecord): RawFinding {
  return sink.match.model !== undefined ? { ...raw, model: sink.match.model } : raw;
}

/** Parameter-scoped sinks whose callers pass a missing, undefined or unchecked request tenant. */
function parameterFindings(view: ProgramView, unit: FileUnit, cov: CoverageCollector, lifted: readonly SinkRecord[], notSinks: ReadonlySet<SinkRecord>): RawFinding[] {
  const out: RawFinding[] = [];
  for (const sink of [...unit.analysis.sinks, ...lifted]) {
    if (notSinks.has(sink)) continue;
    const po = sinkParameter(sink, 'parameter');
    if (!po) continue;
    if (platformOnly(view, unit, sink.fn)) {
      cov.scoped(sink, 'reached only from the platform\'s own jobs, crons or webhooks');
      continue;
    }
    // The function itself checks the tenant parameter with the caller before this sink (membership lookup).
    const value = sink.match.evidence.status === 'tenant' ? sink.match.evidence.value : undefined;
    if (value && untrustedValueChecked(value, sink.fn, envForOperation(view.ctx.env, sink.match.operation))) {
      cov.scoped(sink, 'the function checks the tenant it receives');
      continue;
    }
    let opaque = false;
    const paths = findBadPaths(view, po, MAX_TRACES,
      { onOpaque: () => { opaque = true; }, pins: sinkPins(sink, po.fn, view.ctx.env), rowsReturned: rowsHandedBack(view, sink, po.fn), guards: guardOf(sink.match.node, po.fn), write: sink.match.operation === 'write' });
    const bad = paths[0];
    const node = sink.match.node;
    const entry = view.entries.get(po.fn);
    if (!bad && entry && entryParameterIsInput(entry, po.index, po.name, po.property, view.ctx.env)) {
      // The tenant is a parameter of the entry point itself (`/[slug]/settings/page.tsx` reading the
      // workspace by the URL's slug): the client picks it, as it picks a tenant id in a request body.
      out.push(withModel(rawFinding(sinkKind(sink), node, unit.sf, unit.rel,
        `${sink.match.description} ${sink.match.external ? 'is scoped by' : 'filters by'} the tenant parameter ${po.property ?? po.name}, but it is a parameter of ${entry.note} (request input) and nothing checks the caller belongs to it; ${hintFor(view.ctx.env, 'tenantFromVerified', sink.match.model)}`,
        sink.fn ? nameOfFn(sink.fn) : undefined, traceFor(view, sink.fn, node, sink.match.description)), sink));
      cov.reported(sink, `tenant is a parameter of ${entry.note}`);
      continue;
    }
    if (!bad) {
      if (!entry && callersOf(view, po.fn).length === 0) cov.noCaller(sink);
      else if (opaque) cov.unreadable(sink);
      else cov.scoped(sink, 'every caller passes the verified tenant');
      continue;
    }
    const trace = pathTrace(view, node, sink.match.description, bad);
    const how = sink.reason.startsWith('loaded record compared') ? 'compares the loaded record with the tenant parameter'
      : sink.match.external ? 'is scoped by the tenant parameter' : 'filters by the tenant parameter';
    const message = `${sink.match.description} ${how} ${po.property ?? po.name}, but ${bad.reason}; ${hintFor(view.ctx.env, 'tenantFromVerified', sink.match.model)}`;
    out.push(withOtherTraces(withModel(rawFinding(sinkKind(sink), node, unit.sf, unit.rel, message, sink.fn ? nameOfFn(sink.fn) : undefined, trace), sink), view, node, sink.match.description, paths));
    cov.reported(sink, bad.reason);
  }
  return out;
}

/**
 * Calls core took for ORM queries by their shape (`WorkspaceThread.update(prev, data)` read as a
 * Sequelize `Model.update(values, { where })`) that the resolver finds to be calls of the program's
 * own functions (an object-literal model wrapper's method): the queries are inside those functions.
 */
const ORM_METHOD_LIBRARIES = new Set(['prisma', 'sequelize', 'mongoose', 'typeorm']);

function ownFunctionCalls(view: ProgramView, resolver: Resolver): Set<SinkRecord> {
  const out = new Set<SinkRecord>();
  for (const unit of view.ctx.files) {
    for (const sink of unit.analysis.sinks) {
      const node = sink.match.node;
      // Syntax only, uncached: the call graph's own answer for this call may still need the checker.
      // Only ORM-method shapes: an app's own storage or SDK wrapper (`storage.delete(key)`) is the sink
      // the catalogue means, and a store accessor is judged by its body (flow/accessors.ts).
      const ormShape = sink.match.category === 'query' && ORM_METHOD_LIBRARIES.has(sink.match.library) && !sink.match.accessor;
      if (ormShape && ts.isCallExpression(node) && resolver.callTarget(node).fn !== undefined) out.add(sink);
    }
  }
  return out;
}

/** Every finding of the program: core's local findings refined by the whole-program passes. */
export function analyseProgram(ctx: ProgramContext): { findings: RawFinding[]; coverage: Coverage; outcomes: SinkOutcome[]; overBudget?: FileUnit[] } {
  const indexes = new Map<FileUnit, FileIndex>(ctx.files.map((f) => [f, indexFile(f.sf)]));
  const resolver = new Resolver(ctx);
  const graph = new CallGraph(ctx, resolver, indexes.values());
  const entries = findEntryPoints(ctx, graph, resolver, indexes);
  const unitBySf = new Map<TS.SourceFile, FileUnit>(ctx.files.map((f) => [f.sf, f]));
  const view: ProgramView = { ctx, graph, entries, unitOf: (n) => unitBySf.get(n.getSourceFile()), tenantFilteredModels: modelsFilteredByTenant(ctx.files) };
  const telemetry = telemetryFindings(ctx);
  const out: RawFinding[] = [];
  const cov = new CoverageCollector(ctx.files);
  const notSinks = ownFunctionCalls(view, resolver);
  for (const sink of notSinks) cov.exclude(sink);
  const lifted = liftPassThroughFilters(view);
  for (const wrapper of lifted.wrappers) cov.scoped(wrapper, 'its filter is what the callers pass: judged at each call site');
  for (const list of lifted.sinks.values()) cov.include(list);
  // Each file's judgement spends what its per-file analysis left of its budget; a file that runs out
  // is reported as not analysed and none of its findings are kept (a partial answer reads as complete).
  const overBudget: FileUnit[] = [];
  for (const unit of ctx.files) {
    const started = performance.now();
    try {
      out.push(...withinBudget(Math.max(0, ctx.budgetMs - unit.spentMs), () => [
        ...localFindings(view, unit, telemetry.keep, cov, lifted.findings.get(unit) ?? [], notSinks),
        ...parameterFindings(view, unit, cov, lifted.sinks.get(unit) ?? [], notSinks)]));
    } catch (error) {
      if (!(error instanceof AnalysisBudgetExceeded)) throw error;
      unit.spentMs += performance.now() - started;
      overBudget.push(unit);
    }
  }
  for (const hit of omittedTenantDatabases(view, indexes.values())) {
    const unit = view.unitOf(hit.call);
    if (!unit) continue;
    const fn = enclosingFn(hit.call);
    const note = `${hit.wrapper} on ${hit.tables.join(', ')}`;
    out.push(rawFinding('unscoped-query', hit.call, unit.sf, unit.rel,
      `${hit.wrapper} takes the tenant's database as ${hit.param} (${hit.filled === 1 ? '1 call passes' : `${hit.filled} calls pass`} it, e.g. ${hit.example}), but this call leaves it out: its statement on ${hit.tables.join(', ')} runs on the shared default database, where every tenant's rows meet; pass the tenant's database`,
      fn ? nameOfFn(fn) : undefined, traceFor(view, fn, hit.call, note)));
  }
  for (const hit of extensionDrift(view)) {
    const fn = enclosingFn(hit.node);
    out.push(rawFinding('unscoped-query', hit.node, hit.unit.sf, hit.unit.rel,
      `this tenant-scoping Prisma extension covers ${hit.listed.join(', ')} but not ${hit.missing.join(', ')}: queries on ${hit.missing.length === 1 ? 'that model' : 'those models'} run without the tenant filter; scope every tenant model (or derive the list from Prisma.dmmf)`,
      fn ? nameOfFn(fn) : undefined, traceFor(view, fn, hit.node, 'tenant-scoping extension')));
  }
  for (const unit of ctx.files) {
    for (const hit of unawaitedChecks(indexes.get(unit)?.calls ?? [], resolver, ctx.env)) {
      const fn = enclosingFn(hit.call);
      out.push({ ...rawFinding('fail-open-tenant-check', hit.call, unit.sf, unit.rel, hit.message, fn ? nameOfFn(fn) : undefined),
        trace: traceFor(view, fn, hit.call, 'unawaited check') });
    }
  }
  const dropped = new Set(overBudget.map((u) => u.rel));
  return { findings: out.filter((r) => !dropped.has(r.file)), ...cov.finish(), overBudget };
}

/**
 * Core's findings as they are, without the whole-program refinements: what the scan still reports
 * if a whole-program pass crashes on some unforeseen shape of code (the crash is an `errors` entry).
 */
export function localOnly(ctx: ProgramContext): { findings: RawFinding[]; coverage: Coverage; outcomes: SinkOutcome[] } {
  const out: RawFinding[] = [];
  const cov = new CoverageCollector(ctx.files);
  for (const unit of ctx.files) {
    for (const l of unit.analysis.findings) {
      out.push(rawFinding(l.kind, l.node, unit.sf, unit.rel, l.message, l.fn ? nameOfFn(l.fn) : undefined));
      cov.reported(l.sink, l.message);
    }
  }
  return { findings: out, ...cov.finish() };
}
