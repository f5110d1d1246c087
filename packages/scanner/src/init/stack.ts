/**
 * Which ORMs and frameworks a code base uses, for `tenant-audit init`: read from the package.json
 * dependencies and from the import specifiers of the source, each with the evidence that decided it,
 * so the printed summary can say why (a dependency can be unused, an import can come from a
 * monorepo root's package.json).
 */

export interface StackPart {
  /** Display name, e.g. `Prisma`. */
  name: string;
  kind: 'orm' | 'framework' | 'store';
  /** Where it was seen: `@prisma/client in apps/web/package.json`, `imported by 12 files`. */
  evidence: string[];
}

interface Known {
  name: string;
  kind: StackPart['kind'];
  /** Package names (exact, or a scope prefix ending in `/`). */
  packages: string[];
}

/** The data layers the scanner reads, and the frameworks whose entry points it recognises. */
const KNOWN: readonly Known[] = [
  { name: 'Prisma', kind: 'orm', packages: ['@prisma/client', 'prisma'] },
  { name: 'Drizzle', kind: 'orm', packages: ['drizzle-orm'] },
  { name: 'TypeORM', kind: 'orm', packages: ['typeorm', '@nestjs/typeorm'] },
  { name: 'Sequelize', kind: 'orm', packages: ['sequelize', 'sequelize-typescript'] },
  { name: 'Mongoose', kind: 'orm', packages: ['mongoose', '@nestjs/mongoose'] },
  { name: 'MongoDB driver', kind: 'orm', packages: ['mongodb'] },
  { name: 'Kysely', kind: 'orm', packages: ['kysely'] },
  { name: 'Knex', kind: 'orm', packages: ['knex'] },
  { name: 'MikroORM', kind: 'orm', packages: ['@mikro-orm/'] },
  { name: 'Supabase', kind: 'orm', packages: ['@supabase/supabase-js'] },
  { name: 'node-postgres (raw SQL)', kind: 'orm', packages: ['pg', 'postgres', '@neondatabase/serverless', '@vercel/postgres'] },
  { name: 'MySQL (raw SQL)', kind: 'orm', packages: ['mysql2', 'mysql', '@planetscale/database'] },
  { name: 'SQLite (raw SQL)', kind: 'orm', packages: ['better-sqlite3', 'sqlite3', '@libsql/client'] },
  { name: 'ClickHouse', kind: 'orm', packages: ['@clickhouse/client'] },
  { name: 'Redis', kind: 'store', packages: ['ioredis', 'redis', '@upstash/redis'] },
  { name: 'Vector store', kind: 'store', packages: ['@pinecone-database/pinecone', '@qdrant/js-client-rest', 'weaviate-client', 'weaviate-ts-client', 'chromadb', '@langchain/', 'langchain'] },
  { name: 'Express', kind: 'framework', packages: ['express'] },
  { name: 'Fastify', kind: 'framework', packages: ['fastify'] },
  { name: 'Koa', kind: 'framework', packages: ['koa', '@koa/router'] },
  { name: 'Hono', kind: 'framework', packages: ['hono'] },
  { name: 'NestJS', kind: 'framework', packages: ['@nestjs/core', '@nestjs/common'] },
  { name: 'Next.js', kind: 'framework', packages: ['next'] },
  { name: 'Remix / React Router', kind: 'framework', packages: ['@remix-run/node', '@remix-run/server-runtime', '@react-router/node'] },
  { name: 'SvelteKit', kind: 'framework', packages: ['@sveltejs/kit'] },
  { name: 'tRPC', kind: 'framework', packages: ['@trpc/server'] },
  { name: 'GraphQL', kind: 'framework', packages: ['graphql', '@apollo/server', 'type-graphql', '@nestjs/graphql', 'graphql-yoga'] },
  { name: 'AWS Lambda', kind: 'framework', packages: ['aws-lambda', '@types/aws-lambda'] },
];

function matches(pkg: string, known: Known): boolean {
  return known.packages.some((p) => (p.endsWith('/') ? pkg.startsWith(p) : pkg === p));
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; relative and node: specifiers → undefined. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Bare import specifiers of a source text: `from 'x'`, `import 'x'`, `import('x')`, `require('x')`. */
export function importedPackages(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g)) {
    const pkg = packageOf(m[1] ?? '');
    if (pkg) out.add(pkg);
  }
  return out;
}

export interface ManifestDeps {
  /** Relative path of the package.json. */
  file: string;
  /** Every dependency name (dependencies, devDependencies, peerDependencies, optionalDependencies). */
  names: string[];
}

/** The dependency names of a parsed package.json (anything malformed reads as none). */
export function dependencyNames(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null) return [];
  const out: string[] = [];
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (manifest as Record<string, unknown>)[key];
    if (typeof deps === 'object' && deps !== null && !Array.isArray(deps)) out.push(...Object.keys(deps));
  }
  return out;
}

/**
 * The stack: every known part seen in a manifest, imported by a source file, or (Prisma) declared by a
 * `.prisma` schema. `imports` maps a package name to the number of source files that import it.
 */
export function detectStack(manifests: readonly ManifestDeps[], imports: ReadonlyMap<string, number>, prismaSchemas: readonly string[] = []): StackPart[] {
  const parts: StackPart[] = [];
  for (const known of KNOWN) {
    const evidence: string[] = [];
    // A schema.prisma is Prisma even where the client is generated into the code base or stubbed.
    if (known.name === 'Prisma' && prismaSchemas.length > 0) {
      evidence.push(`${prismaSchemas.length === 1 ? 'schema' : `${prismaSchemas.length} schemas`} ${prismaSchemas.slice(0, 2).join(', ')}${prismaSchemas.length > 2 ? ', …' : ''}`);
    }
    for (const m of manifests) {
      const hit = [...new Set(m.names.filter((n) => matches(n, known)))];
      if (hit.length > 0) evidence.push(`${hit.join(', ')} in ${m.file}`);
    }
    const importers = [...imports].filter(([pkg]) => matches(pkg, known));
    if (importers.length > 0) {
      const files = importers.reduce((sum, [, n]) => sum + n, 0);
      evidence.push(`${importers.map(([p]) => p).join(', ')} imported by ${files} source file${files === 1 ? '' : 's'}`);
    }
    if (evidence.length > 0) parts.push({ name: known.name, kind: known.kind, evidence });
  }
  return parts;
}
