import ts from 'typescript';
import type { TSESLint } from '@typescript-eslint/utils';

export interface SourceFileInfo {
  sourceFile: ts.SourceFile;
  /** The type-checked program, when the parser was given one (projectService / project). */
  program: ts.Program | undefined;
}

/** Parsed here only when the parser is not typescript-eslint (espree on .js): once per SourceCode. */
const parsedHere = new WeakMap<object, ts.SourceFile>();

function scriptKind(filename: string): ts.ScriptKind {
  if (/\.tsx$/i.test(filename)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(filename)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(filename)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * The TypeScript SourceFile behind the linted text. typescript-eslint already built it (with or
 * without type information), so it is taken from the parser's node map; otherwise the text is
 * parsed with the same `typescript` module the analysis is given.
 */
export function sourceFileOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): SourceFileInfo {
  const sourceCode = context.sourceCode;
  const services = sourceCode.parserServices as Partial<{ esTreeNodeToTSNodeMap: { get(node: unknown): unknown }; program: ts.Program | null }> | undefined;
  const mapped = services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast) as ts.Node | undefined;
  if (mapped && mapped.kind === ts.SyntaxKind.SourceFile) {
    return { sourceFile: mapped as ts.SourceFile, program: services?.program ?? undefined };
  }
  let sourceFile = parsedHere.get(sourceCode);
  if (!sourceFile) {
    sourceFile = ts.createSourceFile(context.filename, sourceCode.text, ts.ScriptTarget.Latest, true, scriptKind(context.filename));
    parsedHere.set(sourceCode, sourceFile);
  }
  return { sourceFile, program: undefined };
}
