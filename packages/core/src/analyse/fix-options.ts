import { fixAdvice, fixHint, type FixHint, type FixOptions } from '../gaps/fix-advice.js';
import type { GapKind } from '../gaps/kinds.js';
import type { AnalysisEnv } from '../recognise/env.js';
import { importsAny, type FileFacts } from '../recognise/file-facts.js';

const RUNTIME_MODULE = /^@tenant-audit\/runtime(\/|$)/;

/** The file imports `@tenant-audit/runtime` (or one of its subpaths). */
export function importsRuntime(facts: FileFacts): boolean {
  return importsAny(facts, RUNTIME_MODULE);
}

/**
 * Advice quotes the column in code (`{ id, organizationId }`), and reports print it in CI logs and
 * Markdown: only a plain identifier is quoted, never whatever a migration's quoted identifier holds.
 */
const PLAIN_IDENTIFIER = /^[A-Za-z_$][\w$]{0,63}$/;

const plain = (name: string | undefined): string | undefined => (name !== undefined && PLAIN_IDENTIFIER.test(name) ? name : undefined);

/**
 * What advice about `model` (or about the code base, without one) is tailored to: the model's own
 * tenant column, else the column most models use, else the first configured tenant name; the
 * runtime's APIs only when the env says the code base uses the runtime.
 */
export function fixOptionsFor(env: AnalysisEnv, model?: string): FixOptions {
  // Only the model's own column: a child scoped through its parent key (`programId`) holds no tenant
  // value to take from the session, so advice about it speaks of the code base's tenant column.
  const own = model !== undefined ? env.dataModel.fact(model)?.tenantField : undefined;
  return {
    tenantField: plain(own) ?? plain(env.dataModel.primaryTenantField()) ?? plain(env.config.tenantFields[0]) ?? 'tenantId',
    usesRuntime: env.usesRuntime === true,
  };
}

/** `fixHint` for the env (and the model the finding is about). */
export function hintFor(env: AnalysisEnv, hint: FixHint, model?: string, name?: string): string {
  return fixHint(hint, fixOptionsFor(env, model), name);
}

/** `fixAdvice` for the env (and the model the finding is about). */
export function adviceFor(env: AnalysisEnv, kind: GapKind, model?: string): string {
  return fixAdvice(kind, fixOptionsFor(env, model));
}
