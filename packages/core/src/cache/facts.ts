import type * as TS from 'typescript';
import type { FileAnalysis } from '../analyse/file.js';
import type { TypeScriptModule } from '../recognise/env.js';
import { ensureParents } from '../recognise/ast.js';

/**
 * A file's analysis as plain JSON data: what a cache can keep between runs.
 *
 * `FileAnalysis` points into the syntax tree (the node a finding is on, the enclosing function, the
 * values a filter compares). Here each node is its place in the text instead (`$n`: start, end, syntax
 * kind, and how many enclosing nodes share that place and kind), and every object or array is one
 * entry of a table (`$o`), so that two findings sharing one sink still share it when read back.
 * Parsing the same text with the same compiler gives the same tree, so the places find the same nodes.
 */
export interface FileFacts {
  format: typeof FACTS_FORMAT;
  /** Entry 0 is the analysis itself. */
  objects: FactObject[];
}

export const FACTS_FORMAT = 1;

/** A JSON value in which every object, array and node is a reference. */
type Encoded = string | number | boolean | null | { $o: number } | { $n: [number, number, number, number] } | { $u: 1 } | { $f: string };
type FactObject = { a: Encoded[] } | { o: Record<string, Encoded> };

/** Something in an analysis that plain data cannot hold (a Map, a function…): that file is not kept. */
export class UnserializableFact extends Error {}

function isNode(value: object): value is TS.Node {
  // Compiler nodes are class instances with a syntax kind and a text range; facts are plain objects.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null || Array.isArray(value)) return false;
  const v = value as { kind?: unknown; pos?: unknown; end?: unknown };
  return typeof v.kind === 'number' && typeof v.pos === 'number' && typeof v.end === 'number';
}

/** How many enclosing nodes have the same range and kind: tells nested look-alikes apart. */
function sameRangeAncestors(node: TS.Node): number {
  let n = 0;
  for (let p = node.parent; p; p = p.parent) if (p.pos === node.pos && p.end === node.end && p.kind === node.kind) n++;
  return n;
}

/** The analysis of one file as plain data. Throws `UnserializableFact` on anything that is not. */
export function factsOf(analysis: FileAnalysis, sourceFile: TS.SourceFile): FileFacts {
  const objects: FactObject[] = [];
  const ids = new Map<object, number>();
  const encode = (value: unknown): Encoded => {
    if (value === undefined) return { $u: 1 };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : { $f: String(value) };
    if (typeof value !== 'object') throw new UnserializableFact(`a ${typeof value} in the analysis`);
    if (isNode(value)) {
      if (value.getSourceFile() !== sourceFile) throw new UnserializableFact('a node of another file in the analysis');
      return { $n: [value.pos, value.end, value.kind, sameRangeAncestors(value)] };
    }
    const known = ids.get(value);
    if (known !== undefined) return { $o: known };
    const proto = Object.getPrototypeOf(value) as unknown;
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
      throw new UnserializableFact(`a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'class instance'} in the analysis`);
    }
    const id = objects.length;
    ids.set(value, id);
    const slot: FactObject = Array.isArray(value) ? { a: [] } : { o: {} };
    objects.push(slot);
    if ('a' in slot) for (const item of value as unknown[]) slot.a.push(encode(item));
    else for (const [key, item] of Object.entries(value)) slot.o[key] = encode(item);
    return { $o: id };
  };
  encode(analysis);
  return { format: FACTS_FORMAT, objects };
}

/** The node at a recorded place, searching only the subtrees that contain it. */
function locate(ts: TypeScriptModule, root: TS.Node, pos: number, end: number, kind: number, nth: number): TS.Node | undefined {
  let seen = 0;
  const visit = (node: TS.Node): TS.Node | undefined => {
    if (node.pos === pos && node.end === end && node.kind === kind && seen++ === nth) return node;
    // A zero-width node may sit at the edge of two siblings: every child that contains the place is tried.
    return ts.forEachChild(node, (child) => (child.pos <= pos && end <= child.end ? visit(child) : undefined));
  };
  return visit(root);
}

/**
 * The analysis back from its facts, its nodes found again in `sourceFile` (parsed from the same text).
 * `undefined` when a place no longer holds the node it held: the facts do not belong to this tree and
 * the file must be analysed afresh.
 */
export function analysisFromFacts(facts: FileFacts, sourceFile: TS.SourceFile, ts: TypeScriptModule): FileAnalysis | undefined {
  if (facts.format !== FACTS_FORMAT || !Array.isArray(facts.objects) || facts.objects.length === 0) return undefined;
  ensureParents(ts, sourceFile);
  const built: (object | undefined)[] = new Array(facts.objects.length);
  const nodes = new Map<string, TS.Node>();
  const decode = (value: Encoded): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if ('$u' in value) return undefined;
    if ('$f' in value) return Number(value.$f);
    if ('$n' in value) {
      const [pos, end, kind, nth] = value.$n;
      const key = `${pos}:${end}:${kind}:${nth}`;
      let node = nodes.get(key);
      if (!node) {
        node = locate(ts, sourceFile, pos, end, kind, nth);
        if (!node) throw new StaleFacts();
        nodes.set(key, node);
      }
      return node;
    }
    return object(value.$o);
  };
  const object = (id: number): object => {
    const done = built[id];
    if (done) return done;
    const slot = facts.objects[id];
    if (!slot) throw new StaleFacts();
    if ('a' in slot) {
      const out: unknown[] = [];
      built[id] = out;
      for (const item of slot.a) out.push(decode(item));
      return out;
    }
    const out: Record<string, unknown> = {};
    built[id] = out;
    for (const [key, item] of Object.entries(slot.o)) out[key] = decode(item);
    return out;
  };
  try {
    return object(0) as FileAnalysis;
  } catch (error) {
    if (error instanceof StaleFacts) return undefined;
    throw error;
  }
}

class StaleFacts extends Error {}
