import type * as TS from 'typescript';
import type { TypeScriptModule } from './env.js';

/** Facts about a file that many recognisers consult: what it imports, under which local names. */
export interface FileFacts {
  /** Local name → module specifier (`Redis` → 'ioredis'). */
  importedNames: Map<string, string>;
  modules: Set<string>;
}

const cache = new WeakMap<TS.SourceFile, FileFacts>();

export function fileFacts(ts: TypeScriptModule, sourceFile: TS.SourceFile): FileFacts {
  const hit = cache.get(sourceFile);
  if (hit) return hit;
  const facts: FileFacts = { importedNames: new Map(), modules: new Set() };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      facts.modules.add(from);
      const clause = statement.importClause;
      if (clause?.name) facts.importedNames.set(clause.name.text, from);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) facts.importedNames.set(bindings.name.text, from);
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) facts.importedNames.set(el.name.text, from);
    } else if (ts.isVariableStatement(statement)) {
      // const x = require('ioredis')
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' &&
            init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
          facts.modules.add(init.arguments[0].text);
          if (ts.isIdentifier(d.name)) facts.importedNames.set(d.name.text, init.arguments[0].text);
        }
      }
    }
  }
  cache.set(sourceFile, facts);
  return facts;
}

export function importsAny(facts: FileFacts, pattern: RegExp): boolean {
  for (const m of facts.modules) if (pattern.test(m)) return true;
  return false;
}
