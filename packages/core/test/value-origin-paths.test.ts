import { describe, expect, it } from 'vitest';
import { envFor, probeOrigin } from './helpers.js';

/** The expression `probe(<expr>)` wraps in `code`, classified. */
function originOf(code: string) {
  const o = probeOrigin(code, envFor());
  return o.kind === 'parameter' ? { kind: o.kind, name: o.name, index: o.index, property: o.property } : { kind: o.kind };
}

describe('parameter origins keep the whole property path (the scanner matches it against the callers\' arguments)', () => {
  it('a destructured local read further: const { ctx } = args; ctx.workspace.id is args.ctx.workspace.id', () => {
    expect(originOf('function f(args) { const { ctx } = args; probe(ctx.workspace.id); }'))
      .toEqual({ kind: 'parameter', name: 'args', index: 0, property: 'ctx.workspace.id' });
  });

  it('nested destructuring in the parameter: ({ ctx: { teamId } }) is ctx.teamId', () => {
    expect(originOf('const h = async ({ ctx: { db, teamId } }) => probe(teamId);'))
      .toEqual({ kind: 'parameter', name: 'teamId', index: 0, property: 'ctx.teamId' });
  });

  it('a destructured local of a destructured parameter: ({ input }) then const { id } = input', () => {
    expect(originOf('function f({ input }) { const { id } = input; probe(id); }'))
      .toEqual({ kind: 'parameter', name: 'input', index: 0, property: 'input.id' });
  });

  it('plain shapes stay as they were', () => {
    expect(originOf('function f(a, { tenantId }) { probe(tenantId); }')).toEqual({ kind: 'parameter', name: 'tenantId', index: 1, property: 'tenantId' });
    expect(originOf('function f(tenant) { probe(tenant.id); }')).toEqual({ kind: 'parameter', name: 'tenant', index: 0, property: 'id' });
  });

  it('a helper\'s own plain parameter named params/input is followed to its callers, not taken for request input', () => {
    expect(originOf('export async function getInboxAccount(db, params: { id: string; teamId: string }) { probe(params.teamId); }'))
      .toEqual({ kind: 'parameter', name: 'params', index: 1, property: 'teamId' });
    expect(originOf('export const updateSync = async (db, input: { id: string }) => { probe(input.id); };'))
      .toEqual({ kind: 'parameter', name: 'input', index: 1, property: 'id' });
  });

  it('handlers\' params and inputs stay request input', () => {
    expect(originOf('export async function GET(req, { params }) { probe(params.id); }').kind).toBe('untrusted');
    expect(originOf('const r = t.procedure.query(async ({ input, ctx }) => probe(input.teamId));').kind).toBe('untrusted');
    expect(originOf('app.get("/x", (req, res) => probe(req.params.id));').kind).toBe('untrusted');
  });
});
