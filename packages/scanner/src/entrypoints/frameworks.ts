import { isPlatformWrapperName, type FunctionLike } from '@tenant-audit/core';
import { ts, type TS } from '../compiler.js';
import type { Resolver } from '../analysis/callgraph/resolve.js';
import { joinPath, stringValue } from './handlers.js';
import type { EntryPoint } from './types.js';

const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const NEST_MESSAGE = new Set(['MessagePattern', 'EventPattern', 'Cron', 'Interval', 'Process', 'OnEvent', 'Query', 'Mutation', 'Subscription', 'ResolveField']);

function decorators(node: TS.Node): { name: string; args: readonly TS.Expression[]; node: TS.Decorator }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((d): { name: string; args: readonly TS.Expression[]; node: TS.Decorator }[] => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return [{ name: e.expression.text, args: e.arguments, node: d }];
    if (ts.isIdentifier(e)) return [{ name: e.text, args: [], node: d }];
    return [];
  });
}

/** Controller class decorators: `@Controller`, and the same under framework names (`@RestController`, `@JsonController`). */
const CONTROLLER = /Controller$/;
/** Route-level decorators that check the caller's standing on a resource (`@ProjectScope(…)`, `@UseGuards(ProjectMemberGuard)`). */
const SCOPE_DECORATOR = /(Scope|Scopes|Guard|Guards|Permission|Permissions|Member|Membership|Access|Role|Roles|Auth)$/;
/** Decorators that grant by a global role, not by the caller's standing on the resource in the URL. */
const GLOBAL_DECORATOR = /^(Global|Instance|System|Platform|Admin|Licensed|Public)/;

/** `:projectId` / `{projectId}` parameters of a route path. */
function pathParams(path: string): string[] {
  return [...path.matchAll(/[:{](\w+)\}?/g)].map((m) => m[1] as string);
}

/**
 * The route's `:<resource>Id` parameters a decorator on the method or its class verifies: one that
 * names the resource and checks the caller against it (`@ProjectScope('dataStore:update')` on
 * `/projects/:projectId/…`, `@UseGuards(ProjectMemberGuard)`). A decorator that grants by a global
 * role (`@GlobalScope(…)`, `@Roles('admin')`) binds nothing in the URL.
 */
function verifiedPathParams(path: string, decs: readonly { name: string; args: readonly TS.Expression[] }[]): string[] {
  return verifiedNames(pathParams(path), decs);
}

/** The resolver arguments a GraphQL operation takes by name: `@Args('requestID')`, `@Args({ name: 'requestID' })`. */
export function graphqlArgName(param: TS.ParameterDeclaration): string | undefined {
  for (const d of decorators(param)) {
    if (d.name !== 'Args') continue;
    const first = d.args[0];
    if (first && ts.isStringLiteralLike(first)) return first.text;
    if (first && ts.isObjectLiteralExpression(first)) {
      for (const p of first.properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'name' && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
      }
    }
  }
  return undefined;
}

/** Of `params`, the `<resource>Id` names a guard or scope decorator names the resource of (see verifiedPathParams). */
function verifiedNames(params: readonly string[], decs: readonly { name: string; args: readonly TS.Expression[] }[]): string[] {
  const names: string[] = [];
  for (const d of decs) {
    if (GLOBAL_DECORATOR.test(d.name)) continue;
    if (SCOPE_DECORATOR.test(d.name)) names.push(d.name);
    // `@UseGuards(ProjectMemberGuard)`: the guards themselves say what they check.
    if (/^Use\w*Guards?$/.test(d.name)) for (const a of d.args) if (ts.isIdentifier(a) && !GLOBAL_DECORATOR.test(a.text)) names.push(a.text);
  }
  return params.filter((p) => {
    const resource = /^(\w+?)_?id$/i.exec(p)?.[1]?.toLowerCase();
    return !!resource && names.some((n) => n.toLowerCase().includes(resource));
  });
}

/** NestJS-style controllers (`@Controller('docs')` + `@Get(':id')`, `@RestController`), message/cron handlers, GraphQL resolvers, and config-named decorators. */
export function nestEntries(classes: readonly TS.ClassDeclaration[], extraNames: readonly string[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const node of classes) {
    {
      const classDecorators = decorators(node);
      const controller = classDecorators.find((d) => CONTROLLER.test(d.name));
      const base = controller ? stringValue(controller.args[0]) ?? '' : '';
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !member.body) continue;
        const memberDecorators = decorators(member);
        for (const d of memberDecorators) {
          const fn = member;
          if (controller && NEST_METHODS.has(d.name)) {
            const path = stringValue(d.args[0]) ?? '';
            const full = joinPath(`/${base.replace(/^\/+/, '')}`, path ? `/${path.replace(/^\/+/, '')}` : '');
            const verified = verifiedPathParams(full, [...classDecorators, ...memberDecorators]);
            out.push({ fn, note: `${d.name.toUpperCase()} ${full}`, site: d.node, ...(verified.length > 0 ? { verifiedParams: verified } : {}) });
          } else if (NEST_MESSAGE.has(d.name) || extraNames.includes(d.name)) {
            const arg = stringValue(d.args[0]);
            // `@UseGuards(GqlRequestTeamMemberGuard)` on a mutation taking `@Args('requestID')`: the guard checks the
            // caller against that request before the resolver runs, as a route guard does for `:requestId`.
            const args = member.parameters.map(graphqlArgName).filter((n): n is string => n !== undefined);
            const verified = verifiedNames(args, [...classDecorators, ...memberDecorators]);
            out.push({ fn, note: `${d.name} ${arg ?? (member.name && ts.isIdentifier(member.name) ? member.name.text : '')}`.trim(), site: d.node,
              ...(verified.length > 0 ? { verifiedParams: verified } : {}) });
          }
        }
      }
    }
  }
  return out;
}

const ROUTE_FILE = /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/;
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function hasDirective(statements: readonly TS.Statement[], directive: string): boolean {
  for (const st of statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === directive) return true;
  }
  return false;
}


/** `withWorkspace(async ({ params }) => …)`, `withAdmin(handler, opts)`: the functions a wrapper call wraps, with its name. */
function wrappedFunctions(call: TS.CallExpression, depth = 0): { fn: FunctionLike; wrapper: string | undefined }[] {
  const callee = call.expression;
  const wrapper = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const out: { fn: FunctionLike; wrapper: string | undefined }[] = [];
  for (const a of call.arguments) {
    if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) out.push({ fn: a, wrapper });
    else if (ts.isCallExpression(a) && depth < 2) {
      // `withAdmin(withLogging(async () => …))`: the outermost platform wrapper decides.
      for (const inner of wrappedFunctions(a, depth + 1)) out.push({ fn: inner.fn, wrapper: isPlatformWrapperName(wrapper) ? wrapper : inner.wrapper });
    }
  }
  return out;
}

function exportedFunctions(sf: TS.SourceFile): { name: string; fn: FunctionLike; site: TS.Node; platform?: boolean }[] {
  const out: { name: string; fn: FunctionLike; site: TS.Node; platform?: boolean }[] = [];
  const exported = (n: TS.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body && exported(st)) out.push({ name: st.name.text, fn: st, site: st });
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: d.name.text, fn: init, site: d });
        else if (ts.isIdentifier(d.name) && init && ts.isCallExpression(init)) {
          for (const w of wrappedFunctions(init)) out.push({ name: d.name.text, fn: w.fn, site: d, ...(isPlatformWrapperName(w.wrapper) ? { platform: true } : {}) });
        }
      }
    }
  }
  return out;
}

const APP_PAGE_FILE = /(^|\/)app\/(.*\/)?(page|layout|template|default)\.[cm]?[jt]sx?$/;
const PAGES_API_FILE = /(^|\/)pages\/(api\/.*?)(\/index)?\.[cm]?[jt]sx?$/;

/** A function this file declares under `name` (`function handler`, `const handler = async () => …`). */
function localFunction(sf: TS.SourceFile, name: string): FunctionLike | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
      }
    }
  }
  return undefined;
}

/** The default export's handler functions: a function, a local one by name, or those a wrapper call wraps. */
function defaultExportFunctions(sf: TS.SourceFile): { fn: FunctionLike; platform: boolean }[] {
  const out: { fn: FunctionLike; platform: boolean }[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) out.push({ fn: st, platform: false });
    if (!ts.isExportAssignment(st) || st.isExportEquals) continue;
    const e = st.expression;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) out.push({ fn: e, platform: false });
    else if (ts.isIdentifier(e)) {
      const fn = localFunction(sf, e.text);
      if (fn) out.push({ fn, platform: false });
    } else if (ts.isCallExpression(e)) {
      for (const w of wrappedFunctions(e)) out.push({ fn: w.fn, platform: isPlatformWrapperName(w.wrapper) });
      for (const a of e.arguments) {
        const fn = ts.isIdentifier(a) ? localFunction(sf, a.text) : undefined;
        if (fn) out.push({ fn, platform: false });
      }
    }
  }
  return out;
}

/** The statement that exports `name` from this file (`export default X;`, `export { X as default } from '…'`), for traces. */
function exportSite(sf: TS.SourceFile, name: string): TS.Node {
  for (const st of sf.statements) {
    if (name === 'default' && ts.isExportAssignment(st) && !st.isExportEquals) return st;
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && st.exportClause.elements.some((el) => el.name.text === name)) return st;
  }
  return sf;
}

/**
 * A function the page file exports under `name` from elsewhere: `import { SingleContactPage } from
 * '…'; export default SingleContactPage;` or `export { Page as default } from '…'`. The imported
 * component renders for this route, so it is the entry.
 */
function reexportedFunction(sf: TS.SourceFile, name: string, resolver: Resolver | undefined): FunctionLike | undefined {
  const v = resolver?.exported(sf, name);
  return v?.kind === 'fn' ? v.fn : undefined;
}

/**
 * Next.js route handlers (`export async function GET` in `app/**\/route.ts`, default exports of
 * `pages/api/**`) and server actions (`'use server'`).
 */
export function nextEntries(sf: TS.SourceFile, rel: string, serverFunctions: readonly TS.Node[], resolver?: Resolver): EntryPoint[] {
  const out: EntryPoint[] = [];
  // App-router pages and layouts are server components the request renders: `params` / `searchParams` are its input.
  const page = APP_PAGE_FILE.exec(rel);
  if (page) {
    const dirs = (page[2] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    const path = `/${dirs.join('/')}`;
    const defaults = defaultExportFunctions(sf);
    for (const e of defaults) out.push({ fn: e.fn, note: `${page[3]} ${path}`, site: e.fn, tenantFacing: true });
    const imported = defaults.length === 0 ? reexportedFunction(sf, 'default', resolver) : undefined;
    if (imported) out.push({ fn: imported, note: `${page[3]} ${path}`, site: exportSite(sf, 'default'), tenantFacing: true });
    const metadata = exportedFunctions(sf).filter((e) => e.name === 'generateMetadata');
    for (const e of metadata) out.push({ fn: e.fn, note: `generateMetadata ${path}`, site: e.site, tenantFacing: true });
    const importedMetadata = metadata.length === 0 ? reexportedFunction(sf, 'generateMetadata', resolver) : undefined;
    if (importedMetadata) out.push({ fn: importedMetadata, note: `generateMetadata ${path}`, site: exportSite(sf, 'generateMetadata'), tenantFacing: true });
  }
  const pagesApi = PAGES_API_FILE.exec(rel);
  if (pagesApi) {
    const path = `/${(pagesApi[2] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`;
    for (const e of defaultExportFunctions(sf)) out.push({ fn: e.fn, note: `API ${path}`, site: e.fn, ...(e.platform ? { platform: true } : {}) });
  }
  const route = ROUTE_FILE.exec(rel);
  if (route) {
    const dirs = (route[2] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    const path = `/${dirs.join('/')}`;
    for (const e of exportedFunctions(sf)) {
      if (NEXT_METHODS.has(e.name)) out.push({ fn: e.fn, note: `${e.name} ${path}`, site: e.site, ...(e.platform ? { platform: true } : {}) });
    }
  }
  if (hasDirective(sf.statements, 'use server')) {
    for (const e of exportedFunctions(sf)) out.push({ fn: e.fn, note: `server action ${e.name}`, site: e.site, ...(e.platform ? { platform: true } : { tenantFacing: true }) });
  } else {
    for (const node of serverFunctions) {
      if (!(ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node))) continue;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : 'anonymous';
      out.push({ fn: node, note: `server action ${name}`, site: node, tenantFacing: true });
    }
  }
  return out;
}
