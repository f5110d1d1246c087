import type * as TS from 'typescript';
import type { AnalysisEnv } from '../recognise/env.js';
import { accessPath, calleeName, enclosingFunction, findLocalDeclaration, functionName, isFunctionLike, unwrap, type FunctionLike } from '../recognise/ast.js';
import { mentionsTenant } from '../recognise/tenant.js';
import type { Candidates } from './candidates.js';
import { inBackupRoutine } from './scope-checks.js';
import type { LocalFinding } from './types.js';
import { hintFor } from './fix-options.js';
import { fitSummary } from './summary.js';

const CIPHER_CALLS = /^(createCipheriv|createDecipheriv)$/;
const SHARED_KEY_NAME = /master|secret|encryption|global|app|shared|server|platform|^key$|^KEY$|^ENC/i;

/** Whether a key expression is a process-wide key rather than one derived for a tenant. */
function isSharedKey(key: TS.Expression, env: AnalysisEnv, depth = 0): boolean {
  const ts = env.ts;
  const e = unwrap(ts, key);
  if (depth > 4 || mentionsTenant(e, env)) return false;
  const path = accessPath(ts, e);
  if (path && path[0] === 'process' && path[1] === 'env') return true;
  if (ts.isCallExpression(e)) {
    // Buffer.from(process.env.KEY, 'hex'), scryptSync(process.env.SECRET, …): shared unless the tenant goes in.
    return e.arguments.some((a) => isSharedKey(a, env, depth + 1));
  }
  if (ts.isIdentifier(e)) {
    const decl = findLocalDeclaration(ts, e);
    if (decl && ts.isVariableDeclaration(decl)) {
      let moduleLevel = true;
      for (let p: TS.Node | undefined = decl.parent; p; p = p.parent) if (isFunctionLike(ts, p)) moduleLevel = false;
      if (decl.initializer) return moduleLevel || isSharedKey(decl.initializer, env, depth + 1);
      return moduleLevel;
    }
    if (decl && ts.isParameter(decl)) return false;
    return SHARED_KEY_NAME.test(e.text);
  }
  if (ts.isPropertyAccessExpression(e)) return SHARED_KEY_NAME.test(e.name.text);
  return false;
}

/** The function handles tenant data: it names the tenant anywhere (parameters, body). */
function handlesTenantData(fn: FunctionLike | undefined, env: AnalysisEnv): boolean {
  if (!fn) return false;
  let outer: TS.Node = fn;
  for (let p = fn.parent; p; p = p.parent) if (env.ts.isClassDeclaration(p) || isFunctionLike(env.ts, p)) outer = p;
  return mentionsTenant(outer, env);
}

export function analyseEncryption(c: Candidates, env: AnalysisEnv): LocalFinding[] {
  const ts = env.ts;
  const findings: LocalFinding[] = [];
  for (const call of c.calls) {
    const name = calleeName(ts, call) ?? '';
    let key: TS.Expression | undefined;
    if (CIPHER_CALLS.test(name)) key = call.arguments[1];
    else if ((name === 'encrypt' || name === 'decrypt') && accessPath(ts, call.expression)?.includes('subtle')) key = call.arguments[1];
    if (!key || !isSharedKey(key, env)) continue;
    const fn = enclosingFunction(ts, call);
    if (!handlesTenantData(fn, env)) continue;
    if (inBackupRoutine(fn, env, (f) => functionName(ts, f))) {
      findings.push({
        kind: 'unscoped-backup', messageId: 'backupSharedKey', node: call, fn,
        message: `this backup is encrypted with a process-wide key, not the tenant's own; ${hintFor(env, 'backupTenantKey')}`,
        summary: fitSummary('unscoped-backup', 'this backup is encrypted with a process-wide key', hintFor(env, 'backupTenantKey')),
      });
      continue;
    }
    findings.push({
      kind: 'shared-encryption-key', messageId: 'sharedEncryptionKey', node: call, fn,
      message: `${name} uses one process-wide key for tenant data, so one key exposes every tenant; ${hintFor(env, 'perTenantKey')}`,
        summary: fitSummary('shared-encryption-key', `${name} uses one process-wide key for every tenant's data`, hintFor(env, 'perTenantKey')),
    });
  }
  return findings;
}

