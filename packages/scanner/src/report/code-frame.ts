import type { SourceLines } from './source.js';

export interface FrameLine {
  number: number;
  text: string;
  /** The flagged line. */
  marked: boolean;
}

/** The flagged line with one line of context each side, tabs expanded so the caret lines up. */
export function frameLines(source: SourceLines, file: string, line: number, context = 1): FrameLine[] {
  const lines = source(file);
  if (!lines) return [];
  const out: FrameLine[] = [];
  for (let n = Math.max(1, line - context); n <= Math.min(lines.length, line + context); n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    // Minified or generated code: a frame of a 5,000-character line helps nobody.
    out.push({ number: n, text: text.length > 160 ? `${text.slice(0, 157)}...` : text, marked: n === line });
  }
  return out;
}

/** Plain-text frame (`> 42 | code` plus a caret under the column), shared by pretty and markdown. */
export function plainFrame(source: SourceLines, file: string, line: number, column: number): string[] {
  const frame = frameLines(source, file, line);
  const width = String(frame.at(-1)?.number ?? line).length;
  const out: string[] = [];
  for (const l of frame) {
    out.push(`${l.marked ? '>' : ' '} ${String(l.number).padStart(width)} | ${l.text}`.trimEnd());
    if (l.marked) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out;
}
