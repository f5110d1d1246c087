import { describe, expect, it } from 'vitest';
import { scanFixture } from './helpers.js';

describe('entry points start the traces', () => {
  it('recognises each framework and names the entry', async () => {
    const { findings } = await scanFixture('entrypoints');
    const entry = Object.fromEntries(findings.map((f) => [f.symbol, f.trace?.[0]]));
    expect(entry).toEqual({
      nest: { file: 'src/nest.controller.ts', line: 6, note: 'DELETE /docs/:id', entry: true },
      next: { file: 'src/app/api/docs/[id]/route.ts', line: 3, note: 'DELETE /api/docs/[id]', entry: true },
      action: { file: 'src/actions.ts', line: 4, note: 'server action removeDocument', entry: true },
      trpc: { file: 'src/trpc.ts', line: 7, note: 'trpc mutation removeDoc', entry: true },
      graphql: { file: 'src/resolvers.ts', line: 5, note: 'Mutation.removeDocument', entry: true },
      worker: { file: 'src/jobs.ts', line: 9, note: 'job purge-docs', entry: true },
      cron: { file: 'src/jobs.ts', line: 11, note: 'cron 0 3 * * *', entry: true },
      fastify: { file: 'src/fastify.ts', line: 6, note: 'DELETE /f/docs/:id', entry: true },
      custom: { file: 'src/custom.ts', line: 5, note: 'onMessage documents.purge', entry: true },
      chained: { file: 'src/express-chain.ts', line: 8, note: 'DELETE /v2/docs/:id', entry: true },
    });
  });

  it('a named handler resolved through a call hop keeps the whole chain', async () => {
    const { findings } = await scanFixture('entrypoints');
    expect(findings.find((f) => f.symbol === 'worker')?.trace).toEqual([
      { file: 'src/jobs.ts', line: 9, note: 'job purge-docs', entry: true },
      { file: 'src/jobs.ts', line: 6, note: 'calls worker' },
      { file: 'src/repo.ts', line: 13, note: 'unscoped-log-access' },
    ]);
  });
});

describe('platform entry points', () => {
  it('an unscoped query reached only from jobs, crons or webhooks is the platform at work, not a leak', async () => {
    const { findings } = await scanFixture('flow/platform-only');
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unscoped-query src/repo.ts:8']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /docs');
  });
});

describe('platform procedures', () => {
  it('a tRPC adminProcedure is platform staff tooling; the same query on protectedProcedure is a gap', async () => {
    const { findings } = await scanFixture('flow/admin-procedure');
    expect(findings.map((f) => `${f.kind} ${f.file}:${f.line}`)).toEqual(['unscoped-query src/router.ts:6']);
  });
});
