import ts from 'typescript';
import { accessPath, calleeReceiver, fileFacts, type LocalFinding, type TypeScriptModule } from '@tenant-audit/core';

const tsModule = ts as unknown as TypeScriptModule;

/** `./repositories/doc`, `../db`, `~/server/repo`, `@/lib/store`: a module of the linted program itself. */
const OWN_MODULE = /^(\.{1,2}\/|~\/|@\/)/;

/**
 * A data-access wrapper's method (`documentRepository.findById(id)`) whose wrapper is imported from the
 * program's own code: its query is linted in the wrapper's file, where its filter can be read. Judging
 * the call here from the method's name alone would flag wrappers that scope by the current tenant
 * themselves. The scanner follows such calls into the wrapper; a wrapper from a package stays reported.
 */
export function isOwnWrapperCall(finding: LocalFinding): boolean {
  const match = finding.sink?.match;
  if (!match?.accessor || !ts.isCallExpression(match.node as ts.Node)) return false;
  const call = match.node as unknown as ts.CallExpression;
  const receiver = calleeReceiver(tsModule, call as never);
  const root = receiver ? accessPath(tsModule, receiver as never)?.[0] : undefined;
  if (!root) return false;
  const from = fileFacts(tsModule, call.getSourceFile() as never).importedNames.get(root.replace(/\(\)$/, ''));
  return from !== undefined && OWN_MODULE.test(from);
}
