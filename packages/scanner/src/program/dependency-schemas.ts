import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readersFor, type SourceText } from '@tenant-audit/core';
import { readText } from './read.js';
import type { TsconfigInfo } from './tsconfig.js';

/** Folders that never hold a package's own schema: dependencies, build output, tests. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '__tests__', '__mocks__', 'test', 'tests', 'e2e']);
const MAX_PACKAGES = 60;
const MAX_FILES_PER_PACKAGE = 5000;
const MAX_WALK_ENTRIES = 50_000;
const MAX_CLIMB = 8;
const MAX_BYTES = 2_000_000;

interface PackageJson {
  name?: unknown;
  workspaces?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackageJson(dir: string): PackageJson | undefined {
  const read = readText(join(dir, 'package.json'));
  if (!read.ok) return undefined;
  try {
    const parsed = JSON.parse(read.text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

function inside(dir: string, file: string): boolean {
  const r = relative(dir, file);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && r !== '..');
}

/**
 * The nearest folder at or above `start` with a package.json, at most `levels` up and not past a
 * repository root. The scan root's own package is looked for close by only (`apps/web/src` →
 * `apps/web`): a folder deep inside a package (a test fixture) is not that package's app.
 */
function packageDirOf(start: string, stop: string | undefined, levels = MAX_CLIMB * 2): string | undefined {
  let dir = start;
  for (let i = 0; i <= levels; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === stop || existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
  return undefined;
}

/** The nearest folder above the app that declares a workspace (pnpm-workspace.yaml, package.json#workspaces, lerna.json). */
function workspaceRootOf(appDir: string): string | undefined {
  let dir = appDir;
  for (let i = 0; i < MAX_CLIMB; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, 'lerna.json')) || readPackageJson(dir)?.workspaces !== undefined) return dir;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
  return undefined;
}

/** Visits the folders below `root` (to `maxDepth`, build output and dot folders skipped) until `visit` returns false. */
function walkFolders(root: string, maxDepth: number, visit: (dir: string, entries: Dirent[]) => boolean): void {
  const go = (dir: string, depth: number): boolean => {
    if (depth > maxDepth) return true;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    if (!visit(dir, entries)) return false;
    for (const e of entries) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.') && !go(join(dir, e.name), depth + 1)) return false;
    }
    return true;
  };
  go(root, 0);
}

/** Package name → folder for every package.json below the workspace root (bounded, node_modules never walked). */
function workspacePackageDirs(root: string): Map<string, string> {
  const out = new Map<string, string>();
  let seen = 0;
  walkFolders(root, 5, (dir, entries) => {
    if (entries.some((e) => e.isFile() && e.name === 'package.json')) {
      const name = readPackageJson(dir)?.name;
      if (typeof name === 'string' && name && !out.has(name)) out.set(name, dir);
    }
    seen += entries.length;
    return seen <= MAX_WALK_ENTRIES;
  });
  return out;
}

function dependencyNames(pkg: PackageJson | undefined, withDev: boolean): string[] {
  if (!pkg) return [];
  const lists = [pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies, ...(withDev ? [pkg.devDependencies] : [])];
  return lists.flatMap((l) => (l && typeof l === 'object' ? Object.keys(l) : []));
}

/** Folders tsconfig `paths` of the scanned code point at outside the scan root (`"@acme/db": ["../../packages/db/src"]`). */
function aliasTargets(tsconfigs: readonly TsconfigInfo[]): string[] {
  const out: string[] = [];
  for (const c of tsconfigs) {
    const o = c.options as { paths?: Record<string, string[]>; baseUrl?: string; pathsBasePath?: string };
    const base = o.baseUrl ?? o.pathsBasePath ?? dirname(c.path);
    for (const targets of Object.values(o.paths ?? {})) {
      for (const t of targets) {
        // `../../packages/db/src/*` → the folder before the wildcard.
        out.push(resolve(base, (t.split('*')[0] as string) || '.'));
      }
    }
  }
  return out;
}

/** Schema files (Prisma, SQL migrations) and model definitions (Drizzle tables, TypeORM entities…) under a package folder. */
function schemaFilesUnder(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  let files = 0;
  walkFolders(dir, 8, (d, entries) => {
    for (const e of entries) {
      if (!e.isFile() || ++files > MAX_FILES_PER_PACKAGE) continue;
      const path = join(d, e.name);
      const schema = e.name.endsWith('.prisma') || (e.name.endsWith('.sql') && /migrat|schema|sql|db/i.test(path));
      const source = /\.[cm]?[jt]sx?$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !/\.(test|spec)\./.test(e.name);
      if (!schema && !source) continue;
      try {
        if (statSync(path).size > MAX_BYTES) continue;
      } catch {
        continue;
      }
      const read = readText(path);
      if (!read.ok) continue;
      // Sources count only when a model reader applies (a table, an entity, a model definition).
      if (source && readersFor({ path, text: read.text }).length === 0) continue;
      found.push({ path, text: read.text });
    }
    return files <= MAX_FILES_PER_PACKAGE;
  });
  return found;
}

/**
 * The data model of a monorepo app lives in the workspace packages it depends on (`@acme/db` with
 * its schema.prisma, Drizzle tables or migrations), outside the scanned folder. Those packages are
 * found from the app's package.json dependencies (resolved to packages of the same workspace,
 * transitively through their own dependencies) and from tsconfig `paths` that point outside the
 * scan root. Only their schema and model files are read, for the data model: they are not scanned for
 * findings. Sibling apps the app does not depend on are not read.
 */
export function dependencySchemaTexts(root: string, tsconfigs: readonly TsconfigInfo[], rel: (p: string) => string): SourceText[] {
  const appDir = packageDirOf(root, undefined, 2);
  const workspaceRoot = appDir ? workspaceRootOf(appDir) : undefined;
  const dirs = new Set<string>();
  // The app's own package when the scan root is one of its folders (`apps/web/src`, schema in `apps/web/prisma`).
  if (appDir && appDir !== root && inside(appDir, root)) dirs.add(appDir);
  // Scanning the whole workspace: every package is under the root and read already.
  if (appDir && workspaceRoot && !inside(root, workspaceRoot)) {
    const packages = workspacePackageDirs(workspaceRoot);
    const queue = dependencyNames(readPackageJson(appDir), true);
    const visited = new Set<string>();
    // The bound counts workspace packages only: an app lists dozens of registry packages before the
    // workspace one that holds its schema (`"@acme/db": "workspace:*"` after 60 others).
    let workspaceVisited = 0;
    while (queue.length > 0 && workspaceVisited < MAX_PACKAGES) {
      const name = queue.shift() as string;
      if (visited.has(name)) continue;
      visited.add(name);
      const dir = packages.get(name);
      if (!dir || dir === appDir) continue;
      workspaceVisited++;
      if (inside(root, dir)) {
        queue.push(...dependencyNames(readPackageJson(dir), false));
        continue;
      }
      dirs.add(dir);
      queue.push(...dependencyNames(readPackageJson(dir), false));
    }
  }
  for (const target of aliasTargets(tsconfigs)) {
    if (inside(root, target)) continue;
    const dir = packageDirOf(existsSync(target) && statSync(target).isDirectory() ? target : dirname(target), workspaceRoot);
    if (dir && dir !== appDir && (!workspaceRoot || inside(workspaceRoot, dir))) dirs.add(dir);
  }
  const out: SourceText[] = [];
  for (const dir of dirs) {
    // A package inside the scan root is scanned already; one that contains the root is the app itself.
    for (const f of schemaFilesUnder(dir)) if (!inside(root, f.path)) out.push({ path: rel(f.path), text: f.text });
  }
  return out;
}
