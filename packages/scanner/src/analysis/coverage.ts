import type { SinkRecord } from '@tenant-audit/core';
import type * as ts from 'typescript';
import type { Coverage, SinkOutcome } from '../model.js';
import type { FileUnit } from './context.js';
import { lineOf } from './raw-finding.js';
import { nameOfFn } from './flow/program-view.js';

/** Why a sink could not be judged, by the verdict reason core gave (see analyse/data-access.ts). */
function unjudgedCause(sink: SinkRecord): NonNullable<SinkOutcome['cause']> {
  if (/not in the data model/.test(sink.reason)) return 'model';
  if (/table not visible/.test(sink.reason)) return 'table';
  return 'filter';
}

/**
 * What became of every data-access sink: reported, judged scoped (or not tenant data), or left
 * unjudged (model unknown, filter or table not visible, no caller found for a value its callers
 * decide). A quiet report over sinks nobody could judge is not a clean one, and says so.
 */
export class CoverageCollector {
  private readonly outcomes = new Map<SinkRecord, SinkOutcome>();

  private readonly extra: SinkRecord[] = [];
  private readonly excluded = new Set<SinkRecord>();

  private readonly unitOf: Map<ts.SourceFile, FileUnit>;

  constructor(private readonly units: readonly FileUnit[]) {
    this.unitOf = new Map(units.map((u) => [u.sf, u]));
  }

  /** Sinks the whole-program passes made (a wrapper's query judged at a call site): counted like the files' own. */
  include(sinks: readonly SinkRecord[]): void {
    this.extra.push(...sinks);
  }

  /** Calls core took for queries that are calls of the program's own functions: not sinks at all. */
  exclude(sink: SinkRecord): void {
    this.excluded.add(sink);
  }

  reported(sink: SinkRecord | undefined, why: string): void {
    if (sink && !this.excluded.has(sink)) this.set(sink, 'reported', why);
  }

  scoped(sink: SinkRecord | undefined, why: string): void {
    if (sink && !this.outcomes.has(sink)) this.set(sink, 'scoped', why);
  }

  noCaller(sink: SinkRecord | undefined): void {
    if (sink && !this.outcomes.has(sink)) this.set(sink, 'unjudged', 'no caller found in the scanned code for the value its callers decide', 'caller');
  }

  /** A caller passes the value in a form the scanner cannot read (a spread it cannot map): not judged, never "safe". */
  unreadable(sink: SinkRecord | undefined): void {
    if (sink && !this.outcomes.has(sink)) this.set(sink, 'unjudged', 'a caller passes the value in a form the scanner cannot read', 'caller');
  }

  private set(sink: SinkRecord, outcome: SinkOutcome['outcome'], why: string, cause?: SinkOutcome['cause']): void {
    const unit = this.unitOf.get((sink.match.node).getSourceFile());
    this.outcomes.set(sink, {
      file: unit?.rel ?? '?',
      line: unit ? lineOf(sink.match.node, unit.sf) : 0,
      ...(sink.fn ? { symbol: nameOfFn(sink.fn) } : {}),
      sink: sink.match.description,
      verdict: sink.verdict,
      reason: sink.reason,
      outcome,
      why,
      ...(cause ? { cause } : {}),
    });
  }

  /** Every sink with its outcome; sinks no pass decided on get theirs from core's verdict. */
  finish(): { coverage: Coverage; outcomes: SinkOutcome[] } {
    const defaults = (sink: SinkRecord): void => {
      if (this.outcomes.has(sink) || this.excluded.has(sink)) return;
      if (sink.verdict === 'unknown') this.set(sink, 'unjudged', sink.reason, unjudgedCause(sink));
      else this.set(sink, 'scoped', sink.reason);
    };
    for (const unit of this.units) for (const sink of unit.analysis.sinks) defaults(sink);
    for (const sink of this.extra) defaults(sink);
    for (const sink of this.excluded) this.outcomes.delete(sink);
    const outcomes = [...this.outcomes.values()];
    const count = (o: SinkOutcome['outcome']) => outcomes.filter((s) => s.outcome === o).length;
    const cause = (c: SinkOutcome['cause']) => outcomes.filter((s) => s.cause === c).length;
    return {
      coverage: {
        sinks: outcomes.length,
        scoped: count('scoped'),
        reported: count('reported'),
        unjudged: count('unjudged'),
        unjudgedBy: { model: cause('model'), table: cause('table'), filter: cause('filter'), caller: cause('caller') },
        // Files are not sinks: scan() fills these in once every file's fate is known.
        filesNotAnalysed: 0,
        notAnalysed: [],
      },
      outcomes,
    };
  }
}

/** Nothing seen: a scan with no files selected (`--changed` with no relevant change). */
export function emptyCoverage(): Coverage {
  return { sinks: 0, scoped: 0, reported: 0, unjudged: 0, unjudgedBy: { model: 0, table: 0, filter: 0, caller: 0 }, filesNotAnalysed: 0, notAnalysed: [] };
}
