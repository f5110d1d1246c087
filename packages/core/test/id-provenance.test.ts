import { describe, expect, it } from 'vitest';
import { analyseSourceFile } from '../src/index.js';
import { envFor, parse } from './helpers.js';

const verdicts = (code: string) => analyseSourceFile(parse(code), envFor()).sinks.map((s) => s.verdict);
const flagged = (code: string) => analyseSourceFile(parse(code), envFor()).findings.filter((f) => f.kind === 'unscoped-query').length;

describe('ids without a tenant filter are judged by where they come from', () => {
  it('an id from request input is a gap, also through validation and destructuring', () => {
    expect(verdicts(`app.get('/d/:id', async (req, res) => res.json(await prisma.document.findUnique({ where: { id: req.params.id } })));
app.post('/d', async (req, res) => { const { id } = schema.parse(req.body); await prisma.document.delete({ where: { id } }); });
export async function GET(request: Request, { params }: { params: { id: string } }) { return prisma.document.findUnique({ where: { id: params.id } }); }`))
      .toEqual(['unscoped', 'unscoped', 'unscoped']);
  });
  it('an id the function receives is for its callers to answer, and the rule still reports it', () => {
    const code = `export async function findById(id: string) { return prisma.document.findUnique({ where: { id } }); }`;
    expect(verdicts(code)).toEqual(['id-parameter']);
    expect(flagged(code)).toBe(1);
  });
  it('an id taken from data the code loaded is not a cross-tenant read', () => {
    expect(verdicts(`async function touch(tenantId: string) {
  const docs = await prisma.document.findMany({ where: { tenantId } });
  for (const doc of docs) await prisma.document.update({ where: { id: doc.id }, data: { seen: true } });
}`)).toEqual(['parameter', 'derived']);
  });
  it('a file-private helper is judged by its callers in the same file', () => {
    expect(verdicts(`async function byIds(ids: string[]) { return prisma.document.findMany({ where: { id: { in: ids } } }); }
export async function fromEvents(tenantId: string) { const events = await prisma.message.findMany({ where: { tenantId } }); return byIds(events.map((e) => e.documentId)); }`))
      .toEqual(['derived', 'parameter']);
    expect(verdicts(`async function byId(id: string) { return prisma.document.findUnique({ where: { id } }); }
app.get('/x/:id', async (req, res) => res.json(await byId(req.params.id)));`)).toEqual(['unscoped']);
  });
  it('a same-file caller passing the object a destructured path reads ({ doc } and doc.tenantId) is followed, not taken for an omitted tenant', () => {
    expect(verdicts(`async function touch({ doc }: { doc: { id: string; tenantId: string } }) { return prisma.document.findFirst({ where: { tenantId: doc.tenantId } }); }
export async function run({ doc }: { doc: { id: string; tenantId: string } }) { return touch({ doc }); }`)).toEqual(['parameter']);
  });
  it('raw SQL parameters and tagged-template values are ids too', () => {
    expect(verdicts(`async function a(pool: Pool) { const row = await latestRow(); return pool.query('SELECT * FROM messages WHERE conversation_id = $1', [row.conversationId]); }
export async function b(pool: Pool, conversationId: string) { return pool.query('SELECT * FROM messages WHERE conversation_id = $1', [conversationId]); }
app.get('/m', async (req, res) => res.json(await sql\`select * from messages where id = \${req.query.id}\`));`))
      .toEqual(['derived', 'id-parameter', 'unscoped']);
  });
});

describe('request input read through URLs and headers', () => {
  it('treats searchParams, nextUrl and headers() as request input', () => {
    expect(verdicts(`export async function GET(request: Request) { const id = new URL(request.url).searchParams.get('id') ?? ''; return prisma.document.findUnique({ where: { id } }); }
export async function POST(req: NextRequest) { return prisma.document.delete({ where: { id: req.nextUrl.searchParams.get('id')! } }); }`))
      .toEqual(['unscoped', 'unscoped']);
  });
});

describe('Drizzle conditions pick rows by the values they compare', () => {
  it('judges eq(t.id, v) in a where option by where v comes from', () => {
    expect(verdicts(`async function a(tenantId: string) { const row = await db.query.documents.findFirst({ where: eq(documents.tenantId, tenantId) }); return db.query.documents.findFirst({ where: eq(documents.id, row.id) }); }
app.get('/d/:id', async (req, res) => res.json(await db.query.documents.findFirst({ where: eq(documents.id, req.params.id) })));`))
      .toEqual(['scoped', 'derived', 'unscoped']);
  });
});
