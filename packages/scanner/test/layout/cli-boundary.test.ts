import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The CLI sits on top of the engine and the reporters: it selects, formats and picks the exit code. Nothing
 * below it may reach back into `src/cli/` (shared types and errors live in neutral modules), so the engine
 * and reporters stay usable without the CLI. The bin entry `src/cli.ts` is the one file that wires it up.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const CLI = join(SRC, 'cli');
const ALLOWED = new Set([join(SRC, 'cli.ts')]);

/** Relative module specifiers of every `import … from`, `export … from` and `import(…)` in a source text. */
export function importSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function reachesIntoCli(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(file), specifier);
  return target === CLI || target.startsWith(CLI + sep);
}

describe('the cli/ boundary', () => {
  it('no file outside src/cli/ imports from it (only the bin entry wires it)', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.startsWith(CLI + sep) && !ALLOWED.has(file))
      .flatMap((file) =>
        importSpecifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => reachesIntoCli(file, specifier))
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan sees every import form, so a reach into cli/ cannot hide', () => {
    const text = [
      "import { a } from '../cli/a.js';",
      "import type { B } from \"../cli/b.js\";",
      "export { c } from '../cli/c.js';",
      "const d = await import('../cli/d.js');",
      "import '../cli/e.js';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../cli/a.js', '../cli/b.js', '../cli/c.js', '../cli/d.js', '../cli/e.js']);
    expect(reachesIntoCli(join(SRC, 'report', 'x.ts'), '../cli/a.js')).toBe(true);
    expect(reachesIntoCli(join(SRC, 'report', 'x.ts'), '../client/a.js')).toBe(false);
    expect(reachesIntoCli(join(SRC, 'report', 'x.ts'), './types.js')).toBe(false);
  });
});
