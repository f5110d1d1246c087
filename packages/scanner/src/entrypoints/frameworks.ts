import type { FunctionLike } from '@tenant-audit/core';
import { ts } from 'ts-morph';
import { joinPath, stringValue } from './handlers.js';
import type { EntryPoint } from './types.js';

const NEST_METHODS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const NEST_MESSAGE = new Set(['MessagePattern', 'EventPattern', 'Cron', 'Interval', 'Process', 'OnEvent', 'Query', 'Mutation', 'Subscription', 'ResolveField']);

function decorators(node: ts.Node): { name: string; args: readonly ts.Expression[]; node: ts.Decorator }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((d): { name: string; args: readonly ts.Expression[]; node: ts.Decorator }[] => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return [{ name: e.expression.text, args: e.arguments, node: d }];
    if (ts.isIdentifier(e)) return [{ name: e.text, args: [], node: d }];
    return [];
  });
}

/** NestJS controllers (`@Controller('docs')` + `@Get(':id')`), message/cron handlers, GraphQL resolvers, and config-named decorators. */
export function nestEntries(classes: readonly ts.ClassDeclaration[], extraNames: readonly string[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const node of classes) {
    {
      const controller = decorators(node).find((d) => d.name === 'Controller');
      const base = controller ? stringValue(controller.args[0]) ?? '' : '';
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !member.body) continue;
        for (const d of decorators(member)) {
          const fn = member as unknown as FunctionLike;
          if (controller && NEST_METHODS.has(d.name)) {
            const path = stringValue(d.args[0]) ?? '';
            out.push({ fn, note: `${d.name.toUpperCase()} ${joinPath(`/${base.replace(/^\/+/, '')}`, path ? `/${path.replace(/^\/+/, '')}` : '')}`, site: d.node });
          } else if (NEST_MESSAGE.has(d.name) || extraNames.includes(d.name)) {
            const arg = stringValue(d.args[0]);
            out.push({ fn, note: `${d.name} ${arg ?? (member.name && ts.isIdentifier(member.name) ? member.name.text : '')}`.trim(), site: d.node });
          }
        }
      }
    }
  }
  return out;
}

const ROUTE_FILE = /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/;
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function hasDirective(statements: readonly ts.Statement[], directive: string): boolean {
  for (const st of statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === directive) return true;
  }
  return false;
}

function exportedFunctions(sf: ts.SourceFile): { name: string; fn: FunctionLike; site: ts.Node }[] {
  const out: { name: string; fn: FunctionLike; site: ts.Node }[] = [];
  const exported = (n: ts.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body && exported(st)) out.push({ name: st.name.text, fn: st as unknown as FunctionLike, site: st });
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.push({ name: d.name.text, fn: init as unknown as FunctionLike, site: d });
      }
    }
  }
  return out;
}

/** Next.js route handlers (`export async function GET` in `app/**\/route.ts`) and server actions (`'use server'`). */
export function nextEntries(sf: ts.SourceFile, rel: string, serverFunctions: readonly ts.Node[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  const route = ROUTE_FILE.exec(rel);
  if (route) {
    const dirs = (route[2] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    const path = `/${dirs.join('/')}`;
    for (const e of exportedFunctions(sf)) if (NEXT_METHODS.has(e.name)) out.push({ fn: e.fn, note: `${e.name} ${path}`, site: e.site });
  }
  if (hasDirective(sf.statements, 'use server')) {
    for (const e of exportedFunctions(sf)) out.push({ fn: e.fn, note: `server action ${e.name}`, site: e.site });
  } else {
    for (const node of serverFunctions) {
      if (!(ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node))) continue;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : 'anonymous';
      out.push({ fn: node as unknown as FunctionLike, note: `server action ${name}`, site: node });
    }
  }
  return out;
}
