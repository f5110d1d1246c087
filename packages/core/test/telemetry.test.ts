import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const tele = (code: string) => findings(code).filter((f) => f.kind === 'untagged-telemetry').map((f) => `${f.messageId}@${f.line}`);

describe('untagged-telemetry', () => {
  it('flags a provider without a tenant processor and spans without a tenant attribute', () => {
    expect(tele(`const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
export async function answer(q: string) { return tracer.startActiveSpan('rag.answer', async (span) => { span.end(); }); }`))
      .toEqual(['providerWithoutTenantProcessor@1', 'untaggedSpan@2']);
  });
  it('accepts a provider with a tenant processor, and spans tagged with the tenant', () => {
    expect(tele(`const provider = new NodeTracerProvider({ spanProcessors: [new TenantSpanProcessor(), new BatchSpanProcessor(exporter)] });`)).toEqual([]);
    expect(tele(`export async function a(tenantId: string) { return tracer.startActiveSpan('x', { attributes: { 'tenant.id': tenantId } }, (s) => s.end()); }
export function b(tenantId: string) { const span = tracer.startSpan('y'); span.setAttribute('tenant.id', tenantId); span.end(); }`)).toEqual([]);
  });
  it('accepts a custom SpanProcessor class that stamps the tenant', () => {
    expect(tele(`class TenantStamp implements SpanProcessor { onStart(span: Span) { span.setAttribute('tenant.id', getCurrentTenant().tenantId); } }
const provider = new BasicTracerProvider({ spanProcessors: [new TenantStamp()] });
export function c() { tracer.startSpan('z').end(); }`)).toEqual([]);
  });
});

describe('untagged-telemetry: spans that never leave the process', () => {
  it('accepts a provider whose only exporter is in memory (also through a local)', () => {
    expect(tele(`const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });`)).toEqual([]);
  });
  it('flags a provider that also exports over the network', () => {
    expect(tele(`const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter()), new BatchSpanProcessor(new OTLPTraceExporter())] });`))
      .toEqual(['providerWithoutTenantProcessor@1']);
  });
});
