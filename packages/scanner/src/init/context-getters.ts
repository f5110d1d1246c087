/**
 * Fail-closed context getters for `tenant-audit init`: functions that take no argument, are named for
 * the current tenant (`getCurrentTenantIdOrThrow`, `requireWorkspaceId`), and throw when there is
 * none. The scanner treats a configured getter's result as the verified tenant, so the bar is high:
 * a getter that reads a header, a cookie or the query string returns what the client chose, and one
 * that never throws falls back to something (often the platform), which is a gap of its own.
 */
import { balancedBody, DEFAULT_CONFIG, type SourceText } from '@tenant-audit/core';

export interface ContextGetter {
  name: string;
  /** `src/lib/tenant-context.ts:22` */
  at: string;
}

const TENANT_WORD = '(?:Tenant|Org|Organi[sz]ation|Workspace|Team|Account|Project|Company)';
/** `getCurrentTenantIdOrThrow`, `requireWorkspaceId`, `currentOrgContext`: the tenant and nothing else. */
const GETTER_NAME = new RegExp(`^(?:get|require|current)(?:Current|Active)?${TENANT_WORD}(?:Id|ID|Context)?(?:OrThrow|OrFail|Strict)?$`);
/** `function name()` / `const name = () =>` / `const name = function ()`, with no parameter. */
const DECLARATION = /(?:\bfunction\s+(\w+)\s*(?:<[^>()]*>)?\s*\(\s*\)|\b(?:const|let)\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\s*)?\(\s*\))[^{;]*\{/g;
/** Where a value comes from the client, not from a verified context. */
const CLIENT_INPUT = /\b(?:headers?|cookies?|query|params|searchParams|body)\b/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function findContextGetters(sources: readonly SourceText[]): ContextGetter[] {
  const known = new Set(DEFAULT_CONFIG.contextGetters);
  const found = new Map<string, ContextGetter>();
  for (const file of sources) {
    if (!/throw/.test(file.text)) continue;
    for (const m of file.text.matchAll(DECLARATION)) {
      const name = m[1] ?? m[2] ?? '';
      if (!GETTER_NAME.test(name) || known.has(name) || found.has(name)) continue;
      const open = (m.index ?? 0) + m[0].length - 1;
      const body = balancedBody(file.text, open) ?? '';
      if (!/\bthrow\b/.test(body) || CLIENT_INPUT.test(body)) continue;
      found.set(name, { name, at: `${file.path}:${lineAt(file.text, m.index ?? 0)}` });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
