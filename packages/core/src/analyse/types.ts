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
  /** What is wrong and the short fix, with the code it is about (the scanner's JSON `message`). */
  message: string;
  /**
   * The same in one editor line (`fitSummary`: at most 160 characters with `[kind] `), for the ESLint
   * rules. Absent: `summaryOf` fits the message.
   */
  summary?: string;
  node: TS.Node;
  /** The enclosing function, for traces and call-graph refinement. */
  fn: FunctionLike | undefined;
  suggestions?: Suggestion[];
  /** For data-access findings: the sink behind it. */
  sink?: SinkRecord;
  /**
   * The row is picked by an id the enclosing function receives, and nothing in this file says the
   * client chose it: its callers decide, possibly in other files. The ESLint rules skip these unless
   * asked (`reportParameterIds`); the scanner ignores the flag and follows the callers.
   */
  callersDecide?: boolean;
}

/** Every recognised data sink, scoped or not: the scanner follows the parameter-scoped ones across calls. */
export interface SinkRecord {
  match: SinkMatch;
  fn: FunctionLike | undefined;
  /**
   * scoped: proven here. unscoped: a gap here. untrusted: filtered by a tenant from request input.
   * parameter: the tenant filter's value is a parameter, so callers decide (safe when they pass the
   * verified tenant). id-parameter: no tenant filter, the row is picked by an id the function receives,
   * so callers decide (a gap when an id reaches it from request input). derived: no tenant filter, but
   * the id comes from data the code loaded itself, not from the caller. unknown / global: not judged.
   */
  verdict: 'scoped' | 'unscoped' | 'untrusted' | 'parameter' | 'id-parameter' | 'derived' | 'unknown' | 'global';
  /** Where the tenant value comes from, when the filter has one. */
  origin: ValueOrigin | undefined;
  /** Why it is scoped, when it is (for debugging and docs). */
  reason: string;
  /** Inside a backup/export routine. */
  inBackup: boolean;
  /**
   * No schema, migration or entity says whether the table carries a tenant: the sink was judged as if
   * it did (by-id reads and writes only), and a finding on it says the model is unknown unless the
   * statement or its row type names a tenant column (`match.namesTenantColumn`).
   */
  modelUnknown?: boolean;
  /**
   * The rows are the tenant itself (an organization picked by a client-chosen slug): a gap unless the
   * tenant's own row is public by design (a logo, SSO discovery), which the tool cannot tell: P1.
   */
  tenantEntity?: boolean;
}
