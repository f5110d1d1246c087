import { describe, expect, it } from 'vitest';
import { briefs, fixture, scanFixture } from './helpers.js';

describe('missing-rls-policy', () => {
  it('points at the statement at fault and says what lets the rows through', async () => {
    const { findings } = await scanFixture('missing-rls-policy/flagged');
    const at = (file: string, line: number) => findings.find((f) => f.file === file && f.line === line);
    expect(at('migrations/001_init.sql', 8)).toMatchObject({ column: 1, endLine: 8, severity: 'P2' });
    expect(at('migrations/001_init.sql', 8)?.message).toMatch(/tenant table notes \(tenant column tenant_id\) never gets row-level security/);
    expect(at('migrations/002_comments.sql', 2)?.message).toMatch(/enabled but not FORCEd.*grant it to no separate application role/);
    expect(at('migrations/002_comments.sql', 7)?.message).toMatch(/policy attachments_all on attachments: its USING `true` is always true/);
    expect(at('migrations/002_comments.sql', 8)?.message).toMatch(/`tenant_id IS NOT NULL` reads no tenant setting/);
    expect(at('migrations/002_comments.sql', 10)?.message).toMatch(/role reporting is given BYPASSRLS.*src\/db\.ts:5 connects as it/);
    expect(at('prisma/migrations/20240102000000_rls/migration.sql', 4)?.message).toMatch(/the branch `current_setting\('app\.bypass', true\) = 'on'` of its USING/);
    expect(at('supabase/migrations/20240101000000_projects.sql', 3)?.message).toMatch(/^policy "signed-in users read projects" on projects: its USING `auth\.role\(\) = 'authenticated'` reads no tenant setting/);
    for (const f of findings) expect(f.ruleId).toBeUndefined();
  });

  it('is silent on tables the runtime, TypeORM and knex migrations, Supabase policies and function-based policies cover', async () => {
    const result = await scanFixture('missing-rls-policy/clean');
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('says nothing in a code base that never uses row-level security', async () => {
    expect(await briefs('missing-rls-policy/rls-not-used')).toEqual([]);
  });

  it('with only a migration changed (--changed / --staged) it reports what the full scan reports there', async () => {
    const dir = fixture('missing-rls-policy/flagged');
    const only = await briefs('missing-rls-policy/flagged', { onlyFiles: [`${dir}/migrations/001_init.sql`] });
    expect(only).toEqual(['missing-rls-policy P2 migrations/001_init.sql:8']);
    // Here only the code, which is not among the changed files, shows that the code base uses RLS.
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { scan } = await import('../../src/index.js');
    const project = mkdtempSync(`${tmpdir()}/ta-rls-changed-`);
    mkdirSync(`${project}/src`);
    mkdirSync(`${project}/migrations`);
    writeFileSync(`${project}/src/db.ts`, "import { withTenantTransaction } from '@tenant-audit/runtime/postgres';\nexport const run = withTenantTransaction;\n");
    writeFileSync(`${project}/migrations/002_notes.sql`, 'CREATE TABLE notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);\n');
    const changed = await scan({ paths: [project], onlyFiles: [`${project}/migrations/002_notes.sql`] });
    expect(changed.findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['missing-rls-policy migrations/002_notes.sql:1']);
  });

  it('fingerprints survive lines added above the statement', async () => {
    const { mkdtempSync, cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { scan } = await import('../../src/index.js');
    const dir = mkdtempSync(`${tmpdir()}/ta-rls-`);
    cpSync(fixture('missing-rls-policy/flagged'), dir, { recursive: true });
    const before = (await scan({ paths: [dir] })).findings.map((f) => f.fingerprint).sort();
    const file = `${dir}/migrations/001_init.sql`;
    writeFileSync(file, `-- a comment\n\n${readFileSync(file, 'utf8')}`);
    const after = (await scan({ paths: [dir] })).findings.map((f) => f.fingerprint).sort();
    expect(after).toEqual(before);
  });
});
