import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

// Found while writing the ESLint rule's look-alikes: a destructured tenant whose default comes from
// the fail-closed context was still reported because its member is optional in the options type.
describe('destructured tenant with a context default', () => {
  it('is not an optional tenant', () => {
    const code = `export function list({ tenantId = getCurrentTenant().tenantId }: { tenantId?: string }) { return tenantId; }`;
    expect(findings(code)).toEqual([]);
  });

  it('a literal default is still reported, once', () => {
    const code = `export function list({ tenantId = 'default' }: { tenantId?: string }) { return tenantId; }`;
    expect(findings(code).map((f) => f.messageId)).toEqual(['optionalTenantParam']);
  });
});
