/**
 * `tenant-audit init [path]`: reads the code base as text, proposes a config, writes it next to the
 * code and prints what it found and why, plus the matching ESLint lines. Never overwrites a config
 * (or shadows a `package.json#tenantAudit` section) unless forced.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, loadConfigFile } from '@tenant-audit/core';
import { UsageError } from '../errors.js';
import { hasPackageSection } from '../program/config-root.js';
import { configKeys, configText } from './config-text.js';
import { findContextGetters } from './context-getters.js';
import { eslintSnippet } from './eslint-snippet.js';
import type { InitFindings } from './findings.js';
import { readInitInputs } from './inputs.js';
import { detectStack } from './stack.js';
import { initSummary } from './summary.js';
import { suggestTenantFields } from './tenant-fields.js';

export interface InitOptions {
  path: string;
  force: boolean;
}

/** Checks a folder and an existing config before reading anything: a refusal takes a millisecond. */
function target(options: InitOptions, cwd: string): { dir: string; file: string } {
  const dir = resolve(cwd, options.path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`path not found: ${options.path}`);
  }
  if (!isDir) throw new UsageError(`init needs a folder, got a file: ${options.path}`);
  const file = join(dir, CONFIG_FILE_NAME);
  if (!options.force && existsSync(file)) throw new UsageError(`${relative(cwd, file) || file} already exists; pass --force to overwrite it`);
  if (!options.force && hasPackageSection(dir)) {
    throw new UsageError(`package.json in ${options.path} has a "tenantAudit" section, which a ${CONFIG_FILE_NAME} would take the place of; pass --force to write one anyway`);
  }
  return { dir, file };
}

export function findForInit(dir: string): InitFindings {
  const inputs = readInitInputs(dir);
  return {
    root: dir,
    stack: detectStack(inputs.manifests, inputs.imports, inputs.modelFiles.filter((f) => f.path.endsWith('.prisma')).map((f) => f.path)),
    tenantFields: suggestTenantFields(inputs.modelFiles, inputs.dependencyModelFiles),
    contextGetters: findContextGetters(inputs.sources),
    sourceFiles: inputs.sources.length,
  };
}

/** Writes the config and returns what to print on stdout. */
export function runInit(options: InitOptions, cwd: string): string {
  const { dir, file } = target(options, cwd);
  const found = findForInit(dir);
  try {
    writeFileSync(file, configText(found));
  } catch (error) {
    throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // What was written must load: a config init wrote and the scan then refuses would be a poor start.
  loadConfigFile(file);
  const shown = relative(cwd, file) || file;
  return `${initSummary(found, shown, options.path)}${eslintSnippet(configKeys(found))}`;
}
