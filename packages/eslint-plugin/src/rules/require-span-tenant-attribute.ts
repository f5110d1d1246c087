import { RULE_KINDS } from '@tenant-audit/core';
import { findingRule } from '../util/finding-rule.js';
import { programRegistersTenantProcessor } from '../util/program-telemetry.js';

export const name = 'require-span-tenant-attribute';

export default findingRule({
  name,
  kinds: RULE_KINDS[name],
  description: 'Require tenant attribution on OpenTelemetry spans (a TenantSpanProcessor on the provider, or a tenant attribute per span)',
  shapes: ['providerWithoutTenantProcessor', 'untaggedSpan'],
  // Core flags a span only when its own file registers no processor; the provider usually lives
  // elsewhere. Without the whole program that is a guess, so by default the span is reported
  // only when type information shows no source file of the program registers one.
  keep: (finding, { program, options }) => {
    if (finding.messageId !== 'untaggedSpan') return true;
    if (options.checkSpans === 'always') return true;
    return program !== undefined && !programRegistersTenantProcessor(program);
  },
});
