import type * as TS from 'typescript';
import type { ResolvedConfig } from '../config/types.js';
import type { DataModel } from '../model/data-model.js';

export type TypeScriptModule = typeof TS;

/**
 * What every recogniser needs. `ts` is passed in rather than imported so that the scanner (ts-morph's
 * bundled compiler) and ESLint (the project's own `typescript`) hand in the module their nodes come
 * from: SyntaxKind numbers differ between compiler versions.
 */
export interface AnalysisEnv {
  ts: TypeScriptModule;
  config: ResolvedConfig;
  dataModel: DataModel;
  /** Present when the caller has type information; only asked about pre-selected candidates. */
  checker?: TS.TypeChecker | undefined;
  /** tRPC procedures found elsewhere in the program whose middleware checks the input's tenant (recognise/procedures.ts). */
  verifiedProcedures?: ReadonlySet<string> | undefined;
  /** The file being analysed, when known: saves walking up the parents for every node. */
  sourceFile?: TS.SourceFile | undefined;
  /** The use being judged writes: a permission named only for reading (`canViewX`) does not clear it. */
  forWrite?: boolean | undefined;
  /**
   * The code base imports `@tenant-audit/runtime`: messages and fixes name its APIs. Otherwise (also
   * when unset) they give the plain way, since advice to call an API the project lacks is no help.
   */
  usesRuntime?: boolean | undefined;
}

/** The source file of a node: the env's when set (per-file analysis), else found through the parents. */
export function sourceFileOf(node: TS.Node, env: AnalysisEnv): TS.SourceFile {
  return env.sourceFile ?? node.getSourceFile();
}
