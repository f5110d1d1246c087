/** Lone surrogates (which no URI encoder accepts) as U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A relative path as a SARIF `artifactLocation.uri` (a URI reference): each segment percent-encoded,
 * so `#`, `?`, `%` or a `:` in a file name stay part of the path instead of starting a fragment, a
 * query or a scheme.
 */
export function relativeUri(path: string): string {
  return wellFormed(path).split('/').map((segment) => encodeURIComponent(segment)).join('/');
}
