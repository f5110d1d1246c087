import type { AnalysisEnv, FileAnalysis } from '@tenant-audit/core';
import type * as ts from 'typescript';
import type { PathMapping } from '../program/resolve-module.js';

/** One analysed source file. */
export interface FileUnit {
  path: string;
  /** Relative to the scan root, `/` separators. */
  rel: string;
  sf: ts.SourceFile;
  analysis: FileAnalysis;
  /** Time its analysis has cost so far (ms): the whole-program passes spend what is left of its budget. */
  spentMs: number;
}

export interface ProgramContext {
  root: string;
  env: AnalysisEnv;
  /** In path order. */
  files: FileUnit[];
  byPath: Map<string, FileUnit>;
  /** Every loaded file path (sources and declarations), for import resolution. */
  known: Set<string>;
  /** tsconfig `paths` / `baseUrl`, for imports like `@/lib/db`. */
  mappingFor: (file: string) => PathMapping | undefined;
  /** Workspace package name → its folder, for imports between packages of a monorepo. */
  packages: ReadonlyMap<string, string>;
  /** Per-file analysis budget (ms), shared by the per-file analysis and the file's whole-program judgement. */
  budgetMs: number;
  /** Lazily created checker, asked only about prefiltered call sites. */
  checker: () => ts.TypeChecker | undefined;
}
