import { dirname, isAbsolute } from 'node:path';
import ts from 'typescript';
import { analyseSourceFile, createEnv, dataModelForFile, type AnalysisEnv, type FileAnalysis, type ResolvedConfig, type TypeScriptModule } from '@tenant-audit/core';
import type { TSESLint } from '@typescript-eslint/utils';
import { mergeConfigCached, type RuleOptions } from './options.js';
import { projectConfigFor } from './project-config.js';
import { usesRuntime } from './runtime-usage.js';
import { sourceFileOf } from './source-file.js';

export interface RuleAnalysis {
  analysis: FileAnalysis;
  sourceFile: ts.SourceFile;
  program: ts.Program | undefined;
  options: RuleOptions;
}

// The default import is the very module object typescript-eslint parsed with; its declared type
// differs from `typeof import * as ts` only by the synthetic `default` member.
const tsModule = ts as unknown as TypeScriptModule;

/** One env per (SourceFile, config): every rule of the file gets the same env, so core analyses once. */
const envs = new WeakMap<ts.SourceFile, Map<string, AnalysisEnv>>();

/** Real files get the data model of their project (Prisma schemas, migrations); `<input>` gets config only. */
function hasRealPath(filename: string): boolean {
  return isAbsolute(filename) && !/^<.*>$/.test(filename);
}

/** Data models by folder and config: core finds the project root with a walk up the tree, once per folder is enough. */
const modelsByDir = new Map<string, { key: string; model: ReturnType<typeof dataModelForFile> }>();

function dataModelFor(filename: string, config: ResolvedConfig, key: string): ReturnType<typeof dataModelForFile> {
  const dir = dirname(filename);
  const hit = modelsByDir.get(dir);
  if (hit && hit.key === key) return hit.model;
  const model = dataModelForFile(filename, config);
  modelsByDir.set(dir, { key, model });
  return model;
}

/**
 * The shared analysis of the linted file for this rule's config. The nine rules call this with the
 * same SourceFile and (usually) the same settings, so the file is walked once.
 */
export function analyse(context: Readonly<TSESLint.RuleContext<string, readonly [RuleOptions?]>>): RuleAnalysis {
  const options = context.options[0] ?? {};
  const project = hasRealPath(context.filename) ? projectConfigFor(dirname(context.filename)) : undefined;
  const { config, key } = mergeConfigCached(context.settings['tenantIsolation'], context.options, project?.config);
  const { sourceFile, program } = sourceFileOf(context);
  let perFile = envs.get(sourceFile);
  if (!perFile) {
    perFile = new Map();
    envs.set(sourceFile, perFile);
  }
  let env = perFile.get(key);
  if (!env) {
    const dataModel = hasRealPath(context.filename) ? dataModelFor(context.filename, config, key) : undefined;
    env = { ...createEnv(tsModule, config, dataModel, program?.getTypeChecker()),
      usesRuntime: usesRuntime(sourceFile, hasRealPath(context.filename) ? context.filename : undefined) };
    perFile.set(key, env);
  }
  return { analysis: analyseSourceFile(sourceFile, env), sourceFile, program, options };
}
