/**
 * Every suggestion of the plugin is a fix the rule accepts: applied to the reported code, the rule
 * that offered it goes quiet. (RuleTester checks each suggestion's output text; this checks that the
 * output is right in the rule's own judgement.)
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import noContextFreeDataAccess from '../src/rules/no-context-free-data-access.js';
import noOptionalTenantId from '../src/rules/no-optional-tenant-id.js';
import noUnscopedRedisKeys from '../src/rules/no-unscoped-redis-keys.js';
import { lintMessages } from './rule-tester.js';

const IO = "import Redis from 'ioredis';\nconst redis = new Redis();\n";

interface Case {
  rule: string;
  module: TSESLint.RuleModule<string, readonly unknown[]>;
  suggestion: string;
  code: string;
  options?: readonly unknown[];
}

/** By-id reads whose id is a parameter are reported only on request: the suggestion is checked with the option on. */
const PARAMETER_IDS = [{ reportParameterIds: true }] as const;

const CASES: Case[] = [
  // The verified tenant in the where, under the model's own column (Document: tenantId; Invoice: orgId).
  { rule: 'no-context-free-data-access', module: noContextFreeDataAccess as never, suggestion: 'addVerifiedTenant',
    code: 'export async function get(req: Request, id: string) { const { tenantId } = req.auth; return prisma.document.findUnique({ where: { id } }); }', options: PARAMETER_IDS },
  { rule: 'no-context-free-data-access', module: noContextFreeDataAccess as never, suggestion: 'addVerifiedTenant',
    code: "export const get = async ({ ctx, id }: Args) => { if (!ctx.session.orgId) throw new Error('no org'); return prisma.invoice.findFirst({ where: { id } }); };", options: PARAMETER_IDS },
  { rule: 'no-context-free-data-access', module: noContextFreeDataAccess as never, suggestion: 'addVerifiedTenant',
    code: 'export async function wipe(req: Request) {\n  const orgId = req.auth.orgId;\n  await prisma.invoice.deleteMany({\n    where: {\n      amount: 0,\n    },\n  });\n}' },
  // An optional tenant made required.
  { rule: 'no-optional-tenant-id', module: noOptionalTenantId as never, suggestion: 'makeTenantRequired',
    code: 'export function listNodes(tenantId?: string) { return prisma.node.findMany({ where: { tenantId } }); }' },
  { rule: 'no-optional-tenant-id', module: noOptionalTenantId as never, suggestion: 'makeTenantRequired',
    code: 'export function search({ query, tenantId }: { query: string; tenantId?: string }) { return [query, tenantId]; }' },
  // The tenant put into a Redis key: one in scope, the verified one the function reads, or the runtime's getter.
  { rule: 'no-unscoped-redis-keys', module: noUnscopedRedisKeys as never, suggestion: 'addTenantToKey',
    code: `${IO}export async function put(tenantId: string, id: string, v: string) { await redis.set(\`doc:\${id}\`, v); }` },
  { rule: 'no-unscoped-redis-keys', module: noUnscopedRedisKeys as never, suggestion: 'addTenantToKey',
    code: `${IO}export const get = (req: Request, id: string) => { if (!req.auth.tenantId) throw new Error('x'); return redis.get(\`doc:\${id}\`); };` },
  { rule: 'no-unscoped-redis-keys', module: noUnscopedRedisKeys as never, suggestion: 'addTenantToKey',
    code: `import { getCurrentTenant } from '@tenant-audit/runtime';\n${IO}export const get = (sessionId: string) => redis.get(\`session:\${sessionId}\`);` },
];

function applySuggestion(code: string, message: Linter.LintMessage, id: string): string {
  const suggestion = message.suggestions?.find((s) => s.messageId === id);
  expect(suggestion, `${id} offered on ${message.message}`).toBeDefined();
  const { range, text } = suggestion!.fix;
  return code.slice(0, range[0]) + text + code.slice(range[1]);
}

describe('applying a suggestion makes the rule quiet', () => {
  for (const c of CASES) {
    it(`${c.rule} / ${c.suggestion}: ${c.code.split('\n').find((l) => l.startsWith('export'))?.slice(0, 70) ?? ''}`, () => {
      const before = lintMessages(c.rule, c.module, { code: c.code, ...(c.options ? { options: c.options } : {}) });
      expect(before.map((m) => m.fatal ?? false)).toEqual([false]);
      const fixed = applySuggestion(c.code, before[0]!, c.suggestion);
      expect(fixed).not.toBe(c.code);
      const after = lintMessages(c.rule, c.module, { code: fixed, ...(c.options ? { options: c.options } : {}) });
      expect(after, fixed).toEqual([]);
    });
  }

  it('the where suggestion keeps a multi-line filter\'s layout and adds the column after the last key', () => {
    const c = CASES[2]!;
    const fixed = applySuggestion(c.code, lintMessages(c.rule, c.module, { code: c.code, ...(c.options ? { options: c.options } : {}) })[0]!, c.suggestion);
    expect(fixed).toContain('    where: {\n      amount: 0, orgId,\n    },');
  });
});
