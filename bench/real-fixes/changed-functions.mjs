/**
 * Which functions a fix changed: the diff's hunks, mapped to the function that holds each touched
 * line, on the parent side (where the finding must be) and on the fix side (where it must be gone).
 *
 * "The function" is the innermost function-like node around the line, widened past inline callbacks
 * (`rows.map((r) => …)`, `.then(…)`) to the handler, method or helper that holds them, because that
 * is the unit a reviewer would call "the vulnerable function" and the unit a finding names.
 */
import ts from 'typescript';

const INLINE_CALLBACK_CALLEES = new Set([
  'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'forEach', 'reduce', 'sort',
  'then', 'catch', 'finally', 'all', 'allSettled', 'race', 'transaction', '$transaction',
]);

/** `@@ -a,b +c,d @@` hunks of a unified diff with zero context, per side. */
export function parseHunks(diffText) {
  const byFile = new Map();
  let oldPath;
  let newPath;
  for (const line of diffText.split('\n')) {
    if (line.startsWith('--- ')) oldPath = line === '--- /dev/null' ? undefined : line.slice(6);
    else if (line.startsWith('+++ ')) newPath = line === '+++ /dev/null' ? undefined : line.slice(6);
    else if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const key = oldPath ?? newPath;
      if (!key) continue;
      const entry = byFile.get(key) ?? { oldPath, newPath, oldLines: new Set(), newLines: new Set(), oldAnchors: new Set(), newAnchors: new Set() };
      byFile.set(key, entry);
      const oldStart = Number(m[1]);
      const oldCount = m[2] === undefined ? 1 : Number(m[2]);
      const newStart = Number(m[3]);
      const newCount = m[4] === undefined ? 1 : Number(m[4]);
      // A pure insertion touches the lines around its point on the old side (and vice versa), so a
      // check added at the top of a handler counts for the handler. Those lines are anchors: counted
      // even when blank or a comment, since the change is the insertion between them.
      if (oldCount === 0) for (const l of [oldStart, oldStart + 1]) { entry.oldLines.add(l); entry.oldAnchors.add(l); }
      for (let i = 0; i < oldCount; i++) entry.oldLines.add(oldStart + i);
      if (newCount === 0) for (const l of [newStart, newStart + 1]) { entry.newLines.add(l); entry.newAnchors.add(l); }
      for (let i = 0; i < newCount; i++) entry.newLines.add(newStart + i);
    }
  }
  return byFile;
}

function isFunctionLike(node) {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
}

function calleeName(call) {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** An arrow or function expression passed to `.map`, `.then`, … inside another function. */
function isInlineCallback(node) {
  if (!(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return false;
  const parent = node.parent;
  if (!parent || !ts.isCallExpression(parent) || !parent.arguments.includes(node)) return false;
  const name = calleeName(parent);
  return !!name && INLINE_CALLBACK_CALLEES.has(name);
}

function nameOf(node, sf) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isStringLiteral(node.name)) return node.name.text;
  for (let p = node.parent; p && p !== sf; p = p.parent) {
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
    if (ts.isCallExpression(p)) {
      const first = p.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && p.arguments.includes(node)) {
        return `${calleeName(p) ?? 'call'} ${first.text}`;
      }
    }
    if (isFunctionLike(p)) break;
  }
  return '(anonymous)';
}

/** Every function-like node of a file with its 1-based line range. */
export function functionsOf(path, text) {
  const kind = /\.tsx$/.test(path) ? ts.ScriptKind.TSX : /\.jsx?$|\.mjs$|\.cjs$/.test(path) ? ts.ScriptKind.JSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const out = [];
  const visit = (node) => {
    if (isFunctionLike(node)) {
      out.push({
        node,
        start: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
        end: sf.getLineAndCharacterOfPosition(node.end).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { sf, functions: out };
}

/** The changed functions of one side: `{ name, start, end }` for each function holding a touched line. */
export function changedFunctions(path, text, lines, anchors = new Set()) {
  const { sf, functions } = functionsOf(path, text);
  const source = text.split('\n');
  const picked = new Map();
  for (const line of lines) {
    // A comment or blank line changes no behaviour: it must not make its enclosing function "changed".
    const t = (source[line - 1] ?? '').trim();
    if (!anchors.has(line) && (t === '' || t.startsWith('//') || t.startsWith('/*') || t.startsWith('*'))) continue;
    let inner;
    for (const f of functions) {
      if (f.start <= line && line <= f.end && (!inner || f.end - f.start <= inner.end - inner.start)) inner = f;
    }
    if (!inner) continue;
    // A line in the arguments of a registration call (`app.get(path, [auth, member], async (req) => …)`)
    // changes the route that call registers: its handler, not the plugin function around every route.
    let node = registeredHandler(sf, inner.node, line) ?? inner.node;
    while (isInlineCallback(node)) {
      let outer = node.parent;
      while (outer && !isFunctionLike(outer)) outer = outer.parent;
      if (!outer) break;
      node = outer;
    }
    const range = functions.find((f) => f.node === node);
    if (range && !picked.has(node)) picked.set(node, { name: nameOf(node, sf), start: range.start, end: range.end });
  }
  return [...picked.values()];
}

/** The handler a call registers when `line` sits in that call's other arguments, inside `fn` itself. */
function registeredHandler(sf, fn, line) {
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  let found;
  const visit = (n) => {
    if (n !== fn && isFunctionLike(n)) return;
    if (lineOf(n.getStart(sf)) > line || lineOf(n.end) < line) return;
    if (ts.isCallExpression(n)) {
      const handlers = n.arguments.filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      const last = handlers[handlers.length - 1];
      if (last && !(lineOf(last.getStart(sf)) <= line && line <= lineOf(last.end))) found = last;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}
