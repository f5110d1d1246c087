/**
 * Reading object literals in source text without parsing it: the model readers run on schema and
 * model files of every language the scanner meets, so they work on text, level by level.
 */

/** Keys of an object literal body (first level only, good enough for column maps). */
export function objectKeys(body: string): string[] {
  return objectEntries(body).map((e) => e.key);
}

/** `key: value` pairs of an object literal body, first level only; spreads and methods are skipped. */
export function objectEntries(body: string): { key: string; value: string }[] {
  const entries: { key: string; value: string }[] = [];
  let depth = 0;
  let token = '';
  let key: string | undefined;
  let value = '';
  const close = (): void => {
    if (key !== undefined) entries.push({ key, value: value.trim() });
    key = undefined;
    value = '';
    token = '';
  };
  for (const ch of body) {
    if (depth === 0 && ch === ',') {
      close();
      continue;
    }
    if (depth === 0 && ch === ':' && key === undefined) {
      const k = /["']?(\w+)["']?\s*$/.exec(token)?.[1];
      if (k) key = k;
      else token = '';
      continue;
    }
    if ('{[('.includes(ch)) depth++;
    else if ('}])'.includes(ch)) depth--;
    if (key === undefined) token += ch;
    else value += ch;
  }
  close();
  return entries;
}

/** The body of `{ … }` when `value` is an object literal, else undefined. */
export function objectBody(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v?.startsWith('{') && v.endsWith('}') ? v.slice(1, -1) : undefined;
}

/** The text of a quoted string value (`'flow'`, `"flow"`, `` `flow` ``), else undefined. */
export function stringValue(value: string | undefined): string | undefined {
  return /^\s*['"`]([\w.-]+)['"`]\s*$/.exec(value ?? '')?.[1];
}

/** The value of `key` in an object literal body, first level only. */
export function entryValue(body: string | undefined, key: string): string | undefined {
  return body === undefined ? undefined : objectEntries(body).find((e) => e.key === key)?.value;
}
