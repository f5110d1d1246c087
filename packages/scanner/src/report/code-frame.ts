import { printable } from './printable.js';
import type { SourceLines } from './source.js';

export interface FrameLine {
  number: number;
  /** As shown: tabs expanded, controls visible (see printable.ts), long lines cut. */
  text: string;
  /** The flagged line. */
  marked: boolean;
}

/** How a source line is shown: tabs expanded so the caret lines up, controls made visible. */
function shown(line: string): string {
  return printable(line.replace(/\t/g, '  '));
}

/** The flagged line with one line of context each side. */
export function frameLines(source: SourceLines, file: string, line: number, context = 1): FrameLine[] {
  const lines = source(file);
  if (!lines) return [];
  const out: FrameLine[] = [];
  for (let n = Math.max(1, line - context); n <= Math.min(lines.length, line + context); n++) {
    const text = shown(lines[n - 1] ?? '');
    // Minified or generated code: a frame of a 5,000-character line helps nobody.
    out.push({ number: n, text: text.length > 160 ? `${text.slice(0, 157)}...` : text, marked: n === line });
  }
  return out;
}

/** Where the caret goes under a shown line: the shown width of the text before the 1-based column. */
export function caretOffset(source: SourceLines, file: string, line: number, column: number): number {
  const raw = source(file)?.[line - 1] ?? '';
  return shown(raw.slice(0, Math.max(0, column - 1))).length;
}

/** Plain-text frame (`> 42 | code` plus a caret under the column), shared by pretty and markdown. */
export function plainFrame(source: SourceLines, file: string, line: number, column: number): string[] {
  const frame = frameLines(source, file, line);
  const width = String(frame.at(-1)?.number ?? line).length;
  const out: string[] = [];
  for (const l of frame) {
    out.push(`${l.marked ? '>' : ' '} ${String(l.number).padStart(width)} | ${l.text}`.trimEnd());
    if (l.marked) out.push(`  ${' '.repeat(width)} | ${' '.repeat(caretOffset(source, file, line, column))}^`);
  }
  return out;
}
