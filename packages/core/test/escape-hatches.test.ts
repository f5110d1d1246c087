import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

/** Escape hatches, found file by file by core (so the ESLint rule and the scanner report the same places). */
const hatches = (code: string): string[] =>
  findings(code).filter((f) => f.kind === 'platform-fallback').map((f) => `${f.line} ${f.messageId}`);

describe('escape hatches out of tenant isolation', () => {
  it('flags RLS bypass options, calls and SQL', () => {
    expect(hatches(`const a = db.query({ sql: 'SELECT 1', bypassRls: true });
const b = (bypass_rls: boolean) => db.query({ bypass_rls });
const c = withoutRls(() => db.invoice.findMany());
const d = 'CREATE USER reporting WITH LOGIN BYPASSRLS';
const e = \`SET SESSION row_security TO off; \${rest}\`;`)).toEqual(['1 rlsBypass', '2 rlsBypass', '3 rlsBypass', '4 rlsBypass', '5 rlsBypass']);
  });

  it('flags superuser connection strings, not application roles', () => {
    expect(hatches(`const a = 'postgres://rdsadmin:pw@host/db';
const b = 'postgres://app:pw@host/db';
const c = 'postgresql://supabase_admin@host/db';`)).toEqual(['1 superuserConnection', '3 superuserConnection']);
  });

  it('flags handlers that swallow MissingTenantContextError, not those that rethrow it', () => {
    expect(hatches(`export async function a() {
  try { await work(); } catch (e) { if (e instanceof MissingTenantContextError) return null; throw e; }
}
export async function b() {
  try { await work(); } catch (e) { if (e instanceof MissingTenantContextError) throw new Unauthorized(); log(e); }
}
export const c = () => work().catch((e) => { if (!(e instanceof MissingTenantContextError)) throw e; return []; });
export const d = () => work().catch((e) => { if (!(e instanceof MissingTenantContextError)) throw e; throw new Unauthorized(); });`))
      .toEqual(['2 swallowedMissingContext', '7 swallowedMissingContext']);
  });

  it('leaves look-alikes alone: bypass off, NOBYPASSRLS, prose, option types, row security on', () => {
    expect(hatches(`const a = db.query({ sql: 'SELECT 1', bypassRls: false });
interface Options { bypassRls?: boolean }
const b = 'ALTER ROLE app NOBYPASSRLS';
const c = 'never grant BYPASSRLS to the application role';
const d = 'SET row_security = on';
const e = callBypassRlsLater;`)).toEqual([]);
  });

  it('a handler returning the platform marker is one finding (the fallback), not two', () => {
    expect(hatches(`export function t() {
  try { return getTenant(); } catch (e) { if (e instanceof MissingTenantContextError) return PLATFORM_CONTEXT; throw e; }
}`)).toEqual(['2 platformFallback']);
  });
});
