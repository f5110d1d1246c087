import rule from '../src/rules/require-span-tenant-attribute.js';
import { run } from './rule-tester.js';

const always = [{ checkSpans: 'always' as const }] as const;

run('require-span-tenant-attribute', rule, {
  valid: [
    `export const provider = new NodeTracerProvider({ spanProcessors: [new TenantSpanProcessor(), new BatchSpanProcessor(exporter)] });`,
    // The file registers the tenant processor on the provider it makes.
    `const provider = new NodeTracerProvider();\nprovider.addSpanProcessor(new TenantSpanProcessor());\nexport default provider;`,
    // A processor declared here whose onStart stamps the tenant.
    `class StampTenant implements SpanProcessor { onStart(span: Span) { span.setAttribute('tenant.id', getCurrentTenant().tenantId); } onEnd() {} }\nexport const provider = new BasicTracerProvider({ spanProcessors: [new StampTenant()] });`,
    // Spans with the tenant attribute.
    { code: `export const run = () => tracer.startSpan('db.query', { attributes: { 'tenant.id': requireTenantId() } });`, options: always },
    { code: `export const run = () => tracer.startActiveSpan('rag.retrieve', (span) => { span.setAttribute('tenant.id', getCurrentTenant().tenantId); span.end(); });`, options: always },
    // Without type information the provider may live in another file: spans are not judged by default.
    `export const run = () => tracer.startSpan('db.query');`,
    `export const run = () => tracer.startActiveSpan('rag.retrieve', (span) => span.end());`,
    // A dynamic span name is not judged.
    { code: `export const run = (name: string) => tracer.startSpan(name);`, options: always },
    // Any …Tenant…Processor counts.
    `export const provider = new NodeTracerProvider({ spanProcessors: [new MyTenantAwareProcessor()] });`,
    // Not a tracer provider.
    `export const p = new Provider({ spanProcessors: [] });`,
    { code: `const provider = new NodeTracerProvider({ spanProcessors: [new TenantSpanProcessor()] });\nexport const run = () => tracer.startSpan('db.query');`, options: always },
  ],
  invalid: [
    { code: `export const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });`, errors: [{ messageId: 'providerWithoutTenantProcessor' }] },
    { code: `export const provider = new BasicTracerProvider();`, errors: [{ messageId: 'providerWithoutTenantProcessor' }] },
    { code: `export const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });`, errors: [{ messageId: 'providerWithoutTenantProcessor' }] },
    { code: `export const provider = new WebTracerProvider({});`, errors: [{ messageId: 'providerWithoutTenantProcessor' }] },
    // The provider is reported whatever checkSpans says.
    { code: `export const provider = new NodeTracerProvider();`, options: always, errors: [{ messageId: 'providerWithoutTenantProcessor' }] },
    // With checkSpans: 'always', each untagged span of a file without a processor.
    { code: `export const run = () => tracer.startActiveSpan('rag.retrieve', (span) => span.end());`, options: always, errors: [{ messageId: 'untaggedSpan' }] },
    { code: `export const run = () => tracer.startSpan('db.query', { attributes: { 'db.system': 'postgresql' } });`, options: always, errors: [{ messageId: 'untaggedSpan' }] },
    { code: `export async function ask(q: string) { const span = tracer.startSpan('llm.call'); span.setAttribute('q', q); span.end(); }`, options: always, errors: [{ messageId: 'untaggedSpan' }] },
    { code: `export const a = () => tracer.startSpan('a');\nexport const b = () => tracer.startSpan('b');`, options: always, errors: [{ messageId: 'untaggedSpan', line: 1 }, { messageId: 'untaggedSpan', line: 2 }] },
    { code: `export const run = () => trace.getTracer('api').startSpan('http.handle');`, options: always, errors: [{ messageId: 'untaggedSpan' }] },
    {
      code: `export const provider = new NodeTracerProvider();\nexport const run = () => tracer.startSpan('job');`,
      options: always,
      errors: [{ messageId: 'providerWithoutTenantProcessor', line: 1 }, { messageId: 'untaggedSpan', line: 2 }],
    },
  ],
});
