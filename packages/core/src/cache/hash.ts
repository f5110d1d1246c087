import { createHash } from 'node:crypto';

/** The hash a cache keys a text by (hex SHA-256): equal texts, equal hashes, whatever the file's path or time. */
export function contentHash(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A hash of a value's content, the same for equal values built in another order: object keys are
 * sorted, a Set is its sorted members, a Map its sorted entries, a class instance its own fields.
 * Functions are left out (they are behaviour, which the tool version covers).
 */
export function stableHash(value: unknown): string {
  return contentHash(stableText(value));
}

function stableText(value: unknown, seen: Set<object> = new Set()): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? 'f' : JSON.stringify(value) ?? 'u';
  if (seen.has(value)) return 'cycle';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => stableText(v, seen)).join(',')}]`;
    if (value instanceof Set) return `set[${[...value].map((v) => stableText(v, seen)).sort().join(',')}]`;
    if (value instanceof Map) return `map[${[...value].map(([k, v]) => `${stableText(k, seen)}=${stableText(v, seen)}`).sort().join(',')}]`;
    if (value instanceof RegExp) return `re${JSON.stringify(String(value))}`;
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableText((value as Record<string, unknown>)[k], seen)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
