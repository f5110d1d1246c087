import rule from '../src/rules/no-fail-open-tenant-check.js';
import { run } from './rule-tester.js';

const wrap = (expr: string): string => `export const keep = (row: any, tenantId: string, ctx: any) => ${expr};`;

run('no-fail-open-tenant-check', rule, {
  valid: [
    wrap('row.tenantId === tenantId'),
    wrap('row.tenantId !== tenantId'),
    wrap(`(row.name ?? 'x') === tenantId`),
    // Falls back to a value that never matches: a missing marker fails.
    wrap(`(row.tenantId ?? '') === tenantId`),
    wrap('(row.tenantId ?? null) === tenantId'),
    // Rejects when the marker is missing.
    wrap('!row.tenantId || row.tenantId !== tenantId'),
    wrap('row.tenantId && row.tenantId === tenantId'),
    wrap('row.id && row.id !== ctx.id'),
    // Resolving the caller's own tenant from context is no check at all.
    wrap('tenantId ?? requireTenantId()'),
    wrap('(ctx.options.tenantId ?? getCurrentTenant().tenantId)'),
  ],
  invalid: [
    { code: wrap('(row.tenantId ?? tenantId) === tenantId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('(row.metadata?.tenantId || tenantId) === tenantId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('row.tenantId && row.tenantId !== tenantId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('!row.orgId || row.orgId === ctx.orgId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('row.tenantId == null || row.tenantId === ctx.tenantId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: `export const scoped = (hits: any[], tenantId: string) => hits.filter((r) => (r.meta.scopeTenant ?? tenantId) === tenantId);`, errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('row.workspaceId !== undefined && row.workspaceId !== ctx.workspaceId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap(`(row['tenant_id'] ?? ctx.tenantId) === ctx.tenantId`), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('tenantId === (row.tenantId ?? tenantId)'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: wrap('row.accountId === undefined || row.accountId === ctx.accountId'), errors: [{ messageId: 'failOpenCheck' }] },
    { code: `export function assertSame(doc: any, tenantId: string) {\n  if (doc.tenantId && doc.tenantId !== tenantId) throw new Error('forbidden');\n}`, errors: [{ messageId: 'failOpenCheck', line: 2 }] },
  ],
});
