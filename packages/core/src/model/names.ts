/**
 * One spelling for a model across its names: Prisma model `Document`, delegate `prisma.document`,
 * table `documents`, Drizzle variable `documentsTable`, entity `DocumentEntity`. Lower-case,
 * separators dropped, a plural `s` dropped, and a `table` / `model` / `entity` / `schema` /
 * `repository` / `repo` suffix removed where it is a word of its own (`documentEntity`,
 * `documents_table`), never inside a word (`identity` is not `id`).
 *
 * A `collection` suffix is kept: `TeamCollection` is a model of its own, not the team. A name that
 * only stands for a Mongo collection (`usersCollection`) is matched by `collectionFallback` when no
 * model carries the full name.
 */
export function normalizeModelName(name: string): string {
  const words = name.replace(/(?:table|model|entity|schema|repository|repo)$/i, (suffix: string, at: number) =>
    at > 0 && isWordStart(name, at, suffix) ? '' : suffix);
  return singular(words.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || name.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
}

/** `documentEntity` (camel case) or `document_entity` / `document-entity` (separator): the suffix is a word. */
function isWordStart(name: string, at: number, suffix: string): boolean {
  const before = name[at - 1] ?? '';
  if (/[^A-Za-z0-9]/.test(before)) return true;
  // An upper-case initial after a lower-case letter or digit (`documentEntity`, `Doc2Table`); an
  // all-caps name (`DOCUMENT_TABLE`) has its separator.
  return /[A-Z]/.test(suffix[0] ?? '') && /[a-z0-9]/.test(before);
}

function singular(n: string): string {
  if (n.endsWith('ies') && n.length > 4) return `${n.slice(0, -3)}y`;
  if (n.endsWith('sses')) return n.slice(0, -2);
  if (n.endsWith('s') && !n.endsWith('ss') && n.length > 3) return n.slice(0, -1);
  return n;
}

/**
 * The model a Mongo-collection name stands for (`usersCollection` → `user`), used only when no model
 * is declared under the full name: a declared `TeamCollection` keeps its own name.
 */
export function collectionFallback(normalized: string): string | undefined {
  const stripped = normalized.replace(/collection$/, '');
  return stripped && stripped !== normalized ? singular(stripped) : undefined;
}

/** snake_case, camelCase and PascalCase spellings of a field compare equal. */
export function normalizeFieldName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** Text between the bracket at `openIndex` and its partner (exclusive), or undefined if unbalanced. */
export function balancedBody(text: string, openIndex: number, open = '{', close = '}'): string | undefined {
  let depth = 0;
  for (let i = openIndex; i < text.length; i++) {
    const ch = text[i];
    if (ch === open) depth++;
    else if (ch === close) {
      depth--;
      if (depth === 0) return text.slice(openIndex + 1, i);
    }
  }
  return undefined;
}
