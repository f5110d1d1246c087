/**
 * Which calls read or write tenant data, per library, and where each expresses its filter. This is
 * data, not code: the recognisers in `recognise/sinks.ts` interpret it, and the docs print it.
 */

export type SinkLibrary =
  | 'prisma' | 'drizzle' | 'kysely' | 'knex' | 'typeorm' | 'sequelize' | 'mongoose' | 'supabase' | 'sql'
  | 'langchain' | 'pinecone' | 'qdrant' | 'chroma' | 'weaviate' | 'pgvector' | 'vector'
  // A store or repository method whose body is not in the scanned code: `runStore.findBatchTaskRunById(id)`.
  | 'store'
  /** Calls on other systems (sinks/external.ts) and object storage (sinks/storage.ts). */
  | 'external' | 'storage';

export type SinkCategory = 'query' | 'vector';
export type SinkOperation = 'read' | 'write';

/** Where the filter of a method call lives. */
export type FilterLocation =
  | 'arg0.where' // { where: {...} }
  | 'arg0' // the first argument is the filter itself
  | 'arg1.where' // Sequelize update(values, { where })
  | 'id-only' // the call can only take an id: findByPk, findById
  | 'criteria'; // TypeORM update/delete: arg0 is an id or a where object

export interface MethodSink {
  operation: SinkOperation;
  filter: FilterLocation;
}

/**
 * Lookup tables are indexed with method names taken from user code, so they must not inherit
 * `toString`, `constructor`, `valueOf`… from Object.prototype (`buf.toString()` is no vector search).
 */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export const PRISMA_METHODS: Readonly<Record<string, MethodSink>> = table({
  findMany: { operation: 'read', filter: 'arg0.where' },
  findFirst: { operation: 'read', filter: 'arg0.where' },
  findFirstOrThrow: { operation: 'read', filter: 'arg0.where' },
  findUnique: { operation: 'read', filter: 'arg0.where' },
  findUniqueOrThrow: { operation: 'read', filter: 'arg0.where' },
  count: { operation: 'read', filter: 'arg0.where' },
  aggregate: { operation: 'read', filter: 'arg0.where' },
  groupBy: { operation: 'read', filter: 'arg0.where' },
  update: { operation: 'write', filter: 'arg0.where' },
  updateMany: { operation: 'write', filter: 'arg0.where' },
  updateManyAndReturn: { operation: 'write', filter: 'arg0.where' },
  upsert: { operation: 'write', filter: 'arg0.where' },
  delete: { operation: 'write', filter: 'arg0.where' },
  deleteMany: { operation: 'write', filter: 'arg0.where' },
});

export const TYPEORM_METHODS: Readonly<Record<string, MethodSink>> = table({
  find: { operation: 'read', filter: 'arg0.where' },
  findOne: { operation: 'read', filter: 'arg0.where' },
  findOneOrFail: { operation: 'read', filter: 'arg0.where' },
  findAndCount: { operation: 'read', filter: 'arg0.where' },
  count: { operation: 'read', filter: 'arg0.where' },
  exists: { operation: 'read', filter: 'arg0.where' },
  findBy: { operation: 'read', filter: 'arg0' },
  findOneBy: { operation: 'read', filter: 'arg0' },
  findOneByOrFail: { operation: 'read', filter: 'arg0' },
  findAndCountBy: { operation: 'read', filter: 'arg0' },
  countBy: { operation: 'read', filter: 'arg0' },
  existsBy: { operation: 'read', filter: 'arg0' },
  update: { operation: 'write', filter: 'criteria' },
  delete: { operation: 'write', filter: 'criteria' },
  softDelete: { operation: 'write', filter: 'criteria' },
  restore: { operation: 'write', filter: 'criteria' },
});

export const SEQUELIZE_METHODS: Readonly<Record<string, MethodSink>> = table({
  findAll: { operation: 'read', filter: 'arg0.where' },
  findOne: { operation: 'read', filter: 'arg0.where' },
  findAndCountAll: { operation: 'read', filter: 'arg0.where' },
  count: { operation: 'read', filter: 'arg0.where' },
  findByPk: { operation: 'read', filter: 'id-only' },
  // Sequelize 4's name for findByPk.
  findById: { operation: 'read', filter: 'id-only' },
  update: { operation: 'write', filter: 'arg1.where' },
  destroy: { operation: 'write', filter: 'arg0.where' },
});

export const MONGOOSE_METHODS: Readonly<Record<string, MethodSink>> = table({
  find: { operation: 'read', filter: 'arg0' },
  findOne: { operation: 'read', filter: 'arg0' },
  countDocuments: { operation: 'read', filter: 'arg0' },
  distinct: { operation: 'read', filter: 'arg0' },
  findById: { operation: 'read', filter: 'id-only' },
  findByIdAndUpdate: { operation: 'write', filter: 'id-only' },
  findByIdAndDelete: { operation: 'write', filter: 'id-only' },
  findOneAndUpdate: { operation: 'write', filter: 'arg0' },
  findOneAndDelete: { operation: 'write', filter: 'arg0' },
  updateOne: { operation: 'write', filter: 'arg0' },
  updateMany: { operation: 'write', filter: 'arg0' },
  deleteOne: { operation: 'write', filter: 'arg0' },
  deleteMany: { operation: 'write', filter: 'arg0' },
});

/** Query-builder chains: calls that name the table, and calls that add a filter. */
export const BUILDER_TABLE_CALLS: Readonly<Record<string, SinkLibrary>> = table({
  selectFrom: 'kysely',
  updateTable: 'kysely',
  deleteFrom: 'kysely',
  from: 'knex',
  table: 'knex',
  createQueryBuilder: 'typeorm',
});

export const BUILDER_FILTER_CALLS = new Set([
  'where', 'andWhere', 'orWhere', 'whereIn', 'whereRaw', 'whereExists', 'andWhereRaw', 'having',
  'eq', 'match', 'filter', 'in', 'is', 'contains',
]);

/** Calls whose builder chain writes instead of reading. */
export const BUILDER_WRITE_CALLS = new Set(['update', 'updateTable', 'delete', 'deleteFrom', 'del', 'softDelete', 'upsert']);
/** Calls that create rows: a tenant filter does not apply, so the chain is not a filtered sink. */
export const BUILDER_INSERT_CALLS = new Set(['insert', 'insertInto', 'values', 'insertGetId', 'createMany']);

/** Raw SQL entry points: method names whose first argument (or template) is SQL text. */
export const RAW_SQL_METHODS = new Set([
  'query', 'execute', 'raw', 'unsafe', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe',
  'many', 'one', 'oneOrNone', 'manyOrNone', 'any', 'none', 'result',
]);
export const RAW_SQL_TAGS = new Set(['sql', '$queryRaw', '$executeRaw', 'SQL']);

/** Vector / semantic search calls and where each takes its tenant filter. */
export const VECTOR_METHODS: Readonly<Record<string, { library: SinkLibrary; filterArg: number | 'options.filter' | 'arg0.filter' }>> = table({
  similaritySearch: { library: 'langchain', filterArg: 2 },
  similaritySearchWithScore: { library: 'langchain', filterArg: 2 },
  similaritySearchVectorWithScore: { library: 'langchain', filterArg: 2 },
  maxMarginalRelevanceSearch: { library: 'langchain', filterArg: 'options.filter' },
  asRetriever: { library: 'langchain', filterArg: 'options.filter' },
});
