import type * as TS from 'typescript';
import type { GapKind } from '../gaps/kinds.js';
import type { FunctionLike } from '../recognise/ast.js';
import type { SinkMatch } from '../recognise/sinks.js';
import type { ValueOrigin } from '../recognise/tenant.js';

/** A text replacement in the analysed file (offsets into the source text). */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface Suggestion {
  /** Stable id, used as the ESLint suggestion messageId. */
  id: string;
  description: string;
  changes: TextChange[];
}

/** A gap one file shows on its own. The ESLint rules report these; the scanner refines them. */
export interface LocalFinding {
  kind: GapKind;
  /** Stable id of the shape (ESLint messageId). */
  messageId: string;
  message: string;
  node: TS.Node;
  /** The enclosing function, for traces and call-graph refinement. */
  fn: FunctionLike | undefined;
  suggestions?: Suggestion[];
  /** For data-access findings: the sink behind it. */
  sink?: SinkRecord;
}

/** Every recognised data sink, scoped or not: the scanner follows the parameter-scoped ones across calls. */
export interface SinkRecord {
  match: SinkMatch;
  fn: FunctionLike | undefined;
  /** scoped: proven here; unscoped: a gap here; parameter: scoped by a parameter the callers must supply well. */
  verdict: 'scoped' | 'unscoped' | 'untrusted' | 'parameter' | 'unknown' | 'global';
  /** Where the tenant value comes from, when the filter has one. */
  origin: ValueOrigin | undefined;
  /** Why it is scoped, when it is (for debugging and docs). */
  reason: string;
  /** Inside a backup/export routine. */
  inBackup: boolean;
}
