import { describe, expect, it } from 'vitest';
import { envFor, findings, parse } from './helpers.js';
import { analyseSourceFile } from '../src/index.js';

const optional = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);

describe('optional-tenant-param', () => {
  it('flags optional, nullable and defaulted tenant parameters of exported functions', () => {
    expect(optional(`export async function listNodes(tenantId?: string) { return db.list(tenantId); }
export function search(q: string, orgId: string | undefined) { return q + orgId; }
export function scoped(workspaceId: string = PLATFORM) { return workspaceId; }`)).toEqual([1, 2, 3]);
  });
  it('flags optional tenant fields of a destructured options object (inline or same-file type)', () => {
    expect(optional(`export async function searchNodes({ query, tenantId }: { query: string; tenantId?: string }) { return query; }
interface Opts { q: string; orgId?: string }
export const find = ({ q, orgId }: Opts) => q + orgId;`)).toEqual([1, 3]);
  });
  it('flags public methods of exported classes, not private ones', () => {
    expect(optional(`export class Graph {
  list(tenantId?: string) { return tenantId; }
  private inner(tenantId?: string) { return tenantId; }
}`)).toEqual([2]);
  });
  it('does not flag required tenants, context resolution, fail-closed guards, or internal functions', () => {
    expect(optional(`export function a(tenantId: string) { return tenantId; }
export function b(tenantId?: string) { const t = tenantId ?? requireTenantId(); return t; }
export function c(tenantId?: string) { if (!tenantId) throw new Error('tenant required'); return tenantId; }
export function d(tenantId = getCurrentTenant().tenantId) { return tenantId; }
function e(tenantId?: string) { return tenantId; }
export function f(title?: string) { return title; }
export function g(tenantId?: string) { assert(tenantId); return tenantId; }`)).toEqual([]);
  });
});

describe('relationship names are not the caller scope', () => {
  it('does not flag optional fromTenantId / parentOrgId, but flags an optional tenant object', () => {
    expect(optional(`export function report(reason: string, fromTenantId: string | undefined) { return reason; }
export function link(parentOrgId?: string) { return parentOrgId; }
export function scoped(tenant?: { id: string }) { return tenant; }`)).toEqual([3]);
  });
});

describe('declaration files', () => {
  it('reports nothing in a .d.ts file', () => {
    const sf = parse('export declare function listNodes(tenantId?: string): Promise<unknown[]>;', 'types.d.ts');
    expect(analyseSourceFile(sf, envFor()).findings).toEqual([]);
  });
});

describe('optional-tenant-param: only where the tenant can scope something', () => {
  it('an optional orgId only handed to analytics is not reported; the same handed to a query is', () => {
    const kinds = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);
    expect(kinds(`declare const posthog: { capture(e: unknown): void };
declare const prisma: any;
export function sendTelemetry(event: string, orgId = '') {
  posthog.capture({ distinctId: orgId, event });
}
export function listChats(orgId = '') {
  return prisma.chat.findMany({ where: { orgId } });
}`)).toEqual([6]);
  });
  it('through a local: const distinctId = orgId || uuid() handed to analytics is not reported; a local handed to a query is', () => {
    const kinds = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);
    expect(kinds(`declare const posthog: { capture(e: unknown): void };
declare const prisma: any;
declare function uuid(): string;
export function sendTelemetry(event: string, orgId = '') {
  const distinctId = orgId || uuid();
  posthog.capture({ distinctId, event });
}
export function listChats(orgId = '') {
  const where = { orgId };
  return prisma.chat.findMany({ where });
}`)).toEqual([8]);
  });
});

/** An optional tenant that only switches work on: missing, nothing is done (not every tenant read). */
describe('optional-tenant-param: a tenant that only switches work on', () => {
  it('does not flag a tenant read only inside its own presence test and branch', () => {
    expect(optional(`export const cache = {
  revalidate({ tenantId, userId, name }: { tenantId?: string; userId?: string; name: string }): void {
    if (tenantId && userId) {
      revalidateTag(this.tag.byTenantAndUser(tenantId, userId));
    }
    if (name) revalidateTag(name);
  },
};
export function drop(tenantId?: string) { tenantId && evict(\`t:\${tenantId}\`); }`)).toEqual([]);
  });

  it('still flags a filter added only when the tenant is there, whose query runs either way', () => {
    expect(optional(`export async function list(tenantId?: string) {
  const where: Record<string, string> = {};
  if (tenantId) where.tenantId = tenantId;
  return db.doc.findMany({ where });
}
export async function list2(tenantId?: string) {
  return db.doc.findMany({ where: tenantId ? { tenantId } : {} });
}
export async function list3(tenantId?: string) {
  if (tenantId) { return db.doc.findMany({ where: { tenantId } }); }
  return db.doc.findMany({});
}`)).toEqual([1, 6, 9]);
  });
});
