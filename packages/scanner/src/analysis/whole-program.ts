import { functionName, type LocalFinding } from '@tenant-audit/core';
import type { ProgramContext, FileUnit } from './context.js';
import { rawFinding, type RawFinding } from './raw-finding.js';
import { telemetryFindings } from './telemetry.js';

function toRaw(ctx: ProgramContext, unit: FileUnit, l: LocalFinding, message = l.message): RawFinding {
  const symbol = l.fn ? functionName(ctx.env.ts, l.fn) : undefined;
  return rawFinding(l.kind, l.node, unit.sf, unit.rel, message, symbol);
}

/** Every finding of the program: core's local findings refined by the whole-program passes. */
export function analyseProgram(ctx: ProgramContext): RawFinding[] {
  const out: RawFinding[] = [];
  const telemetry = telemetryFindings(ctx);
  for (const unit of ctx.files) {
    for (const l of unit.analysis.findings) {
      if (l.kind === 'untagged-telemetry') {
        if (l === telemetry.keep) out.push(toRaw(ctx, unit, l));
        continue;
      }
      out.push(toRaw(ctx, unit, l));
    }
  }
  return out;
}
