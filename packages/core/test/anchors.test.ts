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
