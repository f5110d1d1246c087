import { dirname } from 'node:path';
import { ts, type TS } from '../compiler.js';
import { generatedMessage, generatedReason } from './generated.js';
import { readText } from './read.js';

export interface LoadedFile {
  /** Absolute path. */
  path: string;
  sourceFile: TS.SourceFile;
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
  /** The compiler options the files were parsed with. */
  options: TS.CompilerOptions;
  /**
   * The type checker over exactly these files, built on first call (binding the program is the one
   * costly step, and most scans never need it). Undefined when the compiler fails to build it.
   */
  checker: () => TS.TypeChecker | undefined;
  /** Parsed files without syntax errors, in path order. */
  files: LoadedFile[];
  problems: LoadProblem[];
}

function parseDiagnostics(sf: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  // Syntax errors of the parse itself; not part of the public API but stable for years.
  return (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function describeSyntaxError(sf: TS.SourceFile, d: TS.DiagnosticWithLocation): string {
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
  const text = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ');
  return `syntax error at ${line + 1}:${character + 1}: ${text}`;
}

/**
 * A compiler host that knows exactly the loaded files: nothing from a tsconfig's include, no
 * dependency resolution, no lib files, nothing else on disk (the checker, when asked at all, only
 * resolves local symbols). The program built on it reuses the parsed trees, so the checker answers
 * about the very nodes the analysis holds.
 */
function closedHost(files: ReadonlyMap<string, TS.SourceFile>, options: TS.CompilerOptions): TS.CompilerHost {
  const dirs = new Set<string>();
  for (const path of files.keys()) for (let d = dirname(path); !dirs.has(d); d = dirname(d)) {
    dirs.add(d);
    if (dirname(d) === d) break;
  }
  return {
    getSourceFile: (path) => files.get(path),
    getDefaultLibFileName: () => '/__tenant-audit-no-lib__/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (path) => files.has(path),
    readFile: () => undefined,
    directoryExists: (d) => dirs.has(d),
    getDirectories: () => [],
    getCompilationSettings: () => options,
  } as TS.CompilerHost;
}

/**
 * Reads and parses exactly the files given (sources, then declaration files for their types); a file
 * that cannot be read or parsed becomes a problem and the rest load. The checker is built on demand.
 */
export function loadProgram(paths: readonly string[], declarations: readonly string[], options: TS.CompilerOptions,
  onFile?: () => void): LoadedProgram {
  const languageVersion = options.target ?? ts.ScriptTarget.Latest;
  const files: LoadedFile[] = [];
  const parsed = new Map<string, TS.SourceFile>();
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
    let sourceFile: TS.SourceFile;
    try {
      // JSDoc is left unparsed: no recogniser reads it, and it is a fifth of the parse.
      sourceFile = ts.createSourceFile(path, read.text, { languageVersion, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true);
    } catch (error) {
      // e.g. a stack overflow on pathological generated code: that file is lost, not the scan.
      problems.push({ path, message: `cannot parse: ${String((error as Error).message ?? error).split('\n')[0]}`, skipped: true });
      return;
    }
    const first = parseDiagnostics(sourceFile)[0];
    if (first) {
      problems.push({ path, message: describeSyntaxError(sourceFile, first), skipped: true });
      return;
    }
    parsed.set(path, sourceFile);
    files.push({ path, sourceFile, declaration });
  };
  for (const p of paths) add(p, false);
  for (const p of declarations) add(p, true);
  let checker: TS.TypeChecker | undefined | null = null;
  const programOptions: TS.CompilerOptions = { ...options, noLib: true, noResolve: true, types: [], noEmit: true };
  return {
    options,
    files,
    problems,
    checker: () => {
      if (checker !== null) return checker;
      try {
        checker = ts.createProgram({ rootNames: [...parsed.keys()], options: programOptions, host: closedHost(parsed, programOptions) }).getTypeChecker();
      } catch {
        checker = undefined;
      }
      return checker;
    },
  };
}
