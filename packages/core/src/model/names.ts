/**
 * One spelling for a model across its names: Prisma model `Document`, delegate `prisma.document`,
 * table `documents`, Drizzle variable `documentsTable`. Lower-case, separators dropped, a plural `s`
 * dropped, and a trailing `table` / `model` / `entity` / `schema` suffix removed.
 */
export function normalizeModelName(name: string): string {
  let n = name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  n = n.replace(/(table|model|entity|schema|collection|repository|repo)$/, '') || n;
  if (n.endsWith('ies') && n.length > 4) return `${n.slice(0, -3)}y`;
  if (n.endsWith('sses')) return n.slice(0, -2);
  if (n.endsWith('s') && !n.endsWith('ss') && n.length > 3) return n.slice(0, -1);
  return n;
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
