import { describe, expect, it } from 'vitest';
import { detectStack, importedPackages, packageOf } from '../../src/init/stack.js';

describe('init: stack detection', () => {
  it('reads package names from import specifiers, not relative or node: ones', () => {
    expect([...importedPackages("import { PrismaClient } from '@prisma/client';\nimport x from './x.js';\nconst r = require('ioredis');\nimport('drizzle-orm/pg-core');\nimport 'node:fs';")])
      .toEqual(['@prisma/client', 'ioredis', 'drizzle-orm']);
    expect(packageOf('@trpc/server/adapters/next')).toBe('@trpc/server');
    expect(packageOf('node:crypto')).toBeUndefined();
  });

  it('names each part with the manifests and imports that show it', () => {
    const parts = detectStack(
      [{ file: 'apps/web/package.json', names: ['next', '@prisma/client', 'prisma', '@prisma/client'] }],
      new Map([['@prisma/client', 12], ['express', 2]]),
    );
    expect(parts.map((p) => `${p.kind} ${p.name}: ${p.evidence.join('; ')}`)).toEqual([
      'orm Prisma: @prisma/client, prisma in apps/web/package.json; @prisma/client imported by 12 source files',
      'framework Express: express imported by 2 source files',
      'framework Next.js: next in apps/web/package.json',
    ]);
  });

  it('takes a .prisma schema as Prisma even without the client package', () => {
    expect(detectStack([], new Map(), ['prisma/schema.prisma']).map((p) => `${p.name}: ${p.evidence.join('; ')}`)).toEqual(['Prisma: schema prisma/schema.prisma']);
  });

  it('finds nothing in a code base without known packages', () => {
    expect(detectStack([{ file: 'package.json', names: ['lodash'] }], new Map([['zod', 3]]))).toEqual([]);
  });
});
