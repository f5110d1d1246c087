/**
 * PostgreSQL names as the server reads them: unquoted identifiers fold to lower case, quoted ones
 * ("Docs", with "" for a quote) keep their spelling, and `schema.table` may mix both.
 */

export interface QualifiedName {
  /** The schema when written (`public.docs`), else undefined. */
  schema: string | undefined;
  name: string;
  /** Offset just past the name in the text it was read from. */
  end: number;
}

/** One identifier at `at` (after blanks), or undefined when none starts there. */
export function readIdentifier(text: string, at: number): { name: string; end: number } | undefined {
  let i = at;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  if (text[i] === '"') {
    let j = i + 1;
    let name = '';
    while (j < text.length) {
      if (text[j] === '"' && text[j + 1] === '"') {
        name += '"';
        j += 2;
      } else if (text[j] === '"') {
        return name.length > 0 ? { name, end: j + 1 } : undefined;
      } else {
        name += text[j];
        j++;
      }
    }
    return undefined;
  }
  const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(i));
  return m ? { name: m[0].toLowerCase(), end: i + m[0].length } : undefined;
}

/** `name`, `schema.name`, `db.schema.name` (the last two parts kept), each part quoted or not. */
export function readQualifiedName(text: string, at: number): QualifiedName | undefined {
  const parts: string[] = [];
  let end = at;
  let first = readIdentifier(text, at);
  while (first) {
    parts.push(first.name);
    end = first.end;
    const dot = /^\s*\.\s*/.exec(text.slice(end));
    if (!dot) break;
    first = readIdentifier(text, end + dot[0].length);
  }
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1] as string;
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name, end };
}

/** A comma-separated list of names (`DROP TABLE a, public.b`, `TO app, reporting`). */
export function readNameList(text: string, at: number): QualifiedName[] {
  const names: QualifiedName[] = [];
  let next = readQualifiedName(text, at);
  while (next) {
    names.push(next);
    const comma = /^\s*,\s*/.exec(text.slice(next.end));
    if (!comma) break;
    next = readQualifiedName(text, next.end + comma[0].length);
  }
  return names;
}

/** The text inside the parenthesis that opens at `open`, honouring quotes; undefined when unbalanced. */
export function parenthesised(text: string, open: number): { inner: string; end: number } | undefined {
  if (text[open] !== '(') return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === ch && text[j + 1] !== ch)) j += text[j] === ch ? 2 : 1;
      i = j;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
    }
  }
  return undefined;
}

/** Splits on commas at parenthesis depth 0, outside quotes. */
export function splitTopLevel(text: string, separator: RegExp = /,/y): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === ch && text[j + 1] !== ch)) j += text[j] === ch ? 2 : 1;
      i = j;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) {
      separator.lastIndex = i;
      const m = separator.exec(text);
      if (m && m.index === i) {
        parts.push(text.slice(from, i));
        from = i + m[0].length;
        i = from - 1;
      }
    }
  }
  parts.push(text.slice(from));
  return parts;
}
