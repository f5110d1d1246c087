import { describe, expect, it } from 'vitest';
import { brief, scanFixture } from './helpers.js';

/**
 * Shapes of historical cross-tenant fixes (bench/real-fixes) where the scanner lost the program
 * between the entry point and the sink: each fixture holds the vulnerable shape and look-alikes
 * that must stay clean.
 */
describe('memoising wrappers imported under another name', () => {
  it('`cache as reactCache` / `unstable_cache as nextCache`: the wrapped by-id reads get their callers', async () => {
    const { findings, coverage } = await scanFixture('recall/memo-alias');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/contacts.ts:8', 'unscoped-query P0 src/lib/contacts.ts:11']);
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['server action getContactAction', 'calls getContact', 'prisma.contact.findUnique']);
    expect(coverage.unjudgedBy.caller).toBe(0);
  });
});
