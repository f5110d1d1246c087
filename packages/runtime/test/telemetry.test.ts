import { Writable } from 'node:stream';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runAsPlatform, runWithTenant, setPlatformAuditHook } from '../src/context/index.js';
import { TenantAttributeGuardExporter, TenantSpanProcessor, tenantLogMixin } from '../src/telemetry/index.js';
import type { UntaggedSpansEvent } from '../src/telemetry/index.js';

afterEach(() => setPlatformAuditHook(undefined));

function setup(options: ConstructorParameters<typeof TenantAttributeGuardExporter>[1] = {}) {
  const memory = new InMemorySpanExporter();
  const guard = new TenantAttributeGuardExporter(memory, options);
  const provider = new BasicTracerProvider({ spanProcessors: [new TenantSpanProcessor(), new SimpleSpanProcessor(guard)] });
  return { memory, guard, provider, tracer: provider.getTracer('tenant-audit-test') };
}

describe('TenantSpanProcessor', () => {
  it('stamps tenant.id from the context on every span, across concurrent tenants and awaits', async () => {
    const { memory, provider, tracer } = setup({ onUntagged: () => undefined });
    await Promise.all(['acme', 'globex', 'initech'].map((tenant) =>
      runWithTenant(tenant, async () => {
        for (let i = 0; i < 5; i++) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          tracer.startSpan(`${tenant}-op-${i}`).end();
        }
      })));
    await provider.forceFlush();
    const spans = memory.getFinishedSpans();
    expect(spans).toHaveLength(15);
    for (const span of spans) expect(span.attributes['tenant.id']).toBe(span.name.split('-op-')[0]);
  });

  it('marks platform spans with tenant.platform=true and no tenant id', async () => {
    setPlatformAuditHook(() => undefined);
    const { memory, provider, tracer } = setup();
    runAsPlatform('reindex all tenants', () => tracer.startSpan('reindex').end());
    await provider.forceFlush();
    const [span] = memory.getFinishedSpans();
    expect(span?.attributes['tenant.platform']).toBe(true);
    expect(span?.attributes['tenant.id']).toBeUndefined();
  });
});

describe('TenantAttributeGuardExporter', () => {
  it('drops spans without tenant attribution and reports them (default mode)', async () => {
    const events: UntaggedSpansEvent[] = [];
    const { memory, guard, provider, tracer } = setup({ onUntagged: (e) => events.push(e) });
    tracer.startSpan('background-job-without-context').end();
    runWithTenant('acme', () => tracer.startSpan('tagged').end());
    await provider.forceFlush();
    expect(memory.getFinishedSpans().map((s) => s.name)).toEqual(['tagged']);
    expect(guard.untaggedCount).toBe(1);
    expect(events).toEqual([{ type: 'untagged-spans', action: 'dropped', count: 1, spanNames: ['background-job-without-context'] }]);
  });

  it('in flag mode exports untagged spans marked tenant.missing=true without mutating the original', async () => {
    const events: UntaggedSpansEvent[] = [];
    const { memory, guard, provider, tracer } = setup({ mode: 'flag', onUntagged: (e) => events.push(e) });
    const span = tracer.startSpan('untagged', { attributes: { 'http.route': '/x' } });
    span.end();
    await provider.forceFlush();
    const [exported] = memory.getFinishedSpans();
    expect(exported?.attributes).toEqual({ 'http.route': '/x', 'tenant.missing': true });
    expect(exported?.spanContext().spanId).toBe(span.spanContext().spanId);
    expect((span as unknown as { attributes: Record<string, unknown> }).attributes['tenant.missing']).toBeUndefined();
    expect(guard.untaggedCount).toBe(1);
    expect(events[0]?.action).toBe('flagged');
  });
});

describe('tenantLogMixin', () => {
  it('adds tenantId to every pino record written inside a tenant context', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
    const logger = pino({ mixin: tenantLogMixin() }, sink);
    await Promise.all([
      runWithTenant('acme', async () => { await Promise.resolve(); logger.info('acme event'); }),
      runWithTenant('globex', async () => { logger.info('globex event'); }),
    ]);
    setPlatformAuditHook(() => undefined);
    runAsPlatform('ops', () => logger.info('platform event'));
    logger.info('no context');
    await new Promise((resolve) => setImmediate(resolve));
    const byMsg = Object.fromEntries(lines.map((l) => [l.msg, l]));
    expect(byMsg['acme event']?.tenantId).toBe('acme');
    expect(byMsg['globex event']?.tenantId).toBe('globex');
    expect(byMsg['platform event']?.tenantPlatform).toBe(true);
    expect(byMsg['platform event']?.tenantId).toBeUndefined();
    expect(byMsg['no context']?.tenantId).toBeUndefined();
    expect(lines).toHaveLength(4);
  });
});
