import { classifyValue, isVerifiedPrincipalValue, loadedRecordComparedWith, type AnalysisEnv, type FunctionLike, type SinkRecord } from '@tenant-audit/core';
import type * as ts from 'typescript';
import { argumentFor } from './arguments.js';
import type { CallGuard } from './guarded-call.js';

/** A parameter of a function on the path that, when a caller passes the verified principal for it, pins the rows. */
export interface Pin {
  fn: FunctionLike;
  index: number;
  property: string | undefined;
  name: string;
  /**
   * The pin is a tenant or parent key of the filter (`b.programId = ${programId}`), not an owner key:
   * any value the caller did not take from the request scopes the rows, as it does where core judges
   * the filter itself (a program id derived from the verified workspace). An owner key pins only with
   * the verified principal.
   */
  tenantKey?: boolean;
}

/** What a path search carries from one call level to the next. */
export interface PathFacts {
  /** Parameters that pin the rows when a caller passes the verified principal for them. */
  pins?: readonly Pin[];
  /** The sink's function hands its read rows straight back (see unexposed-result.ts). */
  rowsReturned?: boolean;
  /** The sink writes: checks that only grant reading (`canViewX`) do not clear its value. */
  write?: boolean;
  /** Flags of the function being followed that must be set for the path below to run (see guarded-call.ts). */
  guards?: CallGuard[] | undefined;
  /**
   * Which request input counts as bad (default: any). Input written as a whole is a gap only as a raw
   * body; a validated procedure input holds what its schema names.
   */
  badInput?: (path: string) => boolean;
  /** Called when a call site passes a value the follower cannot read: the sink is then unjudged, not safe. */
  onOpaque?: () => void;
}

/**
 * The other keys of a sink's filter that are parameters of its function (`{ partnerId, programId }`,
 * `and(eq(t.id, id), eq(t.email, email))`, `partner: { users: { some: { userId } } }`): when a call
 * site passes the verified caller for one of them (`partnerId: partner.id`, `email: session.user.email`),
 * the rows are the caller's own, whatever the client chose for the key being followed.
 */
export function sinkPins(sink: SinkRecord, fn: FunctionLike, env: AnalysisEnv): Pin[] {
  const ev = sink.match.evidence;
  const tenantValues: (ts.Expression | undefined)[] = ev.status === 'tenant' ? [...(ev.values ?? [ev.value])] : [];
  const values: (ts.Expression | undefined)[] = ev.status === 'tenant'
    ? [...(ev.idValues ?? []), ...(ev.ownerValues ?? [])]
    : ev.status === 'none' ? [...ev.idValues] : [];
  // `if (invite.email !== params.userEmail) throw`: the record was compared with what the caller passes.
  values.push(...loadedRecordComparedWith(sink.match.node, fn, env));
  const pins: Pin[] = [];
  const add = (v: ts.Expression | undefined, tenantKey: boolean): void => {
    if (!v) return;
    const origin = classifyValue(v, env);
    if (origin.kind === 'parameter' && origin.fn === fn) pins.push({ fn, index: origin.index, property: origin.property, name: origin.name, ...(tenantKey ? { tenantKey } : {}) });
  };
  // Only where the filter has another key: a lone tenant parameter is the value being followed.
  if (tenantValues.length > 1) for (const v of tenantValues) add(v, true);
  else for (const v of tenantValues) add(v, false);
  for (const v of values) add(v, false);
  return pins;
}

/** A value a caller passes for a tenant-key pin that scopes the rows: not request input, not undefined, not handed on. */
function trustedTenantArgument(expr: ts.Expression, env: AnalysisEnv): boolean {
  const kind = classifyValue(expr, env).kind;
  return kind !== 'untrusted' && kind !== 'parameter' && kind !== 'undefined';
}

/**
 * Whether this call site pins the rows (passes the verified principal for a pin), and otherwise the
 * pins it hands up: a pin the caller fills with its own parameter (`getEnrollment({ partnerId })`
 * inside `getEarnings({ partnerId, programId })`) is pinned wherever that caller is called with the
 * verified principal, however many levels up.
 */
export function pinAtCall(call: ts.CallExpression, pins: readonly Pin[], env: AnalysisEnv): { pinned: boolean; up: Pin[] } {
  const up: Pin[] = [];
  for (const pin of pins) {
    const arg = argumentFor(call, pin.index, pin.property, pin.name);
    if (arg.kind !== 'value' || arg.wholeObject) continue;
    if (isVerifiedPrincipalValue(arg.expr, env) || (pin.tenantKey && trustedTenantArgument(arg.expr, env))) return { pinned: true, up: [] };
    const origin = classifyValue(arg.expr, env);
    if (origin.kind === 'parameter') up.push({ fn: origin.fn, index: origin.index, property: origin.property, name: origin.name, ...(pin.tenantKey ? { tenantKey: true } : {}) });
  }
  return { pinned: false, up };
}
