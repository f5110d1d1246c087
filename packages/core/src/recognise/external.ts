import type * as TS from 'typescript';
import { EXTERNAL_SHAPES, FETCH_FUNCTIONS, HTTP_CLIENT_FACTORIES, HTTP_CLIENTS, HTTP_OBJECT_NAME, HTTP_WRITE_VERBS, type ExternalShape, type IdLocation } from '../sinks/external.js';
import { sourceFileOf, type AnalysisEnv } from './env.js';
import { accessPath, calleeName, localInitializer, nameOf, resolveObjectLiteral, unwrap } from './ast.js';
import { fileFacts, importsAny } from './file-facts.js';
import { receiverOrigins } from './receiver.js';
import { isTenantName } from './tenant.js';
import type { SinkMatch } from './sinks.js';

/** Advice for findings on calls into other systems: there is no filter to add the tenant to. */
const EXTERNAL_ADVICE = "look the id up with the verified tenant first (a tenant-scoped row that stores it, or fetch the object and compare its tenant or metadata with the caller's) and act on the value from that lookup";

function idValue(call: TS.CallExpression, at: IdLocation, env: AnalysisEnv): { value: TS.Expression; key: string | undefined } | undefined {
  const ts = env.ts;
  const arg0 = call.arguments[0];
  if (!arg0 || ts.isSpreadElement(arg0)) return undefined;
  if (at === 'arg0') {
    // `retrieve({ … })` is not this shape (the id is positional); an object is some other overload.
    return ts.isObjectLiteralExpression(unwrap(ts, arg0)) ? undefined : { value: arg0, key: undefined };
  }
  const key = at.slice('arg0.'.length);
  const obj = resolveObjectLiteral(ts, arg0);
  if (!obj) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && nameOf(ts, p.name) === key) return { value: p.initializer, key };
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return { value: p.name, key };
  }
  return undefined;
}

function clientEvidence(shape: ExternalShape, receiver: TS.Expression, receiverPath: readonly string[], env: AnalysisEnv): boolean {
  if (!shape.client && !shape.imports) return true;
  if (shape.client && receiverPath.some((p) => shape.client?.test(p.replace(/\(\)$/, '')))) return true;
  if (shape.imports && importsAny(fileFacts(env.ts, sourceFileOf(receiver, env)), shape.imports)) return true;
  // `const billing = new Stripe(key)`, `private stripe: Stripe`: the client's factory or type.
  return !!shape.client && receiverOrigins(receiver, env).some((o) => shape.client?.test(o));
}

/** The evidence of an external call: a tenant-named id is the tenant the call is scoped by; any other id picks one object. */
function externalMatch(call: TS.CallExpression, description: string, what: string, operation: 'read' | 'write',
  ids: readonly { value: TS.Expression; key: string | undefined }[], env: AnalysisEnv): SinkMatch {
  const ts = env.ts;
  const named = (v: { value: TS.Expression; key: string | undefined }): boolean => {
    if (v.key !== undefined && isTenantName(v.key, env)) return true;
    const e = unwrap(ts, v.value);
    const last = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
    return v.key === undefined && last !== undefined && isTenantName(last, env);
  };
  const tenant = ids.find(named);
  return {
    library: 'external', category: 'query', operation, model: undefined, node: call, description,
    evidence: tenant
      ? { status: 'tenant', value: tenant.value, idValues: ids.map((i) => i.value) }
      : { status: 'none', detail: `acts on ${what} by id`, idValues: ids.map((i) => i.value) },
    external: { what, advice: EXTERNAL_ADVICE },
  };
}

/** Every method name of the catalogue: most calls are none of these, and are answered before any other work. */
const SDK_METHODS = new Set(EXTERNAL_SHAPES.flatMap((s) => Object.keys(s.methods)));

/** `stripe.customers.retrieve(id)`, `workos.userManagement.deleteOrganizationMembership(id)`, `runs.retrieve(runId)`. */
function recogniseSdkCall(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (!SDK_METHODS.has(method)) return undefined;
  const receiverPath = accessPath(ts, callee.expression);
  if (!receiverPath || receiverPath.length === 0) return undefined;
  const namespace = (receiverPath[receiverPath.length - 1] ?? '').replace(/\(\)$/, '').toLowerCase();
  for (const shape of EXTERNAL_SHAPES) {
    const m = Object.hasOwn(shape.methods, method) ? shape.methods[method] : undefined;
    if (!m) continue;
    if (shape.namespaces && !shape.namespaces.includes(namespace)) continue;
    if (!clientEvidence(shape, callee.expression, receiverPath, env)) continue;
    const id = idValue(call, m.id, env);
    if (!id || isLiteral(ts, id.value)) continue;
    return externalMatch(call, `${[...receiverPath, method].join('.')}`, shape.what, m.operation, [id], env);
  }
  return undefined;
}

function isLiteral(ts: AnalysisEnv['ts'], e: TS.Expression): boolean {
  const x = unwrap(ts, e);
  return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x);
}

/** `ky.delete(url)`, `axios.patch(url)`, or a client made by `ky.create(…)` / `axios.create(…)`. */
function httpClientVerb(call: TS.CallExpression, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const verb = callee.name.text.toLowerCase();
  if (!HTTP_WRITE_VERBS.has(verb)) return undefined;
  const receiver = unwrap(ts, callee.expression);
  if (!ts.isIdentifier(receiver)) return undefined;
  if (HTTP_CLIENTS.test(receiver.text)) return verb;
  const init = localInitializer(ts, receiver);
  const made = init ? unwrap(ts, init) : undefined;
  if (made && ts.isCallExpression(made) && HTTP_CLIENT_FACTORIES.test(calleeName(ts, made) ?? '')) {
    const maker = unwrap(ts, made.expression);
    if (ts.isPropertyAccessExpression(maker) && ts.isIdentifier(unwrap(ts, maker.expression)) && HTTP_CLIENTS.test((unwrap(ts, maker.expression) as TS.Identifier).text)) return verb;
  }
  return undefined;
}

/** `fetch(url, { method: 'DELETE' })`: the verb of a fetch-like call, when it is a write. */
function fetchVerb(call: TS.CallExpression, env: AnalysisEnv): string | undefined {
  const ts = env.ts;
  const callee = unwrap(ts, call.expression);
  if (!ts.isIdentifier(callee) || !FETCH_FUNCTIONS.has(callee.text)) return undefined;
  const opts = resolveObjectLiteral(ts, call.arguments[1]);
  if (!opts) return undefined;
  for (const p of opts.properties) {
    if (ts.isPropertyAssignment(p) && nameOf(ts, p.name) === 'method') {
      const v = unwrap(ts, p.initializer);
      const verb = ts.isStringLiteralLike(v) ? v.text.toLowerCase() : undefined;
      return verb && HTTP_WRITE_VERBS.has(verb) ? verb : undefined;
    }
  }
  return undefined;
}

/** A URL that names another system's host in the code (`https://api.vercel.com/…`), not the caller's own or a variable host. */
const PROVIDER_URL = /^https?:\/\/(?!localhost\b|127\.|0\.0\.0\.0|\[::1\])[a-z0-9-]+(\.[a-z0-9-]+)+(?::\d+)?\//i;

/**
 * The values spliced into the path of a provider URL (not its query string, not its host):
 * `https://api.vercel.com/v9/projects/${project}/domains/${name}?teamId=${team}` → [project, name].
 */
function urlPathValues(url: TS.Expression, env: AnalysisEnv): { host: string; values: TS.Expression[] } | undefined {
  const ts = env.ts;
  let e = unwrap(ts, url);
  if (ts.isIdentifier(e)) {
    const init = localInitializer(ts, e);
    if (init) e = unwrap(ts, init);
  }
  if (!ts.isTemplateExpression(e)) return undefined;
  const head = PROVIDER_URL.exec(e.head.text);
  if (!head) return undefined;
  const host = head[0].replace(/^https?:\/\//i, '').replace(/\/$/, '');
  const values: TS.Expression[] = [];
  let text = e.head.text;
  for (const span of e.templateSpans) {
    if (text.includes('?') || text.includes('#')) break;
    values.push(span.expression);
    text += span.literal.text;
  }
  return values.length > 0 ? { host, values } : undefined;
}

/** `name`, `input.domainName`, `encodeURIComponent(slug)` → the name the value goes by. */
function lastName(ts: AnalysisEnv['ts'], e0: TS.Expression): string | undefined {
  const e = unwrap(ts, e0);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e) && e.arguments[0]) return lastName(ts, e.arguments[0]);
  return undefined;
}

/** Deployment settings spliced into a URL (`env.PROJECT_ID`, `process.env.TEAM`, `CONFIG.projectId`): not the caller's choice. */
function isDeploymentSetting(e: TS.Expression, env: AnalysisEnv): boolean {
  const ts = env.ts;
  const path = accessPath(ts, e) ?? [];
  return path.some((p) => /^(env|process|config|settings|Config)$/.test(p.replace(/\(\)$/, '')) || /^[A-Z][A-Z0-9_]+$/.test(p));
}

/**
 * The general rule: an outbound write (`DELETE`/`PUT`/`PATCH`/`POST`) to a provider's API with a value
 * in the URL path. The platform's token acts for every tenant there, so the value picks whose object.
 */
function recogniseOutboundWrite(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  const verb = httpClientVerb(call, env) ?? fetchVerb(call, env);
  if (!verb || !call.arguments[0]) return undefined;
  const url = urlPathValues(call.arguments[0], env);
  if (!url) return undefined;
  const values = url.values.filter((v) => !isDeploymentSetting(v, env) && !isLiteral(env.ts, v) && HTTP_OBJECT_NAME.test(lastName(env.ts, v) ?? ''));
  if (values.length === 0) return undefined;
  const what = `an object at ${url.host}`;
  return externalMatch(call, `${verb.toUpperCase()} https://${url.host}/…`, what, 'write', values.map((value) => ({ value, key: undefined })), env);
}

/** A call that reads or changes a tenant's object in another system, by an id it is given. */
export function recogniseExternalCall(call: TS.CallExpression, env: AnalysisEnv): SinkMatch | undefined {
  return recogniseSdkCall(call, env) ?? recogniseOutboundWrite(call, env);
}
