/**
 * Planted hostile inputs for the limit suite (bench/limits/run.mjs) and its behaviour test
 * (test/limits.test.ts): each generator returns the text of one file of about the size asked for, in a
 * shape that has cost real scanners their time: one function holding thousands of loads and checks
 * (every check looks at every later statement), minified bundles, files over the size cap, deep
 * nesting, long call chains, huge literals. Plain JS so the bench runs without a build step.
 */

const HEADER = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\ndeclare const redis: any;\n";

/** A Prisma schema whose Document model has a tenant column, so the planted loads are judged. */
export const SCHEMA = 'model Document {\n  id String @id\n  tenantId String\n  title String\n}\n';

/** One step of a handler: a by-id load checked after loading, a scoped list, a cache write. */
function block(i) {
  return `  {\n    const row${i} = await prisma.document.findUnique({ where: { id: req.params.id } });\n` +
    `    const list${i} = await prisma.document.findMany({ where: { tenantId, title: req.query.q } });\n` +
    `    if (row${i}.tenantId !== tenantId) return res.status(404).end();\n` +
    `    await redis.set('k' + req.params.id, JSON.stringify(list${i}));\n  }\n`;
}

function repeatTo(bytes, head, unit, tail) {
  let out = head;
  for (let i = 0; out.length + tail.length < bytes; i++) out += unit(i);
  return out + tail;
}

/** One exported handler with as many load-and-check blocks as fit in `bytes`. */
export function giantFunction(bytes) {
  return repeatTo(bytes, `${HEADER}export async function handler(req: any, res: any) {\n  const tenantId = req.user.tenantId;\n`, block, '}\n');
}

/** Top-level handlers one after another: many functions, each small. */
export function manyHandlers(bytes) {
  return repeatTo(bytes, HEADER, (i) => `export async function handler${i}(req: any, res: any) {\n  const tenantId = req.user.tenantId;\n${block(i)}}\n`, '');
}

/** A minified bundle: one line of code with no line breaks. */
export function minifiedBundle(bytes) {
  return repeatTo(bytes, '', (i) => `var a${i}=function(b){return prisma.document.findUnique({where:{id:b}})};`, '\n');
}

/** Plain, non-minified data rows: a file of `bytes` (over the size cap when asked). */
export function dataRows(bytes) {
  return repeatTo(bytes, 'declare const prisma: any;\n', (i) => `export const row${i} = { id: 'r${i}', label: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', n: ${i} };\n`, '');
}

/** Blocks nested `depth` deep, one a line, with a load at the bottom. */
export function deepNesting(depth) {
  const open = Array.from({ length: depth }, (_, i) => `${' '.repeat(i % 40)}if (x${i % 7}) {\n`).join('');
  return `${HEADER}declare const x0: boolean, x1: boolean, x2: boolean, x3: boolean, x4: boolean, x5: boolean, x6: boolean;\n` +
    `export async function nested(id: string) {\n${open}  return prisma.document.findUnique({ where: { id } });\n${'}\n'.repeat(depth)}}\n`;
}

/** A load followed by `links` chained calls, one a line. */
export function longChain(links) {
  return `${HEADER}export const q = (id: string) => prisma.document.findUnique({ where: { id } })${'\n  .then((r: unknown) => r)'.repeat(links)};\n`;
}

/** A `where` object with `keys` properties, then a load through it. */
export function hugeObject(keys) {
  const props = Array.from({ length: keys }, (_, i) => `    f${i}: input.f${i},\n`).join('');
  return `${HEADER}export async function find(input: any) {\n  return prisma.document.findMany({ where: {\n${props}  } });\n}\n`;
}

/** A string built from `terms` concatenations (a deep binary tree), used as a raw SQL query. */
export function longConcatenation(terms) {
  return `${HEADER}export async function q(id: string) {\n  const sql = 'SELECT * FROM "Document" WHERE id = ' + id${"\n    + ' OR 1=1'".repeat(terms)};\n  return prisma.$queryRawUnsafe(sql);\n}\n`;
}

/** `count` small files, each with one unscoped load: the tree for the many-files limit. */
export function manySmallFiles(count) {
  const files = {};
  for (let i = 0; i < count; i++) {
    files[`src/m${Math.floor(i / 500)}/f${i}.ts`] = `declare const prisma: any;\nexport async function load${i}(id: string) {\n  return prisma.document.findUnique({ where: { id } });\n}\n`;
  }
  return files;
}
