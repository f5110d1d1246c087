/**
 * What `tenant-audit init` reads: the same files a scan would (the walk's ignores, `.gitignore`,
 * symlink boundary, test folders left out), but as plain text. Init never loads the TypeScript
 * program: every fact it needs (dependencies, imports, schema and model definitions, getter names)
 * reads from the text, so it takes seconds on a code base a scan needs minutes for.
 */
import { readFileSync } from 'node:fs';
import { readersFor, TEST_FILE_GLOBS, type SourceText } from '@tenant-audit/core';
import { dependencySchemaTexts } from '../program/dependency-schemas.js';
import { scanBoundary } from '../program/boundary.js';
import { relativePosix, resolveTargets } from '../program/paths.js';
import { readText } from '../program/read.js';
import { walkTargets } from '../program/walk.js';
import { dependencyNames, importedPackages, type ManifestDeps } from './stack.js';

export interface InitInputs {
  root: string;
  /** Source files with their text (relative paths). */
  sources: SourceText[];
  /** Schema and model files for the data model: `.prisma`, `.sql`, and sources a model reader applies to. */
  modelFiles: SourceText[];
  /** Schema files of workspace packages the code depends on (outside the root). */
  dependencyModelFiles: SourceText[];
  manifests: ManifestDeps[];
  /** Package name → number of source files importing it. */
  imports: Map<string, number>;
}

function readManifest(path: string, rel: string): ManifestDeps | undefined {
  try {
    return { file: rel, names: dependencyNames(JSON.parse(readFileSync(path, 'utf8'))) };
  } catch {
    return undefined; // a broken package.json says nothing about the stack; the scan reports it
  }
}

export function readInitInputs(root: string): InitInputs {
  const boundary = scanBoundary(root, false);
  const walked = walkTargets(resolveTargets([root], root), { root, boundary, ignoreGlobs: [...TEST_FILE_GLOBS] });
  const rel = (p: string): string => relativePosix(root, p) || '.';
  const sources: SourceText[] = [];
  const imports = new Map<string, number>();
  for (const path of walked.sources) {
    const read = readText(path);
    if (!read.ok) continue;
    sources.push({ path: rel(path), text: read.text });
    for (const pkg of importedPackages(read.text)) imports.set(pkg, (imports.get(pkg) ?? 0) + 1);
  }
  const schemas: SourceText[] = [];
  for (const path of walked.schemas) {
    const read = readText(path);
    if (read.ok) schemas.push({ path: rel(path), text: read.text });
  }
  const manifests = walked.packageJsons.flatMap((p) => readManifest(p, rel(p)) ?? []);
  return {
    root,
    sources,
    modelFiles: [...schemas, ...sources.filter((s) => readersFor(s).length > 0)],
    dependencyModelFiles: dependencySchemaTexts(root, [], rel),
    manifests,
    imports,
  };
}
