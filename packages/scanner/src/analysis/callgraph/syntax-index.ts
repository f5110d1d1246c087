import { ts, type TS } from '../../compiler.js';
import { isComponentElement } from './jsx-calls.js';

/** The nodes the whole-program passes look at, gathered in ONE walk per file. */
export interface FileIndex {
  calls: TS.CallExpression[];
  news: TS.NewExpression[];
  /** Classes with decorators (NestJS controllers, resolvers, processors). */
  decoratedClasses: TS.ClassDeclaration[];
  /** `Query: { … }` / `Mutation: { … }` / `Subscription: { … }` resolver maps. */
  rootTypes: TS.PropertyAssignment[];
  /** Functions whose body starts with a `'use server'` directive. */
  serverFunctions: TS.Node[];
  /** JSX elements that render a component (`<Section id={id} />`): calls of it in server components. */
  componentElements: (TS.JsxSelfClosingElement | TS.JsxOpeningElement)[];
  /** Optional parameters that pick a database or schema (`queryResults(sql, databaseName?)`): database-per-tenant wrappers. */
  databaseParams: TS.ParameterDeclaration[];
}

/** A parameter that picks which database or schema a wrapper runs on. */
export const DATABASE_PARAM = /^(database|databaseName|dbName|schema|schemaName|tenantDb|tenantDatabase|keyspace)$/;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function bodyHasUseServer(body: TS.Node | undefined): boolean {
  if (!body || !ts.isBlock(body)) return false;
  for (const st of body.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === 'use server') return true;
  }
  return false;
}

export function indexFile(sf: TS.SourceFile): FileIndex {
  const ix: FileIndex = { calls: [], news: [], decoratedClasses: [], rootTypes: [], serverFunctions: [], componentElements: [], databaseParams: [] };
  const K = ts.SyntaxKind;
  const record = (node: TS.Node): void => {
  switch (node.kind) {
    case K.CallExpression:
      ix.calls.push(node as TS.CallExpression);
      break;
    case K.NewExpression:
      ix.news.push(node as TS.NewExpression);
      break;
    case K.Parameter: {
      const p = node as TS.ParameterDeclaration;
      if (ts.isIdentifier(p.name) && DATABASE_PARAM.test(p.name.text) && (p.questionToken || p.initializer)) ix.databaseParams.push(p);
      break;
    }
    case K.ClassDeclaration:
      if (ts.getDecorators(node as TS.ClassDeclaration)?.length) ix.decoratedClasses.push(node as TS.ClassDeclaration);
      break;
    case K.PropertyAssignment: {
      const p = node as TS.PropertyAssignment;
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : '';
      if (ROOT_TYPES.has(key) && ts.isObjectLiteralExpression(p.initializer)) ix.rootTypes.push(p);
      break;
    }
    case K.JsxSelfClosingElement:
    case K.JsxOpeningElement:
      if (isComponentElement(node)) ix.componentElements.push(node);
      break;
    case K.FunctionDeclaration:
    case K.FunctionExpression:
    case K.ArrowFunction:
    case K.MethodDeclaration:
      if (bodyHasUseServer((node as TS.FunctionLikeDeclaration).body)) ix.serverFunctions.push(node);
      break;
    default:
      break;
  }
  };
  // Recursion is the fast path; past a depth that generated code reaches, continue with an explicit
  // stack so a deep expression cannot overflow the call stack.
  const iterative = (root: TS.Node): void => {
    const stack: TS.Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as TS.Node;
      record(node);
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  };
  const visit = (node: TS.Node, depth: number): void => {
    record(node);
    if (depth > 1000) {
      ts.forEachChild(node, (child) => iterative(child));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(sf, 0);
  return ix;
}
