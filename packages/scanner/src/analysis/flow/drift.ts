import { calleeName, mentionsTenant, normalizeModelName } from '@tenant-audit/core';
import { ts, type TS } from '../../compiler.js';
import type { FileUnit } from '../context.js';
import { tsm, type ProgramView } from './program-view.js';

export interface DriftHit {
  unit: FileUnit;
  node: TS.Node;
  missing: string[];
  listed: string[];
}

function stringElements(arr: TS.ArrayLiteralExpression): string[] | undefined {
  const out: string[] = [];
  for (const el of arr.elements) {
    if (!ts.isStringLiteralLike(el)) return undefined;
    out.push(el.text);
  }
  return out;
}

/**
 * A Prisma `$extends` / `$use` tenant-scoping extension that enumerates the models it scopes (an
 * array of model names or `case 'Model':` labels) and leaves out tenant models of the data model:
 * queries on the missing models bypass the scoping everyone believes is global.
 */
export function extensionDrift(view: ProgramView): DriftHit[] {
  const model = view.ctx.env.dataModel;
  const facts = model.all();
  const prismaFacts = facts.filter((f) => f.source.endsWith('.prisma'));
  const tenantModels = (prismaFacts.length > 0 ? prismaFacts : facts).filter((f) => f.tenantField !== undefined).map((f) => f.name);
  if (tenantModels.length === 0) return [];
  const known = (name: string): boolean => model.fact(name) !== undefined;
  const hits: DriftHit[] = [];
  for (const call of view.graph.allCalls) {
    const name = calleeName(tsm, call);
    if (name !== '$extends' && name !== '$use') continue;
    if (!call.arguments.some((a) => mentionsTenant(a, view.ctx.env))) continue;
    const unit = view.unitOf(call);
    if (!unit) continue;
    const lists: { node: TS.Node; names: string[] }[] = [];
    const visit = (n: TS.Node): void => {
      if (ts.isArrayLiteralExpression(n)) {
        const names = stringElements(n);
        if (names && names.length > 0 && names.some(known)) lists.push({ node: n, names });
      } else if (ts.isSwitchStatement(n)) {
        const names = n.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) && ts.isStringLiteralLike(c.expression) ? [c.expression.text] : []));
        if (names.length > 0 && names.some(known)) lists.push({ node: n.caseBlock, names });
      }
      ts.forEachChild(n, visit);
    };
    call.arguments.forEach(visit);
    // Lists referenced by name: `const SCOPED = ['Document', …]` declared at top level in the same file.
    for (const a of call.arguments) {
      const ids: string[] = [];
      const collect = (n: TS.Node): void => {
        if (ts.isIdentifier(n)) ids.push(n.text);
        ts.forEachChild(n, collect);
      };
      collect(a);
      for (const st of unit.sf.statements) {
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          let init = d.initializer;
          while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
          if (ts.isIdentifier(d.name) && ids.includes(d.name.text) && init && ts.isArrayLiteralExpression(init)) {
            const names = stringElements(init);
            if (names && names.some(known) && !lists.some((l) => l.node === init)) lists.push({ node: init, names });
          }
        }
      }
    }
    for (const list of lists) {
      const listed = new Set(list.names.map(normalizeModelName));
      const missing = tenantModels.filter((m) => !listed.has(normalizeModelName(m))).sort();
      if (missing.length > 0) hits.push({ unit, node: list.node, missing, listed: list.names });
    }
  }
  return hits;
}
