import { ts, type TS } from '../compiler.js';
import { readText } from './read.js';
import { resolveSpecifier, type PathMapping } from './resolve-module.js';

/**
 * For `--changed` / `--staged`: the changed files plus every file they import, transitively (relative
 * imports only). Callers of the changed files are NOT loaded: that keeps an incremental scan
 * proportional to the change, at the price that traces may stop at the changed file and a finding that
 * a caller would have excused (checked after load, scoped runner) is reported. Fail loud, not silent.
 */
export function importClosure(start: readonly string[], known: ReadonlySet<string>, mappingFor: (file: string) => PathMapping | undefined = () => undefined,
  packages?: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  const queue = start.filter((f) => known.has(f));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (out.has(file)) continue;
    out.add(file);
    const read = readText(file);
    if (!read.ok) continue;
    const info = ts.preProcessFile(read.text, true, true);
    for (const ref of info.importedFiles) {
      const target = resolveSpecifier(file, ref.fileName, known, mappingFor(file), packages);
      if (target && !out.has(target)) queue.push(target);
    }
  }
  return out;
}
