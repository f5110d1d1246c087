/**
 * An exporter wrapper that is the last gate before spans leave the process: spans without tenant
 * attribution are dropped (default) or flagged with `tenant.missing=true`, and counted and reported
 * either way, so an uninstrumented code path shows up instead of leaking untagged traces.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { hasTenantAttribution, TENANT_MISSING_ATTRIBUTE } from './attributes.js';
import { auditWarningHook } from '../audit-warning.js';

export interface UntaggedSpansEvent {
  readonly type: 'untagged-spans';
  readonly action: 'dropped' | 'flagged';
  readonly count: number;
  /** Span names (not attributes, which may hold data) to locate the uninstrumented code. */
  readonly spanNames: string[];
}

export interface TenantAttributeGuardOptions {
  /** 'drop' (default) refuses untagged spans; 'flag' exports them marked `tenant.missing=true`. */
  mode?: 'drop' | 'flag';
  /** Called for every export batch that had untagged spans; default: a process warning. */
  onUntagged?: (event: UntaggedSpansEvent) => void;
}

export const UNTAGGED_SPANS_WARNING_CODE = 'TENANT_AUDIT_UNTAGGED_SPANS';

type ExportCallback = Parameters<SpanExporter['export']>[1];

/**
 * A copy of the span with one extra attribute. ReadableSpan is read-only by contract, so the original
 * is not mutated; the copy keeps the span's prototype so methods such as spanContext() still work.
 */
function withMissingFlag(span: ReadableSpan): ReadableSpan {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(span) as object) as object, span);
  Object.defineProperty(copy, 'attributes', { value: Object.freeze({ ...span.attributes, [TENANT_MISSING_ATTRIBUTE]: true }), enumerable: true });
  return copy as ReadableSpan;
}

export class TenantAttributeGuardExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #mode: 'drop' | 'flag';
  readonly #onUntagged: (event: UntaggedSpansEvent) => void;
  #untagged = 0;

  constructor(inner: SpanExporter, options: TenantAttributeGuardOptions = {}) {
    this.#inner = inner;
    this.#mode = options.mode ?? 'drop';
    this.#onUntagged = options.onUntagged ?? auditWarningHook(UNTAGGED_SPANS_WARNING_CODE);
  }

  /** Untagged spans seen since construction (dropped or flagged). */
  get untaggedCount(): number {
    return this.#untagged;
  }

  export(spans: ReadableSpan[], resultCallback: ExportCallback): void {
    const untagged = spans.filter((span) => !hasTenantAttribution(span.attributes));
    if (untagged.length > 0) {
      this.#untagged += untagged.length;
      this.#onUntagged({ type: 'untagged-spans', action: this.#mode === 'drop' ? 'dropped' : 'flagged', count: untagged.length, spanNames: untagged.map((s) => s.name) });
    }
    const outgoing = this.#mode === 'drop'
      ? spans.filter((span) => hasTenantAttribution(span.attributes))
      : spans.map((span) => (hasTenantAttribution(span.attributes) ? span : withMissingFlag(span)));
    // Nothing left to send: report success for the batch; the refusal was reported above.
    if (outgoing.length === 0) {
      resultCallback({ code: 0 });
      return;
    }
    this.#inner.export(outgoing, resultCallback);
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }
}
