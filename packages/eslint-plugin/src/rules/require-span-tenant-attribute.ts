import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { FINDING_MESSAGE } from '../util/message.js';
import { optionsSchema, type Options } from '../util/options.js';
import { programRegistersTenantProcessor } from '../util/program-telemetry.js';
import { runRule } from '../util/run.js';

export const name = 'require-span-tenant-attribute';

export default createRule<Options, 'providerWithoutTenantProcessor' | 'untaggedSpan' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Require tenant attribution on OpenTelemetry spans (a TenantSpanProcessor on the provider, or a tenant attribute per span)' },
    schema: optionsSchema,
    messages: {
      providerWithoutTenantProcessor: FINDING_MESSAGE,
      untaggedSpan: FINDING_MESSAGE,
      finding: FINDING_MESSAGE,
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { providerWithoutTenantProcessor: 'providerWithoutTenantProcessor', untaggedSpan: 'untaggedSpan' },
    fallback: 'finding',
    // Core flags a span only when its own file registers no processor; the provider usually lives
    // elsewhere. Without the whole program that is a guess, so by default the span is reported
    // only when type information shows no source file of the program registers one.
    keep: (finding, { program, options }) => {
      if (finding.messageId !== 'untaggedSpan') return true;
      if (options.checkSpans === 'always') return true;
      return program !== undefined && !programRegistersTenantProcessor(program);
    },
  }),
});
