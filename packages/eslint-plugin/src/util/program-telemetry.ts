import type ts from 'typescript';

/**
 * A cheap, program-wide look for a tenant span processor: `new TenantSpanProcessor(…)` (or any
 * `new …Tenant…Processor(`) in a project source file. Per-file detection stays in core; this only
 * answers "is one registered anywhere?", which a single file cannot know.
 */
const REGISTERS_TENANT_PROCESSOR = /\bnew\s+(?:[\w$]+\.)*[\w$]*tenant[\w$]*processor\s*[(<]/i;

const cache = new WeakMap<ts.Program, boolean>();

export function programRegistersTenantProcessor(program: ts.Program): boolean {
  const hit = cache.get(program);
  if (hit !== undefined) return hit;
  let found = false;
  for (const sf of program.getSourceFiles()) {
    // Library typings only declare the class; registering it happens in the project's own code.
    if (sf.isDeclarationFile || sf.fileName.includes('/node_modules/')) continue;
    if (REGISTERS_TENANT_PROCESSOR.test(sf.text)) {
      found = true;
      break;
    }
  }
  cache.set(program, found);
  return found;
}
