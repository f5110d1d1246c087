import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { fileFacts, importsRuntime, type TypeScriptModule } from '@tenant-audit/core';

const tsModule = ts as unknown as TypeScriptModule;
const RUNTIME = '@tenant-audit/runtime';
const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Per folder: whether the nearest package.json declares the runtime (an editor lints the same folders over and over). */
const byDir = new Map<string, boolean>();

function declaresRuntime(file: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
    return DEPENDENCY_KEYS.some((key) => {
      const deps = pkg[key];
      return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, RUNTIME);
    });
  } catch {
    // An unreadable package.json says nothing about the runtime; the lint goes on with plain advice.
    return false;
  }
}

/** The nearest package.json above `dir` (not past a `.git` folder) lists `@tenant-audit/runtime`. */
function projectDeclaresRuntime(dir: string): boolean {
  const hit = byDir.get(dir);
  if (hit !== undefined) return hit;
  const file = join(dir, 'package.json');
  const parent = dirname(dir);
  const answer = existsSync(file) ? declaresRuntime(file) : parent === dir || existsSync(join(dir, '.git')) ? false : projectDeclaresRuntime(parent);
  byDir.set(dir, answer);
  return answer;
}

/**
 * Whether advice may name `@tenant-audit/runtime`'s APIs: the linted file imports it, or its project
 * depends on it. One file cannot see the whole code base; its package.json speaks for it.
 */
export function usesRuntime(sourceFile: ts.SourceFile, filename: string | undefined): boolean {
  if (importsRuntime(fileFacts(tsModule, sourceFile as never))) return true;
  return filename !== undefined && projectDeclaresRuntime(dirname(filename));
}
