/**
 * Every report reads `[kind] what is wrong; the short fix.`, at most 160 characters (core fits the
 * summary): users grep for the kind, editors show one line, and the long advice is the rule's docs
 * page (`meta.docs.url`) and the gap kind's page it links to.
 */
export const FINDING_MESSAGE = '[{{kind}}] {{message}}.';
