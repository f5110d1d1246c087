import { dirname } from 'node:path';
import { ts, type TS } from '../compiler.js';
import type { PathMapping } from './resolve-module.js';

export interface TsconfigInfo {
  path: string;
  options: TS.CompilerOptions;
  /** Files the tsconfig includes (absolute); empty when read without listing them. */
  fileNames: string[];
}

export interface TsconfigRead {
  config: TsconfigInfo | undefined;
  /** One-line messages; a tsconfig with errors is not used. */
  problems: string[];
}

function flatten(d: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Reads a tsconfig with the compiler's own parser (extends, include/exclude). A missing `extends`
 * target keeps the file's own options; a syntax error makes it unusable: the scan then falls back to
 * adding files directly.
 */
export function readTsconfig(path: string, listFiles = true): TsconfigRead {
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error) return { config: undefined, problems: [flatten(read.error)] };
  // Listing what `include` matches walks the folders again: only `--project` needs the list.
  const host: TS.ParseConfigHost = listFiles ? ts.sys : { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(path), undefined, path);
  // "No inputs were found" (18003) only says the include matched nothing; options are still good.
  const fatal = parsed.errors.filter((e) => e.code !== 18003);
  if (fatal.length > 0 && fatal.every((e) => e.code === EXTENDS_NOT_FOUND) && typeof read.config === 'object' && read.config) {
    // `extends: "tsconfig/nextjs.json"` names a package that is not installed (a checkout without
    // node_modules): the file's own options (paths, baseUrl) still hold, and without them every
    // `@/lib/…` import is unresolved and the call graph loses its callers.
    const { extends: _missing, ...own } = read.config as Record<string, unknown>;
    const retry = ts.parseJsonConfigFileContent(own, host, dirname(path), undefined, path);
    if (retry.errors.every((e) => e.code === 18003)) return { config: { path, options: retry.options, fileNames: retry.fileNames }, problems: [] };
  }
  if (fatal.length > 0) return { config: undefined, problems: fatal.map(flatten) };
  return { config: { path, options: parsed.options, fileNames: parsed.fileNames }, problems: [] };
}

/** "File '…' not found." for an `extends` target. */
const EXTENDS_NOT_FOUND = 6053;

/** Options when no tsconfig applies: permissive parsing of every flavour of JS/TS, nothing resolved. */
export const DEFAULT_OPTIONS: TS.CompilerOptions = {
  allowJs: true,
  jsx: ts.JsxEmit.Preserve,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * What the scanner keeps of a project's options: only what changes parsing or module resolution.
 * `noResolve` and `types: []` keep the checker (asked about a handful of call sites at most) from
 * pulling node_modules declaration files into the program.
 */
export function scannerOptions(base: TS.CompilerOptions | undefined): TS.CompilerOptions {
  const o = base ?? DEFAULT_OPTIONS;
  return {
    ...DEFAULT_OPTIONS,
    ...(o.target !== undefined ? { target: o.target } : {}),
    ...(o.module !== undefined ? { module: o.module } : {}),
    ...(o.moduleResolution !== undefined ? { moduleResolution: o.moduleResolution } : {}),
    ...(o.jsx !== undefined ? { jsx: o.jsx } : {}),
    ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
    ...(o.paths !== undefined ? { paths: o.paths } : {}),
    ...(o.experimentalDecorators !== undefined ? { experimentalDecorators: o.experimentalDecorators } : {}),
    allowJs: true,
    noEmit: true,
    noResolve: true,
    types: [],
    skipLibCheck: true,
  };
}

/** `paths` / `baseUrl` of the chosen tsconfig (targets resolve against baseUrl, else the tsconfig's folder). */
export function pathMapping(config: TsconfigInfo | undefined): PathMapping | undefined {
  if (!config) return undefined;
  const o = config.options as TS.CompilerOptions & { pathsBasePath?: string };
  if (!o.paths && !o.baseUrl) return undefined;
  return { base: o.baseUrl ?? o.pathsBasePath ?? dirname(config.path), paths: o.paths, baseUrl: o.baseUrl };
}

/**
 * Each file uses the `paths` of the nearest tsconfig above it (monorepo packages map `@/…` to their
 * own `src`); with `--project`, that one config applies everywhere.
 */
export function mappingLookup(configs: readonly TsconfigInfo[], only?: TsconfigInfo): (file: string) => PathMapping | undefined {
  if (only) {
    const m = pathMapping(only);
    return () => m;
  }
  const scoped = configs
    .map((c) => ({ dir: `${dirname(c.path)}/`, mapping: pathMapping(c) }))
    .filter((c): c is { dir: string; mapping: PathMapping } => c.mapping !== undefined)
    .sort((a, b) => b.dir.length - a.dir.length);
  const cache = new Map<string, PathMapping | undefined>();
  return (file) => {
    const dir = dirname(file);
    if (cache.has(dir)) return cache.get(dir);
    const hit = scoped.find((c) => `${dir}/`.startsWith(c.dir))?.mapping;
    cache.set(dir, hit);
    return hit;
  };
}
