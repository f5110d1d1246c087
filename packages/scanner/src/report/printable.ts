/**
 * Text from the scanned code (file names, identifiers, string literals in messages and trace notes)
 * reaches terminals, CI logs and pull-request comments. A newline in a file name would start a line of
 * its own (in GitHub Actions a line `::error::…` is a workflow command), an ESC would drive the terminal,
 * and bidirectional controls would make code read differently from how it runs (Trojan Source).
 * These helpers show such characters as visible escapes instead of passing them through.
 */

// C0 controls but tab, newline and carriage return; DEL and C1 controls; line and paragraph
// separators; bidirectional marks, embeddings, overrides and isolates.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;
const LINE_BREAKS = /[\r\n]/g;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return `\\u{${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`;
}

/** Controls shown as `\u{001b}`; line breaks kept (for formats that escape them their own way). */
export function visibleControls(text: string): string {
  return text.replace(CONTROLS, escapeChar);
}

/** One line with every control visible: `a\nb` for a newline, `\u{202e}` for a bidi override. */
export function printable(text: string): string {
  return visibleControls(text).replace(LINE_BREAKS, escapeChar);
}
