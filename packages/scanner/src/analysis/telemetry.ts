import { providerHasTenantProcessor, type LocalFinding } from '@tenant-audit/core';
import type { ProgramContext } from './context.js';

/**
 * Telemetry is a whole-program property: one tenant span processor anywhere tags every span. With
 * one registered, all untagged-telemetry findings go; without, exactly one remains: the first tracer
 * provider lacking the processor (path order), or with no provider at all, the first untagged span.
 */
export function telemetryFindings(ctx: ProgramContext): { keep: LocalFinding | undefined; unit: string | undefined } {
  const { env, files } = ctx;
  const registered = files.some((f) => f.analysis.telemetry.registersTenantProcessor ||
    f.analysis.telemetry.providers.some((p) => providerHasTenantProcessor(p, env)));
  if (registered) return { keep: undefined, unit: undefined };
  for (const messageId of ['providerWithoutTenantProcessor', 'untaggedSpan']) {
    for (const f of files) {
      const hit = f.analysis.findings.find((l) => l.kind === 'untagged-telemetry' && l.messageId === messageId);
      if (hit) return { keep: hit, unit: f.path };
    }
  }
  return { keep: undefined, unit: undefined };
}
