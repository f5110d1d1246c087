import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const SCHEMA = `model Document {
  id       String @id
  tenantId String
  chunks   Chunk[]
}
model Chunk {
  id         String   @id
  documentId String
  document   Document @relation(fields: [documentId], references: [id])
}
model Message {
  id             String @id
  tenantId       String
  documentId     String
  document       Document @relation(fields: [documentId], references: [id])
}`;

const verdicts = (code: string) => {
  const sf = parse(code);
  return analyseSourceFile(sf, envFor({}, SCHEMA)).sinks.map((s) => `${s.match.model}:${s.verdict}`);
};

describe('tenant anchors inherited from a parent', () => {
  it('a child without its own tenant column is scoped by its parent key, and unscoped without it', () => {
    expect(verdicts(`async function a(documentId: string) { return prisma.chunk.findMany({ where: { documentId } }); }
async function b() { return prisma.chunk.findMany(); }`)).toEqual(['chunk:parameter', 'chunk:unscoped']);
  });
  it('a parent key from the request body is untrusted', () => {
    expect(verdicts(`app.get('/c', async (req, res) => res.json(await prisma.chunk.findMany({ where: { documentId: req.body.documentId } })));`))
      .toEqual(['chunk:untrusted']);
  });
  it('a model with its own tenant column is scoped by a parent key only as well as that key is verified', () => {
    expect(verdicts(`async function a(documentId: string) { return prisma.message.findMany({ where: { documentId } }); }
async function b(id: string) { return prisma.message.findMany({ where: { id } }); }
app.get('/m', async (req, res) => res.json(await prisma.message.findMany({ where: { documentId: req.query.doc } })));`))
      .toEqual(['message:parameter', 'message:id-parameter', 'message:untrusted']);
  });
});

describe('a parent key by naming: a field with no relation, named like a declared parent key', () => {
  const NAMED = `${SCHEMA}
model AuditEntry {
  id         String @id
  tenantId   String
  documentId String
  action     String
}`;
  const judged = (code: string) => analyseSourceFile(parse(code), envFor({}, NAMED)).sinks.map((s) => `${s.match.model}:${s.verdict}`);

  it('scopes a child read by the verified parent id even without an @relation', () => {
    expect(judged(`import { prisma } from './db';
export async function log(ctx: { tenantId: string }, documentId: string) {
  const doc = await prisma.document.findFirst({ where: { id: documentId, tenantId: ctx.tenantId } });
  if (!doc) throw new Error('nf');
  return prisma.auditEntry.findMany({ where: { documentId: doc.id } });
}`)).toEqual(['document:parameter', 'auditEntry:scoped']);
  });

  it('a field with its own relation is judged by that relation only', () => {
    const env = envFor({}, NAMED);
    expect(env.dataModel.tenantAnchors('AuditEntry')).toContain('documentId');
    expect(env.dataModel.tenantAnchors('Chunk')).toEqual(['documentId']);
  });
});
