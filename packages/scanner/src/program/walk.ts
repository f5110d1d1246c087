import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { ScanBoundary } from './boundary.js';
import { toPosix, type ScanTarget } from './paths.js';

/** Folders never scanned: dependencies, build output, VCS data. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.git', '.next', '.turbo', 'coverage', '.tenant-audit']);
export const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
export const DECLARATION = /\.d\.(ts|mts|cts)$/;

export interface DiscoveredFiles {
  /** Absolute paths of analysable sources (no declaration files), sorted. */
  sources: string[];
  /** Declaration files: loaded for types, never reported on. */
  declarations: string[];
  yaml: string[];
  /** `*.prisma` and `*.sql`: data-model input only. */
  schemas: string[];
  tsconfigs: string[];
  /** package.json files (workspace packages of a monorepo). */
  packageJsons: string[];
  /** `skippedSource`: a file named like a source that could not be read at all (not a link, loop or folder). */
  problems: { path: string; message: string; skippedSource?: true }[];
}

interface GitignoreScope {
  dir: string;
  rules: Ignore;
}

export interface WalkOptions {
  root: string;
  /** Config `ignore` globs, relative to root. */
  ignoreGlobs: readonly string[];
  /** Links whose real path leaves it are not followed (reported instead). */
  boundary: ScanBoundary;
}

function readGitignore(dir: string, boundary: ScanBoundary): GitignoreScope | undefined {
  try {
    // Even ignore rules are not read through a link that leaves the boundary.
    const path = join(dir, '.gitignore');
    if (lstatSync(path).isSymbolicLink() && !boundary.contains(path)) return undefined;
    const text = readFileSync(path, 'utf8');
    return { dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

type FileList = 'sources' | 'declarations' | 'yaml' | 'schemas' | 'tsconfigs' | 'packageJsons';

/** Which list a file of this name belongs to; undefined for files the walk does not collect. */
function listFor(name: string): FileList | undefined {
  if (DECLARATION.test(name)) return 'declarations';
  if (SOURCE_EXT.test(name)) return 'sources';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.(prisma|sql)$/i.test(name)) return 'schemas';
  if (/^tsconfig(\.[\w-]+)?\.json$/.test(name)) return 'tsconfigs';
  if (name === 'package.json') return 'packageJsons';
  return undefined;
}

/**
 * Walks the targets: skips dependency/output folders, config `ignore` globs and `.gitignore`d paths
 * (every `.gitignore` from the root down applies to its own subtree), follows symlinks once and reports
 * loops instead of recursing forever. A link whose real path leaves the boundary (the git work tree or
 * the scan root) is reported and not followed.
 */
export function walkTargets(targets: readonly ScanTarget[], options: WalkOptions): DiscoveredFiles {
  const out: DiscoveredFiles = { sources: [], declarations: [], yaml: [], schemas: [], tsconfigs: [], packageJsons: [], problems: [] };
  const ignoredByConfig = options.ignoreGlobs.length > 0 ? picomatch(options.ignoreGlobs as string[], { dot: true }) : () => false;
  const seenFiles = new Set<string>();
  // Folders already walked, by real path: a symlink to a sibling folder would list its files twice.
  const walkedReal = new Set<string>();
  const isIgnored = (abs: string, isDir: boolean, scopes: readonly GitignoreScope[]): boolean => {
    const rel = toPosix(relative(options.root, abs));
    if (rel && !rel.startsWith('..') && (ignoredByConfig(rel) || (isDir && ignoredByConfig(`${rel}/`)))) return true;
    for (const scope of scopes) {
      const local = toPosix(relative(scope.dir, abs));
      if (!local || local.startsWith('..')) continue;
      if (scope.rules.ignores(isDir ? `${local}/` : local)) return true;
    }
    return false;
  };
  const addFile = (abs: string, target: ScanTarget): void => {
    if (target.match && !target.match(abs)) return;
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    const list = listFor(abs.slice(abs.lastIndexOf('/') + 1));
    if (list) out[list].push(abs);
  };
  const walkDir = (dir: string, target: ScanTarget, scopes: GitignoreScope[], ancestors: Set<string>): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      out.problems.push({ path: dir, message: `cannot resolve folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (ancestors.has(real)) {
      out.problems.push({ path: dir, message: 'symlink loop: folder links back to one of its parents, not followed' });
      return;
    }
    if (walkedReal.has(real)) return;
    walkedReal.add(real);
    const gitignore = readGitignore(dir, options.boundary);
    const here = gitignore ? [...scopes, gitignore] : scopes;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      out.problems.push({ path: dir, message: `cannot read folder (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const nextAncestors = new Set(ancestors).add(real);
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          out.problems.push({ path: abs, message: code === 'ELOOP' ? 'symlink loop, not followed' : `broken symlink (${code ?? 'error'})` });
          continue;
        }
      }
      // Checked only for what the walk would enter or collect: a link nobody reads is no problem.
      const leaves = (): boolean => {
        if (!entry.isSymbolicLink() || options.boundary.contains(abs)) return false;
        out.problems.push({ path: abs, message: options.boundary.refusal(abs) });
        return true;
      };
      if (isDir) {
        if (SKIP_DIRS.has(entry.name) || isIgnored(abs, true, here) || leaves()) continue;
        walkDir(abs, target, here, nextAncestors);
      } else if (isFile && !isIgnored(abs, false, here)) {
        if (listFor(entry.name) && (!target.match || target.match(abs)) && leaves()) continue;
        addFile(abs, target);
      } else if (!isFile && SOURCE_EXT.test(entry.name) && (!target.match || target.match(abs)) && !isIgnored(abs, false, here)) {
        // A FIFO or socket named like a source: never read (it could block), but say so.
        out.problems.push({ path: abs, message: 'not a regular file (FIFO, socket or device), skipped', skippedSource: true });
      }
    }
  };
  for (const target of targets) {
    let st;
    try {
      st = statSync(target.base);
    } catch {
      continue; // a glob base that does not exist matches nothing
    }
    const scopes = rootScopes(options.root, target.base, options.boundary);
    // A path given on the command line that is itself a link out of the boundary is refused too.
    if (!options.boundary.contains(target.base)) out.problems.push({ path: target.base, message: options.boundary.refusal(target.base) });
    else if (st.isDirectory()) walkDir(target.base, target, scopes, new Set());
    else if (!isIgnored(target.base, false, scopes)) addFile(target.base, target);
  }
  for (const list of [out.sources, out.declarations, out.yaml, out.schemas, out.tsconfigs, out.packageJsons]) list.sort();
  return out;
}

/** `.gitignore` files between the root and a target's folder (the walk reads the ones below). */
function rootScopes(root: string, base: string, boundary: ScanBoundary): GitignoreScope[] {
  const scopes: GitignoreScope[] = [];
  const rel = relative(root, base);
  if (rel.startsWith('..')) return scopes;
  const parts = rel ? rel.split(/[\\/]/) : [];
  let dir = root;
  // The target folder itself is read by the walk; file targets need their own folder's rules too.
  for (let i = 0; i < parts.length; i++) {
    const g = readGitignore(dir, boundary);
    if (g) scopes.push(g);
    dir = join(dir, parts[i] as string);
  }
  return scopes;
}
