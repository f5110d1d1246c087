/**
 * Writes a synthetic multi-tenant TypeScript back end of about `files` files: per domain a route
 * module (Express), a service, a repository over one of Prisma / Drizzle / Knex / raw SQL, a Redis
 * cache and a vector-search module in rotation, plus a model file. About `gapRate` of the data
 * modules carry a planted gap (lookup by id only, KEYS on the shared keyspace, unfiltered vector
 * search, optional tenant parameter). Vendor modules are declared ambiently so `tsc --noEmit`
 * type-checks without node_modules.
 *
 * Usage: node bench/scanner/generate.mjs <dir> [files=1000] [gapRate=0.05]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const FLAVOURS = ['prisma', 'drizzle', 'knex', 'sql', 'redis', 'vector'];

/** Small deterministic PRNG so every run plants the same gaps. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const VENDOR = `declare module '@prisma/client' {
  export class PrismaClient { [model: string]: any; $transaction<T>(fn: (tx: any) => Promise<T>): Promise<T>; }
}
declare module 'drizzle-orm' {
  export function eq(a: unknown, b: unknown): unknown;
  export function and(...c: unknown[]): unknown;
}
declare module 'drizzle-orm/node-postgres' { export function drizzle(pool: unknown): any; }
declare module 'knex' { const knex: (config: unknown) => any; export default knex; }
declare module 'pg' { export class Pool { query<T = any>(text: string, values?: unknown[]): Promise<{ rows: T[] }>; } }
declare module 'ioredis' {
  export default class Redis { get(k: string): Promise<string | null>; set(k: string, v: string, ...a: unknown[]): Promise<unknown>; keys(p: string): Promise<string[]>; del(...k: string[]): Promise<number>; }
}
declare module '@pinecone-database/pinecone' {
  export class Pinecone { index(name: string): { namespace(ns: string): any; query(q: unknown): Promise<{ matches: any[] }> }; }
}
declare module 'express' {
  export interface Request { params: Record<string, string>; body: any; query: Record<string, string>; auth?: { tenantId: string; userId: string } }
  export interface Response { json(body: unknown): void; status(code: number): Response }
  export function Router(): { get(p: string, h: (req: Request, res: Response) => unknown): void; post(p: string, h: (req: Request, res: Response) => unknown): void };
}
declare module '@tenant-audit/runtime' {
  export function getCurrentTenant(): { tenantId: string };
  export function runWithTenant<T>(tenant: string, fn: () => T): T;
}
`;

const pascal = (s) => s.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase());

function model(name) {
  const P = pascal(name);
  return `/** ${P} record as stored per tenant. */
export interface ${P} {
  id: string;
  tenantId: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  ownerId: string;
  tags: string[];
}

export interface ${P}Input {
  title: string;
  body: string;
  tags?: string[];
}

export function normalise${P}(input: ${P}Input): ${P}Input {
  return { title: input.title.trim(), body: input.body, tags: [...new Set(input.tags ?? [])].sort() };
}
`;
}

function repository(name, flavour, gap) {
  const P = pascal(name);
  const table = `${name.replace(/-/g, '_')}s`;
  const head = `import type { ${P}, ${P}Input } from '../models/${name}.js';\n`;
  switch (flavour) {
    case 'prisma':
      return `${head}import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function find${P}(tenantId: string, id: string): Promise<${P} | null> {
  return prisma.${name.replace(/-./g, (m) => m[1].toUpperCase())}.${gap ? 'findUnique({ where: { id } })' : 'findFirst({ where: { id, tenantId } })'};
}

export async function list${P}s(tenantId: string, take = 50): Promise<${P}[]> {
  return prisma.${name.replace(/-./g, (m) => m[1].toUpperCase())}.findMany({ where: { tenantId }, take, orderBy: { createdAt: 'desc' } });
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<${P}> {
  return prisma.${name.replace(/-./g, (m) => m[1].toUpperCase())}.create({ data: { ...input, tenantId } });
}
`;
    case 'drizzle':
      return `${head}import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

const db = drizzle(new Pool());
const ${table} = { id: 'id', tenantId: 'tenant_id', title: 'title' } as const;

export async function find${P}(tenantId: string, id: string): Promise<${P} | undefined> {
  const rows: ${P}[] = await db.select().from(${table}).where(${gap ? `eq(${table}.id, id)` : `and(eq(${table}.tenantId, tenantId), eq(${table}.id, id))`});
  return rows[0];
}

export async function list${P}s(tenantId: string): Promise<${P}[]> {
  return db.select().from(${table}).where(eq(${table}.tenantId, tenantId));
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<void> {
  await db.insert(${table}).values({ ...input, tenantId });
}
`;
    case 'knex':
      return `${head}import knex from 'knex';

const kx = knex({ client: 'pg' });

export async function find${P}(tenantId: string, id: string): Promise<${P} | undefined> {
  return kx('${table}').where(${gap ? '{ id }' : '{ id, tenant_id: tenantId }'}).first();
}

export async function list${P}s(tenantId: string): Promise<${P}[]> {
  return kx('${table}').where({ tenant_id: tenantId }).orderBy('created_at', 'desc').limit(50);
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<void> {
  await kx('${table}').insert({ ...input, tenant_id: tenantId });
}
`;
    case 'sql':
      return `${head}import { Pool } from 'pg';

const pool = new Pool();

export async function find${P}(tenantId: string, id: string): Promise<${P} | undefined> {
  const { rows } = await pool.query<${P}>(${gap ? `'SELECT * FROM ${table} WHERE id = $1', [id]` : `'SELECT * FROM ${table} WHERE tenant_id = $1 AND id = $2', [tenantId, id]`});
  return rows[0];
}

export async function list${P}s(tenantId: string): Promise<${P}[]> {
  const { rows } = await pool.query<${P}>('SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50', [tenantId]);
  return rows;
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<void> {
  await pool.query('INSERT INTO ${table} (tenant_id, title, body) VALUES ($1, $2, $3)', [tenantId, input.title, input.body]);
}
`;
    case 'redis':
      return `${head}import Redis from 'ioredis';

const redis = new Redis();

export async function find${P}(tenantId: string, id: string): Promise<${P} | null> {
  const raw = await redis.get(\`${name}:\${tenantId}:\${id}\`);
  return raw ? (JSON.parse(raw) as ${P}) : null;
}

export async function list${P}s(tenantId: string): Promise<${P}[]> {
  const keys = await redis.keys(${gap ? `'${name}:*'` : `\`${name}:\${tenantId}:*\``});
  return keys.map((k) => ({ id: k, tenantId }) as ${P});
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<void> {
  await redis.set(\`${name}:\${tenantId}:\${input.title}\`, JSON.stringify(input), 'EX', 3600);
}
`;
    default:
      return `${head}import { Pinecone } from '@pinecone-database/pinecone';

const index = new Pinecone().index('${name}');

export async function find${P}(tenantId: string, id: string): Promise<${P} | undefined> {
  const result = await index.query({ id, topK: 1, filter: { tenantId } });
  return result.matches[0]?.metadata as ${P} | undefined;
}

export async function list${P}s(tenantId: string, vector: number[] = []): Promise<${P}[]> {
  const result = await index.query(${gap ? '{ vector, topK: 10, includeMetadata: true }' : '{ vector, topK: 10, includeMetadata: true, filter: { tenantId } }'});
  return result.matches.map((m: { metadata: ${P} }) => m.metadata);
}

export async function create${P}(tenantId: string, input: ${P}Input): Promise<void> {
  await index.namespace(tenantId).upsert([{ id: input.title, values: [], metadata: { ...input, tenantId } }]);
}
`;
  }
}

function service(name, optionalGap) {
  const P = pascal(name);
  return `import { getCurrentTenant } from '@tenant-audit/runtime';
import type { ${P}, ${P}Input } from '../models/${name}.js';
import { normalise${P} } from '../models/${name}.js';
import { create${P}, find${P}, list${P}s } from '../repositories/${name}.js';

export async function get${P}(id: string): Promise<${P} | undefined> {
  const { tenantId } = getCurrentTenant();
  return (await find${P}(tenantId, id)) ?? undefined;
}

export async function list${P}sFor(${optionalGap ? 'tenantId?: string' : 'tenantId: string'}): Promise<${P}[]> {
  return list${P}s(${optionalGap ? 'tenantId as string' : 'tenantId'});
}

export async function add${P}(input: ${P}Input): Promise<void> {
  const { tenantId } = getCurrentTenant();
  await create${P}(tenantId, normalise${P}(input));
}
`;
}

function route(name) {
  const P = pascal(name);
  return `import { Router } from 'express';
import { add${P}, get${P}, list${P}sFor } from '../services/${name}.js';

export const ${name.replace(/-./g, (m) => m[1].toUpperCase())}Routes = Router();

${name.replace(/-./g, (m) => m[1].toUpperCase())}Routes.get('/${name}s/:id', async (req, res) => {
  const item = await get${P}(req.params.id ?? '');
  if (!item) return res.status(404).json({ error: 'not found' });
  return res.json(item);
});

${name.replace(/-./g, (m) => m[1].toUpperCase())}Routes.get('/${name}s', async (req, res) => {
  res.json(await list${P}sFor(req.auth?.tenantId ?? ''));
});

${name.replace(/-./g, (m) => m[1].toUpperCase())}Routes.post('/${name}s', async (req, res) => {
  await add${P}(req.body);
  res.status(201).json({ ok: true });
});
`;
}

/** Generates the code base; returns what was written and how many gaps were planted. */
export function generate(dir, files = 1000, gapRate = 0.05, seed = 42) {
  const random = rng(seed);
  const domains = Math.max(1, Math.floor((files - 1) / 4));
  for (const sub of ['src/models', 'src/repositories', 'src/services', 'src/routes', 'src/types']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'src/types/vendor.d.ts'), VENDOR);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] }, null, 2)}\n`,
  );
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-app", "private": true, "type": "module" }\n');
  let planted = 0;
  const gaps = [];
  let lines = VENDOR.split('\n').length;
  let written = 1;
  for (let d = 0; d < domains; d++) {
    const name = `entity${d}`;
    const flavour = FLAVOURS[d % FLAVOURS.length];
    const gap = random() < gapRate;
    const optionalGap = random() < gapRate / 2;
    planted += Number(gap) + Number(optionalGap);
    if (gap) gaps.push({ file: `src/repositories/${name}.ts`, flavour });
    if (optionalGap) gaps.push({ file: `src/services/${name}.ts`, flavour: 'optional-param' });
    const out = [
      [`src/models/${name}.ts`, model(name)],
      [`src/repositories/${name}.ts`, repository(name, flavour, gap)],
      [`src/services/${name}.ts`, service(name, optionalGap)],
      [`src/routes/${name}.ts`, route(name)],
    ];
    for (const [path, text] of out) {
      writeFileSync(join(dir, path), text);
      lines += text.split('\n').length;
      written++;
    }
  }
  return { dir, files: written, lines, planted, gaps };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, files = '1000', rate = '0.05'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/scanner/generate.mjs <dir> [files] [gapRate]');
    process.exit(2);
  }
  const { gaps: _gaps, ...summary } = generate(dir, Number(files), Number(rate));
  console.log(JSON.stringify(summary));
}
