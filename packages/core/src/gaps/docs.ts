import type { GapKind } from './kinds.js';

/** Where each gap kind's page lives: the repository of `package.json#repository`, folder `docs/gaps`. */
export const GAP_DOCS_BASE = 'https://github.com/tenant-audit/tenant-audit/blob/main/docs/gaps/';

/** The page that explains a kind and its fix in full, both with `@tenant-audit/runtime` and without it. */
export function gapDocsUrl(kind: GapKind): string {
  return `${GAP_DOCS_BASE}${kind}.md`;
}
