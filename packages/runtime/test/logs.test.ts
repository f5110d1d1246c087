import { afterEach, describe, expect, it } from 'vitest';
import {
  configureTenantContext,
  MissingTenantContextError,
  runAsPlatform,
  runWithTenant,
  setPlatformAuditHook,
  TenantAccessForbiddenError,
} from '../src/context/index.js';
import { createTenantLogReader } from '../src/logs/index.js';
import type { LogQuery, LogSource } from '../src/logs/index.js';

afterEach(() => {
  configureTenantContext({ mode: 'strict' });
  setPlatformAuditHook(undefined);
});

interface Line { tenantId?: string | null; service: string; msg: string }

const lines: Line[] = [
  { tenantId: 'acme', service: 'api', msg: 'acme login' },
  { tenantId: 'globex', service: 'api', msg: 'globex export of 1.2M rows' },
  { service: 'api', msg: 'worker boot (no tenant)' },
  { tenantId: null, service: 'api', msg: 'null tenant' },
  { tenantId: 'acme', service: 'worker', msg: 'acme job done' },
];

/** A source that ignores the tenant filter (the raw chronicle endpoint) and remembers the queries. */
function leakySource(): LogSource<Line> & { queries: LogQuery[] } {
  const queries: LogQuery[] = [];
  return {
    queries,
    read(query) { queries.push(query); return lines.filter((l) => query.service === undefined || l.service === query.service); },
    async *tail() { yield* lines; },
  };
}

describe('createTenantLogReader', () => {
  it('gives a tenant only its own records, hiding unmarked ones, whatever the source returns', async () => {
    const source = leakySource();
    const reader = createTenantLogReader(source);
    const acme = await runWithTenant('acme', () => reader.read());
    expect(acme.map((l) => l.msg)).toEqual(['acme login', 'acme job done']);
    const globex = await runWithTenant('globex', () => reader.read({ service: 'api', tenantId: 'acme' }));
    expect(globex.map((l) => l.msg)).toEqual(['globex export of 1.2M rows']);
    // The caller's tenantId was overridden by the context before it reached the source.
    expect(source.queries[1]).toEqual({ service: 'api', tenantId: 'globex' });
  });

  it('applies the limit after the tenant filter and accepts async iterable sources', async () => {
    const reader = createTenantLogReader<Line>({ async *read() { yield* lines; } });
    const one = await runWithTenant('acme', () => reader.read({ limit: 1 }));
    expect(one.map((l) => l.msg)).toEqual(['acme login']);
    expect(await runWithTenant('initech', () => reader.read())).toEqual([]);
  });

  it('serves every record only to an explicit platform caller', async () => {
    setPlatformAuditHook(() => undefined);
    const reader = createTenantLogReader(leakySource());
    expect(await runAsPlatform('incident 7 review', () => reader.read())).toHaveLength(lines.length);
    await expect(reader.read()).rejects.toThrow(MissingTenantContextError);
    configureTenantContext({ mode: 'audit' });
    await expect(reader.read()).rejects.toThrow(MissingTenantContextError);
  });

  it('restricts raw tailing to platform: tenants (and context-free callers) get a 403 error', async () => {
    setPlatformAuditHook(() => undefined);
    const reader = createTenantLogReader(leakySource());
    let error: unknown;
    try { runWithTenant('acme', () => reader.tail({ service: 'api' })); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(TenantAccessForbiddenError);
    expect((error as TenantAccessForbiddenError).status).toBe(403);
    expect((error as TenantAccessForbiddenError).statusCode).toBe(403);
    expect(() => reader.tail()).toThrow(TenantAccessForbiddenError);
    configureTenantContext({ mode: 'audit' });
    expect(() => reader.tail()).toThrow(TenantAccessForbiddenError);
    configureTenantContext({ mode: 'strict' });
    const tailed: string[] = [];
    await runAsPlatform('live debugging', async () => { for await (const l of reader.tail()) tailed.push(l.msg); });
    expect(tailed).toHaveLength(lines.length);
  });

  it('supports a custom tenant marker location', async () => {
    const reader = createTenantLogReader<{ attributes: Record<string, string>; msg: string }>(
      { read: () => [{ attributes: { 'tenant.id': 'acme' }, msg: 'a' }, { attributes: { 'tenant.id': 'globex' }, msg: 'g' }] },
      { tenantOf: (r) => r.attributes['tenant.id'] },
    );
    expect((await runWithTenant('acme', () => reader.read())).map((r) => r.msg)).toEqual(['a']);
  });
});
