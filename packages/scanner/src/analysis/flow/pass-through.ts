import { calleeName, expressionFilterEvidence, findLocalDeclaration, findingFor, judgeSink, resolveObjectLiteral, unwrap, type FilterEvidence, type FunctionLike, type LocalFinding, type SinkRecord } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { FileUnit } from '../context.js';
import { callersOf, enclosingFn, nameOfFn, tsm, type ProgramView } from './program-view.js';

const MAX_LEVELS = 3;

/** Sinks judged at the call sites of a wrapper, by the file the call site is in. */
export interface LiftedSinks {
  sinks: Map<FileUnit, SinkRecord[]>;
  findings: Map<FileUnit, LocalFinding[]>;
  /** Wrapper sinks whose filter their call sites pass (judged there instead). */
  wrappers: Set<SinkRecord>;
}

/** `clause` in `findFirst({ where: clause })` / `find(clause)` when it is a plain parameter of `fn`: its index. */
function parameterIndex(expr: TS.Expression | undefined, fn: FunctionLike | undefined): number | undefined {
  if (!expr || !fn) return undefined;
  const e = unwrap(tsm, expr);
  if (!ts.isIdentifier(e)) return undefined;
  const decl = findLocalDeclaration(tsm, e);
  if (!decl || !ts.isParameter(decl) || !ts.isIdentifier(decl.name) || decl.parent !== (fn)) return undefined;
  return (fn).parameters.indexOf(decl);
}

/** Libraries whose query methods take their filter as `arg0.where` (Prisma, Sequelize); others take it as `arg0`. */
const WHERE_IN_ARGS = new Set(['prisma', 'sequelize']);

function whereOf(obj: TS.ObjectLiteralExpression): TS.Expression | undefined | null {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'where') return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'where') return p.name;
    if (ts.isSpreadAssignment(p)) return null;
  }
  return undefined;
}

/**
 * Where a sink call's filter sits: `findFirst({ where: clause })` → `clause`; `findFirst(args)` of a
 * Prisma model → `args`, whose `where` is the filter (`inArgs`); `findOneBy(clause)` → `clause`.
 */
function filterExpression(sink: SinkRecord, call: TS.CallExpression): { expr: TS.Expression; inArgs: boolean } | undefined {
  const arg0 = call.arguments[0];
  if (!arg0) return undefined;
  const e = unwrap(tsm, arg0);
  if (!ts.isObjectLiteralExpression(e)) return { expr: e, inArgs: WHERE_IN_ARGS.has(sink.match.library) };
  const where = whereOf(e);
  return where ? { expr: where, inArgs: false } : undefined;
}

/** The filter a call site hands the wrapper: its argument, or the parameter's default (`clause = {}`) when left out. */
function passedFilter(call: TS.CallExpression, fn: FunctionLike, index: number): TS.Expression | undefined {
  const args = call.arguments;
  for (let i = 0; i <= index && i < args.length; i++) if (ts.isSpreadElement(args[i] as TS.Expression)) return undefined;
  const arg = args[index];
  if (arg) return arg;
  return (fn).parameters[index]?.initializer;
}

/** The filter evidence of what a call site passes (its `where` when the wrapper passes whole query args on). */
function passedEvidence(passed: TS.Expression, inArgs: boolean, env: ProgramView['ctx']['env']): FilterEvidence {
  if (!inArgs) return expressionFilterEvidence(passed, env);
  const obj = resolveObjectLiteral(tsm, passed);
  if (!obj) return { status: 'unknown' };
  const where = whereOf(obj);
  if (where === null) return { status: 'unknown' };
  return where ? expressionFilterEvidence(where, env) : { status: 'none', detail: 'has no filter', idValues: [] };
}

/**
 * Model wrappers whose query filter is their own parameter (`get: async function (clause = {}) {
 * return prisma.files.findFirst({ where: clause }) }`): the filter is what each caller passes, so the
 * sink is judged at every call site with the object literal passed there (`Files.delete({ id: { in:
 * ids } })`), as if the query were written there. A caller that passes its own parameter on is judged
 * at its callers in turn (bounded). A wrapper that adds the tenant itself (`{ ...clause, tenantId }`)
 * has a visible filter and is judged where it is.
 */
export function liftPassThroughFilters(view: ProgramView): LiftedSinks {
  const out: LiftedSinks = { sinks: new Map(), findings: new Map(), wrappers: new Set() };
  const env = view.ctx.env;
  type Work = { record: SinkRecord; filter: TS.Expression; inArgs: boolean; level: number; root: SinkRecord };
  const work: Work[] = [];
  for (const unit of view.ctx.files) {
    for (const sink of unit.analysis.sinks) {
      const node = sink.match.node;
      if (sink.match.evidence.status !== 'unknown' || sink.match.writtenKey !== undefined || !ts.isCallExpression(node)) continue;
      const filter = filterExpression(sink, node);
      if (filter) work.push({ record: sink, filter: filter.expr, inArgs: filter.inArgs, level: 0, root: sink });
    }
  }
  while (work.length > 0) {
    const item = work.shift() as Work;
    const fn = enclosingFn(item.record.match.node);
    const index = parameterIndex(item.filter, fn);
    if (index === undefined || !fn || nameOfFn(fn) === undefined) continue;
    const calls = callersOf(view, fn);
    if (calls.length === 0) continue;
    out.wrappers.add(item.record);
    for (const call of calls) {
      const passed = passedFilter(call, fn, index);
      if (!passed) continue;
      const unit = view.unitOf(call);
      if (!unit) continue;
      const localEnv = { ...env, sourceFile: unit.sf };
      const match = {
        ...item.root.match,
        node: call,
        description: `${item.root.match.description} via ${calleeName(tsm, call) ?? 'a wrapper'}`,
        evidence: passedEvidence(passed, item.inArgs, localEnv),
      };
      const record = judgeSink(match, localEnv, (f) => nameOfFn(f as FunctionLike));
      if (record.match.evidence.status === 'unknown' && item.level + 1 < MAX_LEVELS) {
        // The caller passes its own parameter on (`this.get(clause)`): judge it at its callers.
        if (parameterIndex(passed, enclosingFn(call)) !== undefined) work.push({ record, filter: passed, inArgs: item.inArgs, level: item.level + 1, root: item.root });
      }
      push(out.sinks, unit, record);
      const finding = findingFor(record, localEnv);
      if (finding) push(out.findings, unit, finding);
    }
  }
  return out;
}

function push<T>(map: Map<FileUnit, T[]>, unit: FileUnit, value: T): void {
  const list = map.get(unit);
  if (list) list.push(value);
  else map.set(unit, [value]);
}
