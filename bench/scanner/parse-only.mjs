// Baseline 1: ts.createSourceFile over every source file (the compiler the scanner uses, via ts-morph).
import { readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import { listSources } from './sources.mjs';

const started = performance.now();
const files = listSources(process.argv[2]);
let nodes = 0;
for (const file of files) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  nodes += sf.statements.length;
}
// inProcessMs: after Node start-up and loading the compiler, comparable with the scan's durationMs.
console.log(JSON.stringify({ files: files.length, statements: nodes, inProcessMs: performance.now() - started }));
