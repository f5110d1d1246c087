/**
 * Splits SQL migration text into statements without executing or fully parsing it. Semicolons inside
 * string literals ('…', E'…'), quoted identifiers ("…"), dollar-quoted bodies ($$…$$, $fn$…$fn$) and
 * comments (-- …, nested /* … *\/) do not end a statement. Comments are blanked (replaced by spaces of
 * the same length) in `code`, so offsets stay those of the file and a commented-out
 * `ENABLE ROW LEVEL SECURITY` is not read as one.
 */

export interface SqlStatement {
  /** The statement with comments blanked, trimmed at neither end (offsets match `start`). */
  code: string;
  /** Offset of the first non-blank character in the source text. */
  start: number;
  /** Offset just past the statement (its `;`, or the end of the text). */
  end: number;
}

/** The tag of a dollar quote opening at `i` (`$$` → '', `$fn$` → 'fn'), or undefined. */
function dollarTag(text: string, i: number): string | undefined {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 66));
  if (!m) return undefined;
  // `$1` is a parameter, not a quote; an identifier character before `$` makes it part of a name.
  if (i > 0 && /[A-Za-z0-9_]/.test(text[i - 1] ?? '')) return undefined;
  return m[1] ?? '';
}

/** Comments replaced by spaces (newlines kept), everything else unchanged. */
export function blankSqlComments(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      let j = text.indexOf('\n', i);
      if (j === -1) j = text.length;
      blank(i, j);
      i = j;
    } else if (ch === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (text[j] === '*' && text[j + 1] === '/') {
          depth--;
          j += 2;
        } else {
          j++;
        }
      }
      blank(i, j);
      i = j;
    } else if (ch === "'") {
      // E'…' strings take backslash escapes; standard strings only the doubled quote.
      const escapes = i > 0 && /[eE]/.test(text[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[i - 2] ?? '');
      let j = i + 1;
      while (j < text.length) {
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') j += 2;
        else if (text[j] === '"') break;
        else j++;
      }
      i = j + 1;
    } else if (ch === '$') {
      i = afterDollarQuote(text, i);
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Where the dollar-quoted string starting at `i` ends (`$tag$ … $tag$`), or `i + 1` when `$` starts none (`$1`). */
function afterDollarQuote(text: string, i: number): number {
  const tag = dollarTag(text, i);
  if (tag === undefined) return i + 1;
  const delimiter = `$${tag}$`;
  const close = text.indexOf(delimiter, i + delimiter.length);
  return close === -1 ? text.length : close + delimiter.length;
}

/** The statements of `text`, in order; empty statements (`;;`, a trailing comment) are left out. */
export function splitSqlStatements(text: string): SqlStatement[] {
  const code = blankSqlComments(text);
  const statements: SqlStatement[] = [];
  let from = 0;
  const push = (to: number, end: number): void => {
    const slice = code.slice(from, to);
    const lead = slice.search(/\S/);
    if (lead !== -1) statements.push({ code: code.slice(from + lead, to), start: from + lead, end });
  };
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (ch === "'" || ch === '"') {
      const escapes = ch === "'" && i > 0 && /[eE]/.test(code[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(code[i - 2] ?? '');
      let j = i + 1;
      while (j < code.length) {
        if (escapes && code[j] === '\\') j += 2;
        else if (code[j] === ch && code[j + 1] === ch) j += 2;
        else if (code[j] === ch) break;
        else j++;
      }
      i = j + 1;
    } else if (ch === '$') {
      i = afterDollarQuote(code, i);
    } else if (ch === ';') {
      push(i, i + 1);
      from = i + 1;
      i++;
    } else {
      i++;
    }
  }
  push(code.length, code.length);
  return statements;
}

/** 1-based line and column of every offset of a text, computed once per text. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}
