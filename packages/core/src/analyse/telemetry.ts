import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { calleeName, enclosingFunction, localInitializer, nameOf, unwrap, walk } from '../recognise/ast.js';
import { mentionsTenant } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import type { LocalFinding } from './types.js';
import { hintFor } from './fix-options.js';
import { localFinding } from './local-finding.js';
import { fitSummary } from './summary.js';

const PROVIDERS = /^(NodeTracerProvider|BasicTracerProvider|WebTracerProvider|TracerProvider|NodeSDK)$/;
const TENANT_PROCESSOR = /tenant\w*(span)?processor|tenant\w*processor/i;

export interface TelemetryFacts {
  providers: TS.NewExpression[];
  /** A tenant span processor is created or declared in this file. */
  registersTenantProcessor: boolean;
  untaggedSpans: TS.CallExpression[];
}

/** A class implementing SpanProcessor whose onStart stamps a tenant attribute counts as a tenant processor. */
function declaresTenantProcessor(sf: TS.SourceFile, env: AnalysisEnv): boolean {
  const ts = env.ts;
  return sf.statements.some((s) => ts.isClassDeclaration(s) &&
    (s.heritageClauses ?? []).some((h) => h.types.some((t) => /SpanProcessor/.test(t.expression.getText(sf)))) &&
    s.members.some((m) => ts.isMethodDeclaration(m) && nameOf(ts, m.name) === 'onStart' && mentionsTenant(m, env)));
}

function spanHasTenant(call: TS.CallExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  // Options with attributes naming the tenant.
  if (call.arguments.slice(1).some((a) => !ts.isArrowFunction(a) && !ts.isFunctionExpression(a) && mentionsTenant(a, env))) return true;
  // span.setAttribute('tenant.id', …) in the callback or the enclosing function.
  const scope = call.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)) ?? enclosingFunction(ts, call);
  if (!scope) return false;
  let tagged = false;
  walk(ts, scope, (n) => {
    if (tagged) return false;
    if (ts.isCallExpression(n) && /^setAttributes?$/.test(calleeName(ts, n) ?? '') && mentionsTenant(n, env)) tagged = true;
    return undefined;
  });
  return tagged;
}

export function collectTelemetry(c: Candidates, sf: TS.SourceFile, env: AnalysisEnv): TelemetryFacts {
  const ts = env.ts;
  const providers: TS.NewExpression[] = [];
  let registersTenantProcessor = declaresTenantProcessor(sf, env);
  for (const n of c.news) {
    const name = calleeName(ts, n) ?? '';
    if (TENANT_PROCESSOR.test(name)) registersTenantProcessor = true;
    if (PROVIDERS.test(name)) providers.push(n);
  }
  const untaggedSpans = c.calls.filter((call) => {
    const name = calleeName(ts, call);
    if (name !== 'startSpan' && name !== 'startActiveSpan') return false;
    const first = call.arguments[0];
    return !!first && ts.isStringLiteralLike(unwrap(ts, first)) && !spanHasTenant(call, env);
  });
  return { providers, registersTenantProcessor, untaggedSpans };
}

/** Whether a provider's own options register a tenant processor (`spanProcessors: [new TenantSpanProcessor()]`). */
export function providerHasTenantProcessor(provider: TS.NewExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  let found = false;
  for (const a of provider.arguments ?? []) {
    walk(ts, a, (n) => {
      if (ts.isNewExpression(n) && TENANT_PROCESSOR.test(calleeName(ts, n) ?? '')) found = true;
      return found ? false : undefined;
    });
  }
  return found;
}

/**
 * A provider whose only exporters are in-memory (`new SimpleSpanProcessor(new InMemorySpanExporter())`,
 * also through a local) keeps its spans in the process: nothing leaves without attribution.
 */
function keepsSpansInProcess(provider: TS.NewExpression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const exporters: string[] = [];
  const visit = (node: TS.Node, depth: number): void => {
    walk(ts, node, (n) => {
      if (ts.isNewExpression(n) && /Exporter$/.test(calleeName(ts, n) ?? '')) exporters.push(calleeName(ts, n) ?? '');
      if (ts.isIdentifier(n) && depth < 2) {
        const init = localInitializer(ts, n);
        if (init && ts.isNewExpression(unwrap(ts, init))) visit(init, depth + 1);
      }
      return undefined;
    });
  };
  for (const a of provider.arguments ?? []) visit(a, 0);
  return exporters.length > 0 && exporters.every((e) => /^InMemory\w*Exporter$/.test(e));
}

/**
 * File-local view: a tracer provider made here without a tenant span processor here (messageId
 * `providerWithoutTenantProcessor`), and, when this file registers no tenant processor, each span
 * started without a tenant attribute (`untaggedSpan`). Whether a processor exists elsewhere is a
 * whole-program question: the scanner and the rule (with type information) decide from these facts.
 */
export function analyseTelemetry(facts: TelemetryFacts, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  if (facts.registersTenantProcessor) return [];
  const findings: LocalFinding[] = facts.providers
    .filter((p) => !providerHasTenantProcessor(p, env) && !keepsSpansInProcess(p, env))
    .map((p) => ({
      kind: 'untagged-telemetry' as const, messageId: 'providerWithoutTenantProcessor', node: p, fn: enclosingFunction(ts, p),
      message: `this tracer provider exports spans with no tenant attribution; ${hintFor(env, 'spanProcessor')}`,
      summary: fitSummary('untagged-telemetry', 'this tracer provider exports spans without a tenant', hintFor(env, 'spanProcessor')),
    }));
  {
    for (const span of facts.untaggedSpans) {
      findings.push(localFinding(env, 'untagged-telemetry', 'untaggedSpan', span,
        'this span is started without a tenant attribute and no tenant span processor is registered', hintFor(env, 'spanAttribute'),
        'span without a tenant attribute and no tenant span processor'));
    }
  }
  return findings;
}
