import { Project, ts, type SourceFile } from 'ts-morph';
import { generatedMessage, generatedReason } from './generated.js';
import { readText } from './read.js';

export interface LoadedFile {
  /** Absolute path. */
  path: string;
  sourceFile: SourceFile;
  /** Declaration files are loaded for types only. */
  declaration: boolean;
}

export interface LoadProblem {
  path: string;
  message: string;
  /** The file was left out (unreadable, binary, too large, unparsable); false for a warning on a file that was loaded. */
  skipped: boolean;
  /** Left out on purpose as minified or generated code: a notice, not a hole in the scan. */
  generated?: boolean;
}

export interface LoadedProgram {
  project: Project;
  /** Parsed files without syntax errors, in path order. */
  files: LoadedFile[];
  problems: LoadProblem[];
}

function parseDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  // Syntax errors of the parse itself; not part of the public API but stable for years.
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function describeSyntaxError(sf: ts.SourceFile, d: ts.DiagnosticWithLocation): string {
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ');
  return `syntax error at ${line + 1}:${character + 1}: ${text}`;
}

/**
 * A ts-morph project holding exactly the files given: nothing from a tsconfig's include, no
 * dependency resolution, no lib files (the checker, when asked at all, only resolves local symbols).
 */
export function loadProgram(paths: readonly string[], declarations: readonly string[], options: ts.CompilerOptions,
  onFile?: () => void): LoadedProgram {
  // In-memory file system: the files are read once by the scanner (binary/UTF-8 checks), and neither
  // ts-morph nor the checker can wander into node_modules or anything else on disk.
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: options,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
  const files: LoadedFile[] = [];
  const problems: LoadedProgram['problems'] = [];
  const add = (path: string, declaration: boolean): void => {
    const read = readText(path);
    onFile?.();
    if (!read.ok) {
      problems.push({ path, message: read.message, skipped: true });
      return;
    }
    if (read.warning) problems.push({ path, message: read.warning, skipped: false });
    const generated = declaration ? undefined : generatedReason(path, read.text);
    if (generated) {
      problems.push({ path, message: generatedMessage(generated), skipped: true, generated: true });
      return;
    }
    let sourceFile: SourceFile;
    try {
      sourceFile = project.createSourceFile(path, read.text, { overwrite: true });
    } catch (error) {
      // e.g. a stack overflow on pathological generated code: that file is lost, not the scan.
      problems.push({ path, message: `cannot parse: ${String((error as Error).message ?? error).split('\n')[0]}`, skipped: true });
      return;
    }
    const diagnostics = parseDiagnostics(sourceFile.compilerNode);
    const first = diagnostics[0];
    if (first) {
      problems.push({ path, message: describeSyntaxError(sourceFile.compilerNode, first), skipped: true });
      project.removeSourceFile(sourceFile);
      return;
    }
    files.push({ path, sourceFile, declaration });
  };
  for (const p of paths) add(p, false);
  for (const p of declarations) add(p, true);
  return { project, files, problems };
}
