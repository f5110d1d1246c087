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
        lines = readFileSync(resolve(root, file), 'utf8').split(/\r?\n/);
      } catch {
        // A file deleted after the scan, or outside the root: the report goes on without a frame.
        lines = undefined;
      }
      cache.set(file, lines);
    }
    return cache.get(file);
  };
}
