import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const failOpen = (code: string) => findings(code).filter((f) => f.kind === 'fail-open-tenant-check').map((f) => f.line);

describe('fail-open-tenant-check', () => {
  it('flags a marker defaulted to the caller tenant before comparing', () => {
    expect(failOpen(`const ok = hits.filter((h) => (h.metadata?.tenantId ?? tenantId) === tenantId);
const ok2 = rows.filter((r) => (r.orgId || orgId) === orgId);`)).toEqual([1, 2]);
  });
  it('flags a check that rejects only when the marker is present', () => {
    expect(failOpen(`function g(doc: Doc, tenantId: string) {
  if (doc.tenantId && doc.tenantId !== tenantId) throw new Error('forbidden');
  if (doc.tenantId != null && doc.tenantId !== tenantId) throw new Error('forbidden');
}`)).toEqual([2, 3]);
  });
  it('flags a filter that accepts records without a marker', () => {
    expect(failOpen(`const mine = items.filter((i) => !i.tenantId || i.tenantId === tenantId);`)).toEqual([1]);
  });
  it('does not flag strict comparisons or non-tenant defaults', () => {
    expect(failOpen(`const a = hits.filter((h) => h.metadata?.tenantId === tenantId);
if (!doc || doc.tenantId !== tenantId) throw new Error('nf');
const b = (row.title ?? 'untitled') === title;
const c = (user.role ?? 'member') === 'admin';
if (doc.tenantId !== tenantId) throw new Error('nf');`)).toEqual([]);
  });
});

describe('fail-open-tenant-check: a branch that only observes', () => {
  it('does not flag a mismatch that is only logged (it rejects nothing, so it guards nothing)', () => {
    expect(failOpen(`function sync(sub: Sub, org: Org) {
  if (sub.metadata?.orgId && sub.metadata?.orgId !== org.id) {
    logger.warn('org id mismatch in subscription metadata');
  }
}`)).toEqual([]);
  });
  it('still flags the same check when its branch returns or throws', () => {
    expect(failOpen(`function sync(sub: Sub, org: Org) {
  if (sub.metadata?.orgId && sub.metadata?.orgId !== org.id) {
    logger.warn('org id mismatch');
    return;
  }
}`)).toEqual([2]);
  });
});

describe('fail-open-tenant-check: the expected tenant may be missing', () => {
  it('flags a check that runs only when an optional expected tenant is given', () => {
    expect(failOpen(`export async function getCredentials(id: string, workspaceId?: string) {
  const creds = await load(id);
  if (workspaceId && creds.workspaceId !== workspaceId) return null;
  return creds;
}`)).toEqual([3]);
  });
  it('flags the same with the expected tenant taken from request input', () => {
    expect(failOpen(`export async function handler(req: any) {
  const creds = await load(req.params.id);
  if (req.body.workspaceId && creds.workspaceId !== req.body.workspaceId) return null;
  return creds;
}`)).toEqual([3]);
  });
  it('does not flag a required expected tenant, the strict form, or the verified context', () => {
    expect(failOpen(`export async function a(id: string, workspaceId: string) {
  const creds = await load(id);
  if (workspaceId && creds.workspaceId !== workspaceId) return null;
}
export async function b(id: string, workspaceId?: string) {
  const creds = await load(id);
  if (!workspaceId || creds.workspaceId !== workspaceId) return null;
}
export async function c(req: any, id: string) {
  const task = await load(id);
  const wsId = req.user?.workspaceId;
  if (wsId && task.workspaceId !== wsId) return null;
}`)).toEqual([]);
  });
});
