import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyseSourceFile, buildDataModel, createEnv, resolveConfig, type TenantAuditConfig } from '../src/index.js';
import { parse } from './helpers.js';

const ENTITIES = `export const ProjectEntity = new EntitySchema<Project>({ name: 'project', columns: { id: ApIdSchema, platformId: ApIdSchema } });
export const FlowEntity = new EntitySchema<Flow>({
  name: 'flow',
  columns: { id: ApIdSchema, projectId: ApIdSchema, status: { type: String } },
  relations: { project: { type: 'many-to-one', target: 'project', joinColumn: { name: 'projectId' } } },
});
export const FlagEntity = new EntitySchema<Flag>({ name: 'flag', columns: { id: ApIdSchema, value: { type: String } } });`;

/** Every recognised sink of `code`: description, model and verdict, against the entity file above. */
function sinks(code: string, config: TenantAuditConfig = { tenantFields: ['projectId', 'platformId'] }, models = ENTITIES) {
  const resolved = resolveConfig(config);
  const model = buildDataModel([{ path: 'entities.ts', text: models }], resolved);
  const sf = parse(code);
  const analysis = analyseSourceFile(sf, createEnv(ts, resolved, model));
  return analysis.sinks.filter((s) => s.match.writtenKey === undefined).map((s) => ({
    sink: s.match.description, model: s.match.model, verdict: s.verdict,
    line: sf.getLineAndCharacterOfPosition(s.match.node.getStart(sf)).line + 1,
  }));
}

describe('TypeORM repositories reached through getters and factories', () => {
  it('a getter made by a factory from the entity: flowRepo().findOneBy and flowRepo(em).update', () => {
    const code = `import { repoFactory } from './repo-factory';
export const flowService = {
  async get(req: { params: { id: string } }) { return flowRepo().findOneBy({ id: req.params.id }); },
  async rename(em: EntityManager, req: { params: { id: string }; body: { name: string } }) { await flowRepo(em).update(req.params.id, { name: req.body.name }); },
  async mine(projectId: string) { return flowRepo().find({ where: { projectId } }); },
};
const flowRepo = repoFactory<Flow>(FlowEntity);`;
    expect(sinks(code)).toEqual([
      { sink: 'flowRepo().findOneBy', model: 'FlowEntity', verdict: 'unscoped', line: 3 },
      { sink: 'flowRepo().update', model: 'FlowEntity', verdict: 'unscoped', line: 4 },
      { sink: 'flowRepo().find', model: 'FlowEntity', verdict: 'parameter', line: 5 },
    ]);
  });
  it('a variable set from getRepository(Entity), also with a type argument', () => {
    const code = `export async function get(req: { params: { id: string } }) {
  const repo = databaseConnection().getRepository<Flow>(FlowEntity);
  return repo.findOneBy({ id: req.params.id });
}
export async function flags(req: { params: { id: string } }) {
  const flags = dataSource.getRepository(FlagEntity);
  return flags.findOneBy({ id: req.params.id });
}`;
    expect(sinks(code).map((s) => [s.sink, s.model, s.verdict])).toEqual([
      ['repo.findOneBy', 'FlowEntity', 'unscoped'],
      ['flags.findOneBy', 'FlagEntity', 'global'],
    ]);
  });
  it('a per-entity holder (Db.collections.Flow) and this inside class X extends Repository<Flow>', () => {
    const code = `export async function list(req: { query: { id: string } }) {
  return Db.collections.Flow.find({ where: { id: req.query.id } });
}
export class FlowRepository extends Repository<Flow> {
  async byId(id: string) { return this.findOneBy({ id }); }
}
export class Helper {
  async other() { return this.findOneBy({ id: 'x' }); }
}`;
    expect(sinks(code, { tenantFields: ['projectId'] }, ENTITIES.replace("name: 'flow'", "name: 'Flow'")).map((s) => [s.sink, s.verdict])).toEqual([
      ['Db.collections.Flow.find', 'unscoped'],
      ['this.findOneBy', 'id-parameter'],
    ]);
  });
  it('a member typed Repository<Entity> or injected with @InjectRepository(Entity)', () => {
    const code = `export class FlowService {
  constructor(@InjectRepository(FlowEntity) private readonly flows: Repository<Flow>) {}
  async get(req: { params: { id: string } }) { return this.flows.findOneBy({ id: req.params.id }); }
}`;
    expect(sinks(code).map((s) => [s.sink, s.model, s.verdict])).toEqual([['this.flows.findOneBy', 'FlowEntity', 'unscoped']]);
  });
  it('conditions passed as they are (TypeORM 0.2 and repository wrappers) and findOne(id)', () => {
    const code = `export async function a(req: { params: { id: string } }, projectId: string) {
  await flowRepo.findOne({ id: req.params.id, projectId });
}
export async function b(req: { params: { id: string } }) { await flowRepo.findOne(req.params.id); }
export async function c(req: { params: { id: string } }) { await flowRepo.findOne({ where: { id: req.params.id } }); }`;
    expect(sinks(code).map((s) => [s.line, s.verdict])).toEqual([[2, 'parameter'], [4, 'unscoped'], [5, 'unscoped']]);
  });
  it('look-alikes: the verified tenant in the filter, global entities, and calls on objects that are no repository', () => {
    const code = `export async function a(req: { params: { id: string }; principal: { projectId: string } }) {
  await flowRepo().find({ where: { projectId: req.principal.projectId } });
  await flagRepo().findOneBy({ id: req.params.id });
  await cache().findOneBy({ id: req.params.id });
  await items.find((i) => i.id === req.params.id);
}
const flagRepo = repoFactory(FlagEntity);`;
    expect(sinks(code, { tenantFields: ['projectId', 'platformId'], verifiedSources: ['req.principal'] }).map((s) => [s.sink, s.verdict]))
      .toEqual([['flowRepo().find', 'scoped'], ['flagRepo().findOneBy', 'global']]);
  });
});

describe('a client picked by || / ??', () => {
  const SCHEMA = `export const DocEntity = new EntitySchema({ name: 'doc', columns: { id: ApIdSchema, teamId: ApIdSchema } });`;
  it('(tx || this.prisma).model.method() is the Prisma call it reads as', () => {
    const code = `export class DocService {
  async get(id: string, tx?: Tx) { return (tx || this.prisma).doc.findUniqueOrThrow({ where: { id } }); }
  async count(teamId: string, tx?: Tx) { return (tx ?? this.prisma).doc.count({ where: { teamId } }); }
}`;
    expect(sinks(code, {}, SCHEMA).map((s) => [s.sink, s.verdict])).toEqual([
      ['prisma.doc.findUniqueOrThrow', 'id-parameter'],
      ['prisma.doc.count', 'parameter'],
    ]);
  });
  it('look-alike: (a || b).x.find() where neither side is a client', () => {
    const code = `export function f(a: any, b: any, id: string) { return (a || b).doc.findFirst({ where: { id } }); }`;
    expect(sinks(code, {}, SCHEMA)).toEqual([]);
  });
});

describe('by-id names of stores and Mongoose-backed repositories', () => {
  it('Mongoose names on a repository: findById, deleteOne', () => {
    const code = `export class RemoveIntegration {
  async execute(req: { params: { id: string } }) {
    const found = await this.integrationRepository.findById(req.params.id);
    await this.integrationRepository.deleteOne({ _id: req.params.id });
    return found;
  }
}`;
    expect(sinks(code, {}, '').map((s) => [s.sink, s.model, s.verdict])).toEqual([
      ['this.integrationRepository.findById', 'integration', 'unscoped'],
      ['this.integrationRepository.deleteOne', 'integration', 'unscoped'],
    ]);
  });
  it('a store\'s find<Model>ById whose body is not in the file is a by-id read of <Model>', () => {
    const code = `export class ResumeBatch {
  async call(batchId: string) { return this.runStore.findBatchTaskRunById(batchId); }
}`;
    expect(sinks(code, {}, '').map((s) => [s.sink, s.model, s.verdict])).toEqual([['this.runStore.findBatchTaskRunById', 'BatchTaskRun', 'id-parameter']]);
  });
  it('look-alikes: a method of that name declared here, a cache, a lookup by another key', () => {
    const code = `export class Store {
  async findRunById(id: string) { return rows.get(id); }
  async use(id: string) {
    await this.runStore.findRunById(id);
    await this.cache.findRunById(id);
    await this.runStore.findRunBySlug(id);
  }
}`;
    expect(sinks(code, {}, '')).toEqual([]);
  });
});

describe('what newly visible repository calls must not be mistaken for', () => {
  it('a service method named like an ORM method is not called by the ORM calls in the file', () => {
    const code = `const repo = repoFactory(FlowEntity);
const flowService = (log: Logger) => ({
  async update({ projectId, id }: { projectId: string; id: string }) {
    await repo().update({ projectId, id }, { status: 'x' });
  },
});
export const otherService = {
  async run(req: { body: { projectId: string } }) { await handler().flows.update({ projectId: req.body.projectId }); },
};`;
    expect(sinks(code).map((s) => [s.sink, s.verdict])).toEqual([['repo().update', 'parameter']]);
  });
  it('the same method called through its own object or this is still a same-file caller', () => {
    const code = `const repo = repoFactory(FlowEntity);
const flowService = {
  async update({ projectId, id }: { projectId: string; id: string }) { await repo().update({ projectId, id }, { status: 'x' }); },
  async route(req: { body: { projectId: string; id: string } }) { await flowService.update({ projectId: req.body.projectId, id: req.body.id }); },
};`;
    expect(sinks(code).map((s) => [s.sink, s.verdict])).toEqual([['repo().update', 'untrusted']]);
  });
  it('`params` of a service object member written as an arrow is the member\'s parameter, not route params', () => {
    const code = `export const flowService = {
  list: async (params: { projectId: string }) => flowRepo().find({ where: { projectId: params.projectId } }),
};`;
    expect(sinks(code).map((s) => [s.sink, s.verdict])).toEqual([['flowRepo().find', 'parameter']]);
  });
  it('a model\'s name on a service object with non-Prisma arguments is no Prisma delegate', () => {
    const code = `export async function push(req: { params: { id: string } }) {
  await gitSyncHandler(log).flows.delete({ id: req.params.id, userId: 'u' });
  await db.flows.delete({ where: { id: req.params.id } });
}`;
    expect(sinks(code).map((s) => s.sink)).toEqual(['db.flows.delete']);
  });
});

describe('a filter a wrapper takes from its callers', () => {
  it('findOne(options) in a file-private wrapper is judged with each caller\'s options, in the caller', () => {
    const code = `export const flowService = {
  async getOne(id: string) { return findOne({ where: { id } }); },
  async getInProject(id: string, projectId: string) { return findOne({ where: { id, projectId } }); },
};
async function findOne(options: FindOneOptions) {
  return flowRepo().findOne(options);
}`;
    // One question per kind left to the callers: the id getOne passes, the tenant getInProject passes.
    expect(sinks(code).map((s) => [s.sink, s.verdict, s.line])).toEqual([['flowRepo().findOne', 'id-parameter', 6], ['flowRepo().findOne', 'parameter', 6]]);
    const fromRequest = `export async function get(req: { params: { id: string } }) { return findOne({ where: { id: req.params.id } }); }
export async function mine(id: string, projectId: string) { return findOne({ where: { id, projectId } }); }
async function findOne(options: FindOneOptions) { return flowRepo().findOne(options); }`;
    expect(sinks(fromRequest).map((s) => s.verdict)).toEqual(['unscoped']);
  });
  it('look-alikes: every caller passes the tenant; a caller passes options built elsewhere', () => {
    const scoped = `export const flowService = {
  async getInProject(id: string, projectId: string) { return findOne({ where: { id, projectId } }); },
};
async function findOne(options: FindOneOptions) { return flowRepo().findOne(options); }`;
    expect(sinks(scoped).map((s) => s.verdict)).toEqual(['parameter']);
    const opaque = `export const flowService = { async get(options: FindOneOptions) { return findOne(options); } };
async function findOne(options: FindOneOptions) { return flowRepo().findOne(options); }`;
    expect(sinks(opaque).map((s) => s.verdict)).toEqual(['unknown']);
  });
});

describe('query builders of a repository', () => {
  it('repo.createQueryBuilder(alias) reads the repository\'s entity, not a table named like the alias', () => {
    const code = `export async function list(req: { query: { id: string } }) {
  return flowRepo().createQueryBuilder('f').where('f.id = :id', { id: req.query.id }).getMany();
}
export async function flags() {
  return flagRepo().createQueryBuilder('flow').getMany();
}
const flagRepo = repoFactory(FlagEntity);`;
    expect(sinks(code).map((s) => [s.model, s.verdict])).toEqual([['flow', 'unscoped'], ['FlagEntity', 'global']]);
  });
});

describe('handlers handed to a route wrapper are no service members', () => {
  it('`fn: async ({ body }) => …` in options passed to a call keeps body as request input', () => {
    const code = `export default withMiddlewares({
  POST: createRoute({ fn: async ({ body }: { body: { id: string } }) => flowRepo().findOneBy({ id: body.id }) }),
});`;
    expect(sinks(code).map((s) => s.verdict)).toEqual(['unscoped']);
  });
});

describe('Sequelize models seen through their own definitions', () => {
  const MODELS = `const Team = sequelize.define('team', { name: DataTypes.STRING });
const Document = sequelize.define('document', { title: DataTypes.STRING, teamId: DataTypes.UUID });`;
  const seq = (code: string) => sinks(code, { tenantFields: ['teamId'] }, MODELS);
  it('operators written with Op symbols keep their compared values', () => {
    const code = `export async function collaborators(doc: { collaboratorIds: string[] }) {
  return Document.findAll({ where: { id: { [Op.in]: doc.collaboratorIds } } });
}
export async function byRequest(req: { body: { ids: string[] } }) {
  return Document.findAll({ where: { id: { [Op.in]: req.body.ids } } });
}`;
    expect(seq(code).map((s) => s.verdict)).toEqual(['id-parameter', 'unscoped']);
  });
  it('a count over every tenant is no row of any tenant; a read of every row is', () => {
    const code = `export async function stats() { return Promise.all([Document.count(), Team.count()]); }
export async function all() { return Document.findAll(); }`;
    expect(seq(code).map((s) => [s.sink, s.verdict])).toEqual([['Document.count', 'global'], ['Team.count', 'global'], ['Document.findAll', 'unscoped']]);
  });
  it('an instance method of a Sequelize model off a client path is no Prisma delegate', () => {
    const code = `export async function remove(props: { document: { delete(): Promise<void> } }) { await props.document.delete(); }`;
    expect(seq(code)).toEqual([]);
  });
});

describe('a bulk write meant for one row\'s siblings', () => {
  const SCHEMA = `model Team {
  id String @id
}
model TeamCollection {
  id     String @id
  teamID String
  team   Team @relation(fields: [teamID], references: [id])
}
model TeamRequest {
  id           String @id
  teamID       String
  collectionID String
  orderIndex   Int
  team         Team @relation(fields: [teamID], references: [id])
  collection   TeamCollection @relation(fields: [collectionID], references: [id])
}`;
  const prismaSinks = (code: string) => {
    const resolved = resolveConfig({});
    const model = buildDataModel([{ path: 'schema.prisma', text: SCHEMA }], resolved);
    const sf = parse(code);
    return analyseSourceFile(sf, createEnv(ts, resolved, model)).sinks.filter((s) => s.match.writtenKey === undefined)
      .map((s) => [s.match.description, s.verdict]);
  };
  it('updateMany filtered only by an ordering column, with the loaded row\'s value, writes every tenant\'s rows', () => {
    const code = `export async function remove(requestID: string, teamID: string) {
  const request = await prisma.teamRequest.findFirst({ where: { id: requestID, teamID } });
  await prisma.teamRequest.updateMany({ where: { orderIndex: { gte: request.orderIndex } }, data: { orderIndex: { decrement: 1 } } });
}`;
    expect(prismaSinks(code)).toEqual([['prisma.teamRequest.findFirst', 'parameter'], ['prisma.teamRequest.updateMany', 'unscoped']]);
  });
  it('look-alike: the loaded row\'s parent key in the filter keeps the write among its siblings', () => {
    const code = `export async function remove(requestID: string, teamID: string) {
  const request = await prisma.teamRequest.findFirst({ where: { id: requestID, teamID } });
  await prisma.teamRequest.updateMany({ where: { collectionID: request.collectionID, orderIndex: { gte: request.orderIndex } }, data: { orderIndex: { decrement: 1 } } });
}`;
    expect(prismaSinks(code)).toEqual([['prisma.teamRequest.findFirst', 'parameter'], ['prisma.teamRequest.updateMany', 'scoped']]);
  });
});

describe('a bulk write by a list of loaded values', () => {
  it('look-alike: updateMany({ where: { slug: { in: loaded.map(…) } } }) picks its rows, it is no range', () => {
    const SCHEMA = `model Domain {
  id     String @id
  slug   String @unique
  teamId String
}`;
    const resolved = resolveConfig({});
    const model = buildDataModel([{ path: 'schema.prisma', text: SCHEMA }], resolved);
    const code = `export async function renewalFailed(invoiceId: string) {
  const domains = await prisma.domain.findMany({ where: { invoiceId } });
  await prisma.domain.updateMany({ where: { slug: { in: domains.map(({ slug }) => slug) } }, data: { autoRenew: false } });
}`;
    const sf = parse(code);
    const verdicts = analyseSourceFile(sf, createEnv(ts, resolved, model)).sinks.map((s) => s.verdict);
    expect(verdicts).not.toContain('unscoped');
  });
});
