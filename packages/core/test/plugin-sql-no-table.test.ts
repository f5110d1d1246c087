import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

// Found by linting the repository with the ESLint plugin: statements that read no tenant table.
describe('raw SQL that reads no tenant table', () => {
  it('does not flag a SELECT without FROM (set_config with a parameterised setting name, now())', () => {
    const code = `
      export async function begin(client: any, setting: string, tenant: string) {
        await client.query('SELECT set_config($1, $2, true)', [setting, tenant]);
        return client.query('SELECT now() AS ts');
      }
    `;
    expect(findings(code)).toEqual([]);
  });

  it('does not flag queries on PostgreSQL system catalogs only', () => {
    const code = `
      export async function check(db: any, table: string) {
        return db.query(\`SELECT c.relrowsecurity, (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
          FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass($1) WHERE r.rolname = current_user\`, [table]);
      }
    `;
    expect(findings(code)).toEqual([]);
  });

  it('still flags a catalog joined with a tenant table, and a SELECT … FROM a dynamic table', () => {
    const code = `
      export async function a(db: any) {
        return db.query('SELECT d.* FROM documents d JOIN pg_class c ON c.relname = d.title WHERE d.id = $1');
      }
      export async function b(db: any, table: string) {
        return db.query(\`SELECT * FROM \${table} WHERE id = $1\`);
      }
    `;
    expect(findings(code).map((f) => f.kind)).toEqual(['unscoped-query', 'unscoped-query']);
  });
});
