import { RULE_KINDS } from '@tenant-audit/core';
import { createRule } from '../util/create-rule.js';
import { optionsSchema, type Options } from '../util/options.js';
import { runRule } from '../util/run.js';

export const name = 'no-fail-open-tenant-check';

export default createRule<Options, 'failOpenCheck' | 'finding'>({
  name,
  meta: {
    type: 'problem',
    docs: { description: 'Disallow tenant checks that pass when the record has no tenant marker' },
    schema: optionsSchema,
    messages: {
      failOpenCheck:
        '[{{kind}}] {{message}}. Records written without the marker (old code paths, migrations, other services) pass for every tenant. ' +
        'Compare strictly so a missing marker fails; createScopedRetriever and createTenantLogReader already drop unmarked items.',
      finding: '[{{kind}}] {{message}}.',
    },
  },
  defaultOptions: [{}],
  create: (context) => runRule(context, {
    kinds: RULE_KINDS[name],
    messageIds: { failOpenCheck: 'failOpenCheck' },
    fallback: 'finding',
  }),
});
