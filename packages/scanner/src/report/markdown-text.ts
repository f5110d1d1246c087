import { printable } from './printable.js';

/**
 * Plain text from the scanned code in Markdown: one line, controls visible, and no character that
 * Markdown or HTML would read as markup (code spans, emphasis, links and images, tags, table pipes,
 * headings), so a string literal cannot add a link, an image, a tag or a line to a pull-request comment.
 */
export function markdownText(text: string): string {
  const escaped = printable(text).replace(/[\\`*_[\]<>|#!~&]/g, (c) => `\\${c}`);
  // At the start of a list item, `- x`, `+ x` or `1. x` would open a nested list.
  return escaped.replace(/^([-+])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * An inline code span nothing inside can close: a backtick fence longer than any backtick run in the
 * text, padded with a space when the text starts or ends with a backtick (CommonMark strips one).
 * HTML and emphasis inside a code span are inert.
 */
export function markdownCode(text: string): string {
  const body = printable(text);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[`\s]|[`\s]$/.test(body) && body.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}
