import { Document } from '@langchain/core/documents';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import { VectorStore } from '@langchain/core/vectorstores';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingTenantContextError, PlatformScopeError, runAsPlatform, runWithTenant, setPlatformAuditHook } from '../src/context/index.js';
import {
  createScopedRetriever,
  InMemoryVectorStore,
  RETRIEVAL_DROPPED_WARNING_CODE,
  TenantScopedRetriever,
} from '../src/retrieval/index.js';
import type { DroppedItemsEvent, RetrievalBackend, RetrievalQuery, RetrievedItem } from '../src/retrieval/index.js';

afterEach(() => setPlatformAuditHook(undefined));

/** A broken backend: records the query it got and returns everything, whatever the filter says. */
function leakyBackend(items: RetrievedItem[]): RetrievalBackend & { queries: RetrievalQuery[] } {
  const queries: RetrievalQuery[] = [];
  return { queries, async search(query) { queries.push(query); return items; } };
}

const mixed: RetrievedItem[] = [
  { id: '1', score: 0.9, content: 'acme roadmap', metadata: { tenantId: 'acme' } },
  { id: '2', score: 0.8, content: 'globex pricing', metadata: { tenantId: 'globex' } },
  { id: '3', score: 0.7, content: 'unmarked legacy doc', metadata: {} },
  { id: '4', score: 0.6, content: 'acme design doc', metadata: { tenantId: 'acme', kind: 'design' } },
  { id: '5', score: 0.5, content: 'null marker', metadata: { tenantId: null } },
  { id: '6', score: 0.4, content: 'no metadata at all' } as unknown as RetrievedItem,
  { id: '7', score: 0.3, content: 'empty marker', metadata: { tenantId: '' } },
];

describe('createScopedRetriever', () => {
  it('returns only the current tenant\'s items from a backend that ignores the filter, and reports the drop', async () => {
    const events: DroppedItemsEvent[] = [];
    const backend = leakyBackend(mixed);
    const retriever = createScopedRetriever(backend, { onDropped: (e) => events.push(e), source: 'leaky' });
    const items = await runWithTenant('acme', () => retriever.search({ embedding: [1, 0], topK: 10 }));
    expect(items.map((i) => i.id)).toEqual(['1', '4']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ tenantId: 'acme', dropped: 5, foreign: 1, unmarked: 4, returned: 7, source: 'leaky' });
    // globex sees only its one item; unmarked items are hidden from every tenant.
    const globex = await runWithTenant('globex', () => retriever.search({ embedding: [1, 0], topK: 10 }));
    expect(globex.map((i) => i.content)).toEqual(['globex pricing']);
    expect(events[1]).toMatchObject({ tenantId: 'globex', dropped: 6, foreign: 2, unmarked: 4 });
  });

  it('always sends the context tenant as the filter; a caller-supplied tenantId cannot override it', async () => {
    const backend = leakyBackend([]);
    const retriever = createScopedRetriever(backend, { onDropped: () => undefined });
    await runWithTenant('acme', () => retriever.search({ text: 'q', topK: 3, filter: { tenantId: 'globex', kind: 'design' } }));
    expect(backend.queries[0]).toEqual({ text: 'q', topK: 3, filter: { kind: 'design', tenantId: 'acme' } });
  });

  it('does not report when nothing was dropped, and caps results at topK', async () => {
    const events: DroppedItemsEvent[] = [];
    const own = Array.from({ length: 5 }, (_, i) => ({ id: String(i), score: 1, content: 'x', metadata: { tenantId: 'acme' } }));
    const retriever = createScopedRetriever(leakyBackend(own), { onDropped: (e) => events.push(e) });
    expect(await runWithTenant('acme', () => retriever.search({ embedding: [1], topK: 2 }))).toHaveLength(2);
    expect(events).toHaveLength(0);
  });

  it('emits a process warning by default when items are dropped', async () => {
    const warnings: Array<Error & { code?: string }> = [];
    const listener = (w: Error): void => { warnings.push(w); };
    process.on('warning', listener);
    try {
      await runWithTenant('acme', () => createScopedRetriever(leakyBackend(mixed)).search({ embedding: [1], topK: 5 }));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    const ours = warnings.filter((w) => w.code === RETRIEVAL_DROPPED_WARNING_CODE);
    expect(ours).toHaveLength(1);
    expect(JSON.parse(ours[0]!.message)).toMatchObject({ dropped: 5 });
    expect(ours[0]!.message).not.toContain('globex pricing');
  });

  it('refuses to search without a tenant, and under platform scope', async () => {
    const backend = leakyBackend(mixed);
    const retriever = createScopedRetriever(backend, { onDropped: () => undefined });
    await expect(retriever.search({ embedding: [1], topK: 1 })).rejects.toThrow(MissingTenantContextError);
    setPlatformAuditHook(() => undefined);
    await expect(runAsPlatform('ops', () => retriever.search({ embedding: [1], topK: 1 }))).rejects.toThrow(PlatformScopeError);
    expect(backend.queries).toHaveLength(0);
    await expect(runWithTenant('acme', () => retriever.search({ topK: 1 }))).rejects.toThrow(TypeError);
    await expect(runWithTenant('acme', () => retriever.search({ embedding: [1], topK: 0 }))).rejects.toThrow(RangeError);
  });
});

describe('InMemoryVectorStore', () => {
  it('ranks by cosine similarity and honours the tenant and extra filters', async () => {
    const store = new InMemoryVectorStore({ embed: (text) => (text === 'north' ? [0, 1] : [1, 0]) });
    store.add([
      { id: 'a-east', embedding: [1, 0], content: 'acme east', metadata: { tenantId: 'acme', lang: 'en' } },
      { id: 'a-north', embedding: [0, 1], content: 'acme north', metadata: { tenantId: 'acme', lang: 'de' } },
      { id: 'g-north', embedding: [0, 1], content: 'globex north', metadata: { tenantId: 'globex', lang: 'en' } },
      { id: 'orphan', embedding: [0, 1], content: 'no tenant', metadata: {} },
    ]);
    const retriever = createScopedRetriever(store, { onDropped: () => { throw new Error('store must honour the filter'); } });
    const north = await runWithTenant('acme', () => retriever.search({ text: 'north', topK: 5 }));
    expect(north.map((i) => i.id)).toEqual(['a-north', 'a-east']);
    expect(north[0]!.score).toBeCloseTo(1);
    expect(north[1]!.score).toBeCloseTo(0);
    const english = await runWithTenant('acme', () => retriever.search({ embedding: [0, 1], topK: 5, filter: { lang: 'en' } }));
    expect(english.map((i) => i.id)).toEqual(['a-east']);
    expect(await runWithTenant('initech', () => retriever.search({ embedding: [0, 1], topK: 5 }))).toEqual([]);
  });

  it('keeps two tenants\' documents with the same id apart', async () => {
    const store = new InMemoryVectorStore();
    store.add([{ id: 'doc-1', embedding: [1, 0], content: 'acme doc-1', metadata: { tenantId: 'acme' } }]);
    store.add([{ id: 'doc-1', embedding: [1, 0], content: 'globex doc-1', metadata: { tenantId: 'globex' } }]);
    expect(store.size).toBe(2);
    const retriever = createScopedRetriever(store);
    expect((await runWithTenant('acme', () => retriever.search({ embedding: [1, 0], topK: 5 }))).map((i) => i.content)).toEqual(['acme doc-1']);
    expect((await runWithTenant('globex', () => retriever.search({ embedding: [1, 0], topK: 5 }))).map((i) => i.content)).toEqual(['globex doc-1']);
  });
});

/** A LangChain VectorStore whose similarity search ignores the filter it is given (the GAP-2 bug). */
class FilterIgnoringStore extends VectorStore {
  declare FilterType: object;
  readonly docs: Document[];
  readonly filters: unknown[] = [];
  constructor(docs: Document[]) {
    super(new FakeEmbeddings(), {});
    this.docs = docs;
  }
  _vectorstoreType(): string { return 'filter-ignoring'; }
  async addVectors(): Promise<void> {}
  async addDocuments(): Promise<void> {}
  async similaritySearchVectorWithScore(_query: number[], k: number, filter?: object): Promise<[Document, number][]> {
    this.filters.push(filter);
    return this.docs.slice(0, k).map((doc, i) => [doc, 1 - i / 10]);
  }
}

describe('TenantScopedRetriever (LangChain)', () => {
  const docs = [
    new Document({ pageContent: 'acme contract', metadata: { tenantId: 'acme' } }),
    new Document({ pageContent: 'globex contract', metadata: { tenantId: 'globex' } }),
    new Document({ pageContent: 'unmarked', metadata: {} }),
    new Document({ pageContent: 'acme memo', metadata: { tenantId: 'acme' } }),
  ];

  it('passes the tenant as the store filter and post-checks doc.metadata.tenantId', async () => {
    const store = new FilterIgnoringStore(docs);
    const events: DroppedItemsEvent[] = [];
    const retriever = new TenantScopedRetriever(store, { k: 10, onDropped: (e) => events.push(e) });
    const found = await runWithTenant('acme', () => retriever.invoke('contract'));
    expect(found.map((d) => d.pageContent)).toEqual(['acme contract', 'acme memo']);
    expect(store.filters).toEqual([{ tenantId: 'acme' }]);
    expect(events[0]).toMatchObject({ tenantId: 'acme', dropped: 2, foreign: 1, unmarked: 1, source: 'filter-ignoring' });
    await expect(retriever.invoke('contract')).rejects.toThrow(MissingTenantContextError);
  });

  it('works as a real LangChain BaseRetriever, with the tenant context flowing through invoke()', async () => {
    const store = new FilterIgnoringStore(docs);
    const scoped = new TenantScopedRetriever(store, { k: 10, onDropped: () => undefined, tenantFilter: (t) => ({ must: [{ key: 'tenantId', match: t }] }) });
    const retriever = await scoped.asLangChainRetriever();
    const [acme, globex] = await Promise.all([
      runWithTenant('acme', () => retriever.invoke('contract')),
      runWithTenant('globex', () => retriever.invoke('contract')),
    ]);
    expect(acme.map((d) => d.pageContent)).toEqual(['acme contract', 'acme memo']);
    expect(globex.map((d) => d.pageContent)).toEqual(['globex contract']);
    expect(store.filters).toContainEqual({ must: [{ key: 'tenantId', match: 'globex' }] });
  });
});
