import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads a finding's file (relative to the root) once, split into lines; undefined if unreadable. */
export type SourceLines = (file: string) => readonly string[] | undefined;

export function sourceLinesFrom(root: string): SourceLines {
  const cache = new Map<string, readonly string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let lines: readonly string[] | undefined;
      try {
        const split = readFileSync(resolve(root, file), 'utf8').split(/\r?\n/);
        // The newline that ends the file is not an extra empty line of code.
        if (split.length > 1 && split.at(-1) === '') split.pop();
        lines = split;
      } catch {
        // A file deleted after the scan, or outside the root: the report goes on without a frame.
        lines = undefined;
      }
      cache.set(file, lines);
    }
    return cache.get(file);
  };
}
