/**
 * Stamps every span with its tenant when it starts, so traces that leave the process (Jaeger, Tempo,
 * a vendor) can be filtered per tenant and never sit unattributed in shared observability storage.
 * `@opentelemetry/sdk-trace-base` is an optional peer: only its types are imported here.
 */
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tryGetAccessScope } from '../context/store.js';
import { TENANT_ID_ATTRIBUTE, TENANT_PLATFORM_ATTRIBUTE } from './attributes.js';

export class TenantSpanProcessor implements SpanProcessor {
  /**
   * Spans start synchronously in the caller's async context, which is where the tenant lives.
   * tryGetAccessScope() never throws or reports: instrumentation must not change behaviour. A span
   * started outside any context stays unattributed, which TenantAttributeGuardExporter catches.
   */
  onStart(span: Span, _parentContext: Context): void {
    const scope = tryGetAccessScope();
    if (scope?.kind === 'tenant') span.setAttribute(TENANT_ID_ATTRIBUTE, scope.tenantId);
    else if (scope?.kind === 'platform') span.setAttribute(TENANT_PLATFORM_ATTRIBUTE, true);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
