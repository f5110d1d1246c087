// Baseline 2: a ts-morph Project loaded from the tsconfig, every file parsed (no type check).
import { Project } from 'ts-morph';

const started = performance.now();
const project = new Project({ tsConfigFilePath: process.argv[2] });
let statements = 0;
for (const sf of project.getSourceFiles()) statements += sf.compilerNode.statements.length;
console.log(JSON.stringify({ files: project.getSourceFiles().length, statements, inProcessMs: performance.now() - started }));
