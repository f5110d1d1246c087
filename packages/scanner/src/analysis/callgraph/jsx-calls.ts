import { ts, type TS } from '../../compiler.js';

/** A JSX element that renders a component (`<Section contactId={id} />`), not an intrinsic tag (`<div>`). */
export function isComponentElement(node: TS.Node): node is TS.JsxSelfClosingElement | TS.JsxOpeningElement {
  return (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) && ts.isIdentifier(node.tagName) && /^[A-Z]/.test(node.tagName.text);
}

/** Whether a file starts with the `'use client'` directive: its components render in the browser. */
export function isClientFile(sf: TS.SourceFile): boolean {
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === 'use client') return true;
  }
  return false;
}

function placed<T extends TS.Node>(node: T, range: TS.TextRange): T {
  return ts.setTextRange(node, range);
}

function setParent(node: TS.Node, parent: TS.Node): void {
  (node as { parent: TS.Node }).parent = parent;
}

/**
 * `<Section contactId={params.contactId} {...rest} />` in a server component is the call
 * `Section({ contactId: params.contactId, ...rest })`: React calls the component with its props on the
 * server. The call is synthesised once per element for the call graph; its callee and prop values are
 * the element's own nodes (their parents and positions stay the source's), so origins are judged
 * where the props are written. Children are not props the scanner follows.
 */
export function jsxCall(el: TS.JsxSelfClosingElement | TS.JsxOpeningElement): TS.CallExpression {
  const f = ts.factory;
  const props: TS.ObjectLiteralElementLike[] = [];
  for (const a of el.attributes.properties) {
    if (ts.isJsxSpreadAttribute(a)) {
      props.push(placed(f.createSpreadAssignment(a.expression), a));
      continue;
    }
    if (!ts.isIdentifier(a.name)) continue;
    const init = a.initializer;
    // `<X flag />` passes true; a string attribute passes the literal; `{expr}` passes the expression.
    const value = !init ? placed(f.createTrue(), a) : ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) ? init.expression : undefined;
    if (!value) continue;
    const name = placed(f.createIdentifier(a.name.text), a.name);
    const p = placed(f.createPropertyAssignment(name, value), a);
    setParent(name, p);
    if (!init) setParent(value, p);
    props.push(p);
  }
  const literal = placed(f.createObjectLiteralExpression(props), el.attributes);
  for (const p of props) setParent(p, literal);
  const call = placed(f.createCallExpression(el.tagName as TS.Identifier, undefined, [literal]), el);
  setParent(literal, call);
  // The call sits where the element does: its enclosing function is the component that renders it.
  setParent(call, el);
  return call;
}
