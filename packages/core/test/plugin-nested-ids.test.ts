import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

// Found while writing the ESLint rule's look-alikes: ids inside an operator object (`id: { in: ids }`)
// were invisible to the pre-check, so a write after a tenant-scoped look-up of the same ids was flagged.
describe('ids nested in operator objects', () => {
  it('a write by ids checked with a tenant-scoped query before is scoped', () => {
    const code = `
      export async function remove(ids: string[]) {
        const owned = await prisma.document.findMany({ where: { id: { in: ids }, tenantId: requireTenantId() } });
        if (owned.length !== ids.length) throw new Error('not found');
        await prisma.document.deleteMany({ where: { id: { in: ids } } });
      }`;
    expect(findings(code)).toEqual([]);
  });

  it('without the pre-check it is still an unscoped query', () => {
    const code = `export async function remove(ids: string[]) { await prisma.document.deleteMany({ where: { id: { in: ids } } }); }`;
    expect(findings(code).map((f) => f.kind)).toEqual(['unscoped-query']);
  });
});
