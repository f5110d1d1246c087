import rule from '../src/rules/no-optional-tenant-id.js';
import { join } from 'node:path';
import { FIXTURE_PROJECT, run } from './rule-tester.js';

/** Components and hooks are linted as a `.tsx` file of the fixture project. */
const TSX = join(FIXTURE_PROJECT, 'src', 'file.tsx');
const projects = { tenantIsolation: { tenantFields: ['projectId', 'teamId'] } };

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
    // Carried along, not a filter: a component's prop that picks a link, a hook whose query runs only when it is there,
    // an error's context, an event's field, one more cache key to drop, a filter that also pins the user.
    {
      code: `export function ToggleRow({ projectId }: { projectId?: string }) {\n  return <Switch onChange={() => projectId && router.push(\`/project/\${projectId}\`)} />;\n}`,
      filename: TSX, settings: projects,
    },
    {
      code: `export function useForceV3(projectId?: string) {\n  return api.flags.forceV3.useQuery({ projectId: projectId ?? '' }, { enabled: Boolean(projectId) }).data ?? false;\n}`,
      filename: TSX, settings: projects,
    },
    { code: `export const Errors = { notFound: (id: string, teamId?: string) => new InvoiceError('NOT_FOUND', id, { teamId }) };`, settings: projects },
    { code: `export async function recordClick({ linkId, teamId }: { linkId: string; teamId?: string }) { await redis.set(linkId, { linkId, team_id: teamId || '' }); }`, settings: projects },
    {
      code: `export function invalidate(userId: string, teamId?: string) {\n  const deletes = [cache.delete(\`u:\${userId}\`)];\n  if (teamId) deletes.push(cache.delete(\`u:\${userId}:t:\${teamId}\`));\n  return Promise.all(deletes).then(() => undefined);\n}`,
      settings: projects,
    },
    { code: `export const teamWhere = ({ teamId, userId }: { teamId?: number; userId: number }) => ({ id: teamId, members: { some: { userId } } });`, settings: projects },
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
    // Still a gap: an optional prop handed to a query that runs without it, a filter that only the tenant scopes.
    {
      code: `export function Invites({ projectId }: { projectId?: string }) {\n  const rows = api.invites.list.useQuery({ projectId });\n  return <List rows={rows.data} />;\n}`,
      filename: TSX, settings: projects,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function Invites({ projectId }: { projectId: string }) {\n  const rows = api.invites.list.useQuery({ projectId });\n  return <List rows={rows.data} />;\n}` }] }],
    },
    {
      code: `export async function list(teamId?: string) { return db.doc.findMany({ where: teamId ? { teamId } : {} }); }`, settings: projects,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export async function list(teamId: string) { return db.doc.findMany({ where: teamId ? { teamId } : {} }); }` }] }],
    },
    {
      code: `export function load(id: string, teamId?: string) { return db.invoice.findMany({ where: { id, teamId } }); }`, settings: projects,
      errors: [{ messageId: 'optionalTenantParam', suggestions: [{ messageId: 'makeTenantRequired', output: `export function load(id: string, teamId: string) { return db.invoice.findMany({ where: { id, teamId } }); }` }] }],
    },
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
