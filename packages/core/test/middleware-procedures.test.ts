import { describe, expect, it } from 'vitest';
import { tenantCheckingProcedures } from '../src/index.js';
import { envFor, findings, parse } from './helpers.js';

const SCHEMA = `model Project {
  id String @id
}
model TraceSession {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
`;
const CONFIG = { tenantFields: ['projectId'] };
const kinds = (code: string) => findings(code, CONFIG, SCHEMA).map((f) => f.kind);

const HEAD = `import { prisma } from './db';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
declare const span: { setAttribute(k: string, v: unknown): void };
const t = initTRPC.context<any>().create();
const base = t.procedure;
const schema = z.object({ sessionId: z.string(), projectId: z.string() });
const withErrorHandling = t.middleware(async (opts: any) => opts.next());
const logging = t.middleware(async (opts: any) => opts.next());
const enforceSessionAccess = t.middleware(async (opts: any) => {
  const raw = await opts.getRawInput();
  const { sessionId, projectId } = schema.parse(raw);
  const member = opts.ctx.session?.user?.organizations.flatMap((o: any) => o.projects).find(({ id }: any) => id === projectId);
  if (!member && opts.ctx.session?.user?.admin !== true) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return opts.next();
});
`;

/** A handler on `proc` reading the session by id with the input's project. */
const handlerOn = (proc: string) => `
export const router = t.router({
  byId: ${proc}.input(schema).query(async ({ input, ctx }: any) =>
    prisma.traceSession.findFirst({ where: { id: input.sessionId, projectId: input.projectId } })),
});`;

/** A procedure whose `.use(…)` middleware throws unless the input's project belongs to the caller verifies `input.projectId`. */
describe('procedures whose middleware checks the input tenant against the caller', () => {
  it('base.use(withErrorHandling).use(enforceSessionAccess): input.projectId in its handler is verified', () => {
    expect(kinds(`${HEAD}
export const protectedGetSessionProcedure = base.use(withErrorHandling).use(enforceSessionAccess);
${handlerOn('protectedGetSessionProcedure')}`)).toEqual([]);
  });

  it('the same handler on base without the middleware is client-chosen', () => {
    expect(kinds(`${HEAD}
export const publicSessionProcedure = base.use(withErrorHandling);
${handlerOn('publicSessionProcedure')}`)).toEqual(['unscoped-query']);
  });

  it('a factory middleware: .use(enforceTrace(\'v3\')) with enforceTrace = (mode) => t.middleware(…)', () => {
    expect(kinds(`${HEAD}
const enforceTrace = (mode: string) => t.middleware(async (opts: any) => {
  const raw = await opts.getRawInput();
  const { projectId } = schema.parse(raw);
  const member = opts.ctx.session?.user?.organizations.flatMap((o: any) => o.projects).find(({ id }: any) => id === projectId);
  if (!member) throw new TRPCError({ code: 'UNAUTHORIZED', message: mode });
  return opts.next();
});
export const traceV3Procedure = base.use(enforceTrace('v3'));
${handlerOn('traceV3Procedure')}`)).toEqual([]);
  });

  it('a procedure built on a checking procedure inherits its check', () => {
    expect(kinds(`${HEAD}
export const protectedGetSessionProcedure = base.use(withErrorHandling).use(enforceSessionAccess);
export const loggedSessionProcedure = protectedGetSessionProcedure.use(logging);
${handlerOn('loggedSessionProcedure')}`)).toEqual([]);
  });

  // Skipped: tenantCheckingProcedures only collects declarations named /Procedure|procedure/, so a handler on `p2` is still reported.
  it('a procedure built on a checking one is one, whatever its name (p2 = protectedGetSessionProcedure.use(logging))', () => {
    expect(kinds(`${HEAD}
export const protectedGetSessionProcedure = base.use(withErrorHandling).use(enforceSessionAccess);
export const p2 = protectedGetSessionProcedure.use(logging);
${handlerOn('p2')}`)).toEqual([]);
  });
});

/** Middleware that reads the tenant, or tests tenant and caller without relating them, checks nothing. */
describe('middleware that does not check the tenant against the caller', () => {
  it('a tracing middleware that reads projectId from the raw input but never throws', () => {
    expect(kinds(`${HEAD}
const tracing = t.middleware(async (opts: any) => {
  const raw = await opts.getRawInput();
  const { projectId } = schema.parse(raw);
  span.setAttribute('projectId', projectId);
  span.setAttribute('user', opts.ctx.session?.user?.id);
  return opts.next();
});
export const tracedSessionProcedure = base.use(tracing);
${handlerOn('tracedSessionProcedure')}`)).toEqual(['unscoped-query']);
  });

  it('if (!ctx.session || !projectId) throw: tenant and caller in one condition, not related to each other', () => {
    expect(kinds(`${HEAD}
const requireProject = t.middleware(async ({ ctx, next, getRawInput }: any) => {
  const { projectId } = schema.parse(await getRawInput());
  if (!ctx.session || !projectId) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next();
});
export const sessionAndInputProcedure = base.use(requireProject);
${handlerOn('sessionAndInputProcedure')}`)).toEqual(['unscoped-query']);
  });

  it('a middleware that only throws on !result.success validates shape, not membership', () => {
    expect(kinds(`${HEAD}
const validate = t.middleware(async (opts: any) => {
  const result = schema.safeParse(await opts.getRawInput());
  if (!result.success) throw new TRPCError({ code: 'BAD_REQUEST' });
  return opts.next();
});
export const validatedSessionProcedure = base.use(validate);
${handlerOn('validatedSessionProcedure')}`)).toEqual(['unscoped-query']);
  });
});

/** `tenantCheckingProcedures` lists the procedures of a file whose chain checks the tenant, also through a checking base. */
describe('tenantCheckingProcedures', () => {
  it('names the checking procedures and the ones built on them, not the others', () => {
    const sf = parse(`${HEAD}
const tracing = t.middleware(async (opts: any) => {
  const { projectId } = schema.parse(await opts.getRawInput());
  span.setAttribute('projectId', projectId);
  return opts.next();
});
const enforceTrace = (mode: string) => t.middleware(async (opts: any) => {
  const { projectId } = schema.parse(await opts.getRawInput());
  const member = opts.ctx.session?.user?.organizations.find((o: any) => o.id === projectId);
  if (!member) throw new TRPCError({ code: 'UNAUTHORIZED', message: mode });
  return opts.next();
});
export const publicProcedure = base.use(withErrorHandling);
export const protectedGetSessionProcedure = base.use(withErrorHandling).use(enforceSessionAccess);
export const loggedSessionProcedure = protectedGetSessionProcedure.use(logging);
export const tracedProcedure = base.use(tracing);
export const traceV3Procedure = base.use(enforceTrace('v3'));
const requireProject = t.middleware(async ({ ctx, next, getRawInput }: any) => {
  const { projectId } = schema.parse(await getRawInput());
  if (!ctx.session || !projectId) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next();
});
const validate = t.middleware(async (opts: any) => {
  const result = schema.safeParse(await opts.getRawInput());
  if (!result.success) throw new TRPCError({ code: 'BAD_REQUEST' });
  return opts.next();
});
export const sessionAndInputProcedure = base.use(requireProject);
export const validatedProcedure = base.use(validate).use(logging);
`);
    const names = tenantCheckingProcedures(sf, envFor(CONFIG, SCHEMA));
    expect([...names].sort()).toEqual(['loggedSessionProcedure', 'protectedGetSessionProcedure', 'traceV3Procedure']);
  });
});
