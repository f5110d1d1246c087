/**
 * Recognises files no person wrote: minified bundles and generated code. Such a file costs the most
 * time of any input (one line of megabytes, thousands of functions) and holds no tenant logic a
 * reviewer could fix in place: the fix goes into its source. It is skipped with a notice instead.
 */

/** Bytes below which a file is never judged minified: a short one-liner is just a short file. */
const MINIFIED_MIN_BYTES = 8 * 1024;
/** Hand-written code averages well under 100 characters a line; minifiers emit thousands. */
const MINIFIED_MEAN_LINE = 400;

/** Bundler output, recognised by its first lines. */
const BUNDLE_HEADER = /^(?:\s*\/\*!|\s*\/\*{6}\/|[^\n]*\bwebpackBootstrap\b|\s*\(\(\)\s*=>\s*\{\s*\/\/\s*webpackBootstrap|\s*\/\/\s*modules are defined as an array|\s*parcelRequire\s*=)/;

/** The generated-file markers code generators write in their first comment (`@generated`, `DO NOT EDIT`). */
const GENERATED_MARKER = /^\s*(?:\/\/|\/\*|\*)[^\n]*(?:@generated\b|\bDO NOT EDIT\b|\bthis file (?:was|is|has been) (?:auto(?:matically)?[- ]?)?generated\b|\bauto-?generated file\b)/im;

/** Why the file at `path` with `text` is skipped as generated or minified, or undefined for source to analyse. */
export function generatedReason(path: string, text: string): string | undefined {
  if (/\.min\.[cm]?js$/i.test(path)) return 'minified file (*.min.js)';
  const head = text.slice(0, 2048);
  if (BUNDLE_HEADER.test(head)) return 'bundler output (bundle header)';
  // Only the header counts: a marker quoted deep inside hand-written code says nothing about the file.
  if (GENERATED_MARKER.test(leadingComments(head))) return 'generated file (header marks it generated)';
  if (text.length >= MINIFIED_MIN_BYTES) {
    const lines = countLines(text);
    const mean = Math.round(text.length / Math.max(1, lines));
    if (mean >= MINIFIED_MEAN_LINE) return lines <= 1 ? `minified code (one line of ${text.length} characters)` : `minified code (${lines} lines of ${mean} characters on average)`;
  }
  return undefined;
}

/** The comments (and blank lines) the file starts with, up to its first statement. */
function leadingComments(head: string): string {
  const match = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|#![^\n]*)*/.exec(head);
  return match?.[0] ?? '';
}

function countLines(text: string): number {
  // A final line break ends the last line; it does not start another.
  let lines = text.endsWith('\n') ? 0 : 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The `errors` entry for a skipped generated file. */
export function generatedMessage(reason: string): string {
  return `skipped as generated: ${reason}; scan the code it was generated from (or list the file in "ignore")`;
}
