import rule from '../src/rules/no-optional-tenant-id.js';
import { run } from './rule-tester.js';

run('no-optional-tenant-id', rule, {
  valid: [
    `export function list(tenantId: string) { return tenantId; }`,
    // Not an API boundary: module-private.
    `function list(tenantId?: string) { return tenantId; }`,
    // Defaults resolved from the fail-closed context.
    `export function list(tenantId = requireTenantId()) { return tenantId; }`,
    `export function list(tenantId?: string) { const t = tenantId ?? requireTenantId(); return t; }`,
    // Fails closed when missing.
    `export function list(tenantId?: string) { if (!tenantId) throw new Error('tenant required'); return tenantId; }`,
    `export function list(tenantId?: string) { assertTenant(tenantId); return tenantId; }`,
    // Optional, but not a tenant.
    `export function list(id: string, limit?: number, cursor?: string) { return [id, limit, cursor]; }`,
    // Private and protected methods are not boundaries.
    `export class Graph { private listNodes(tenantId?: string) { return tenantId; } protected search(orgId?: string) { return orgId; } }`,
    // Required in the options type.
    `export function search({ query, tenantId }: { query: string; tenantId: string }) { return [query, tenantId]; }`,
    `interface ListOptions { tenantId: string; limit?: number }\nexport function list({ tenantId, limit }: ListOptions) { return [tenantId, limit]; }`,
    `export const search = (q: string, workspaceId: string) => [q, workspaceId];`,
    // Optional in the type, but defaulted from the fail-closed context.
    `export function list({ tenantId = getCurrentTenant().tenantId }: { tenantId?: string }) { return tenantId; }`,
  ],
  invalid: [
    {
      code: `export function listNodes(tenantId?: string) { return tenantId; }`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function listNodes(tenantId: string) { return tenantId; }` }] }],
    },
    { code: `export function listNodes(orgId: string | undefined) { return orgId; }`, errors: [{ messageId: 'optionalTenantParam' }] },
    { code: `export function listNodes(workspaceId: string | null) { return workspaceId; }`, errors: [{ messageId: 'optionalTenantParam' }] },
    { code: `export function listNodes(tenantId = 'default') { return tenantId; }`, errors: [{ messageId: 'optionalTenantParam' }] },
    {
      code: `export function search({ query, tenantId }: { query: string; tenantId?: string }) { return [query, tenantId]; }`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function search({ query, tenantId }: { query: string; tenantId: string }) { return [query, tenantId]; }` }] }],
    },
    {
      code: `interface ListOptions { tenantId?: string; limit?: number }\nexport function list({ tenantId, limit }: ListOptions) { return [tenantId, limit]; }`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `interface ListOptions { tenantId: string; limit?: number }\nexport function list({ tenantId, limit }: ListOptions) { return [tenantId, limit]; }` }] }],
    },
    {
      code: `export class KnowledgeGraph { listNodes(tenantId?: string) { return tenantId; } }`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export class KnowledgeGraph { listNodes(tenantId: string) { return tenantId; } }` }] }],
    },
    {
      code: `export const search = (q: string, teamId?: string) => [q, teamId];`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export const search = (q: string, teamId: string) => [q, teamId];` }] }],
    },
    {
      code: `export default function list(accountId?: string) { return accountId; }`,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export default function list(accountId: string) { return accountId; }` }] }],
    },
    { code: `export async function find(tenant_id: string | undefined, id: string) { return [tenant_id, id]; }`, errors: [{ messageId: 'optionalTenantParam' }] },
    // A configured tenant field name.
    {
      code: `export function list(projectId?: string) { return projectId; }`,
      settings: { tenantIsolation: { tenantFields: ['projectId'] } },
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function list(projectId: string) { return projectId; }` }] }],
    },
    // …and as a rule option, which wins over settings.
    {
      code: `export function list(environmentId?: string) { return environmentId; }`,
      settings: { tenantIsolation: { tenantFields: ['projectId'] } },
      options: [{ tenantFields: ['environmentId'] }],
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function list(environmentId: string) { return environmentId; }` }] }],
    },
  ],
});
