import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isPlatformGuardCall } from '../src/index.js';
import { envFor, parse } from './helpers.js';

/** Every call in `code`, by the text of its callee. */
function calls(code: string): Map<string, ts.CallExpression> {
  const sf = parse(code);
  const found = new Map<string, ts.CallExpression>();
  const visit = (n: ts.Node): void => {
    if (n.kind === 214 /* CallExpression */) found.set((n as ts.CallExpression).expression.getText(sf), n as ts.CallExpression);
    n.forEachChild(visit);
  };
  visit(sf);
  return found;
}

const CODE = `
export async function handler(req: any, res: any) {
  await handleAdminAuth(req);
  requireAdminApiKey(req.headers);
  assertSuperAdmin(req.user);
  await ensurePlatformOperator(req.user);
  await AdminApiAuthService.handleAdminAuth(req, res);
  await sudoMode(req);
  requireRole('admin');
  assertOrgAdmin(req.user, req.params.orgId);
  isWorkspaceAdmin(req.user);
  checkAccess(req.user, req.params.id);
  await verifyQstashSignature({ req, rawBody });
  await verifyVercelSignature(req);
  verifyCronSecret(req);
  await verifySignature(req);
  await verifyStripeSignature(req);
}`;

describe('guards for the platform\'s own staff or secrets', () => {
  const env = envFor();
  const found = calls(CODE);
  const guard = (callee: string, e = env) => isPlatformGuardCall(found.get(callee) as ts.CallExpression, e);

  it('recognised by name', () => {
    for (const callee of ['handleAdminAuth', 'requireAdminApiKey', 'assertSuperAdmin', 'ensurePlatformOperator', 'AdminApiAuthService.handleAdminAuth']) {
      expect(guard(callee), callee).toBe(true);
    }
  });

  it('a configured platformGuards name', () => {
    expect(guard('sudoMode', envFor({ platformGuards: ['sudoMode'] }))).toBe(true);
    expect(guard('sudoMode')).toBe(false);
  });

  it('role and access checks inside a tenant are not platform guards', () => {
    for (const callee of ['requireRole', 'assertOrgAdmin', 'isWorkspaceAdmin', 'checkAccess']) {
      expect(guard(callee), callee).toBe(false);
    }
  });

  it('the scheduler\'s own signature: only the platform\'s jobs get past it', () => {
    for (const callee of ['verifyQstashSignature', 'verifyVercelSignature', 'verifyCronSecret']) expect(guard(callee), callee).toBe(true);
  });

  it('a generic or third-party webhook signature is not the platform\'s own job', () => {
    for (const callee of ['verifySignature', 'verifyStripeSignature']) expect(guard(callee), callee).toBe(false);
  });
});
