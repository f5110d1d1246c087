import { resolve } from 'node:path';
import type { ScanBoundary } from '../program/boundary.js';
import { readText } from '../program/read.js';

/** Reads a finding's file (relative to the root) once, split into lines; undefined if unreadable. */
export type SourceLines = (file: string) => readonly string[] | undefined;

/** Lines of files inside the boundary only: a report never quotes what lies behind a link out of it. */
export function sourceLinesFrom(root: string, boundary: Pick<ScanBoundary, 'contains'>): SourceLines {
  const cache = new Map<string, readonly string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      // Decoded as the scan decoded it (UTF-16, BOMs), so a frame shows the lines the finding points at.
      const path = resolve(root, file);
      const read = boundary.contains(path) ? readText(path) : undefined;
      let lines: readonly string[] | undefined;
      if (read?.ok) {
        const split = read.text.split(/\r?\n/);
        // The newline that ends the file is not an extra empty line of code.
        if (split.length > 1 && split.at(-1) === '') split.pop();
        lines = split;
      }
      // Otherwise a file deleted after the scan, or outside: the report goes on without a frame.
      cache.set(file, lines);
    }
    return cache.get(file);
  };
}
