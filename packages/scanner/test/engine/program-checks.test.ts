import { describe, expect, it } from 'vitest';
import { briefs, scanFixture } from './helpers.js';

describe('ORM extension drift', () => {
  it('a tenant-scoping extension that misses tenant models is reported at its model list', async () => {
    const { findings } = await scanFixture('drift/flagged');
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unscoped-query src/prisma.ts:5', 'unscoped-query src/prisma.ts:20']);
    expect(findings[0]?.message).toMatch(/covers Document but not Conversation/);
    expect(findings[1]?.message).toMatch(/covers Conversation but not Document/);
  });

  it('a complete list, and a non-tenant extension listing models, are fine', async () => {
    expect(await briefs('drift/clean')).toEqual([]);
  });
});

describe('escape hatches', () => {
  it('superuser URL, bypassRls option, BYPASSRLS SQL, swallowed MissingTenantContextError', async () => {
    expect(await briefs('escape-hatches/flagged')).toEqual([
      'platform-fallback P1 src/db.ts:4',
      'platform-fallback P1 src/db.ts:6',
      'platform-fallback P1 src/db.ts:8',
      'platform-fallback P1 src/db.ts:14',
    ]);
  });

  it('look-alikes: app-role URL, bypassRls: false, NOBYPASSRLS, option types, rethrow', async () => {
    expect(await briefs('escape-hatches/clean')).toEqual([]);
  });
});
