/** Just enough markdown reading for the docs tests: sections by heading, and pipe tables. */

/** The text under `heading` (a whole heading line, e.g. `## Rules`), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the first pipe table in `text`, header row included, each split into trimmed cells. */
export function tableRows(text: string): string[][] {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) throw new Error('no table');
  const rows: string[][] = [];
  for (let i = first; i < lines.length && lines[i]!.startsWith('|'); i++) {
    if (/^\|( *-+ *\|)+$/.test(lines[i]!.trim())) continue;
    rows.push(lines[i]!.trim().replace(/^\||\|$/g, '').split(' | ').map((c) => c.trim()));
  }
  return rows;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

/** Every `code span` in the text. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}
