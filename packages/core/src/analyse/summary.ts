import type { GapKind } from '../gaps/kinds.js';
import type { LocalFinding } from './types.js';

/**
 * The longest editor message, `[kind] summary.` included: ESLint's convention is a short message and
 * the long story behind `meta.docs.url`, and editors show one line.
 */
export const MESSAGE_MAX = 160;

/** Room for the summary once `[kind] ` and the closing period are counted. */
function budgetFor(kind: GapKind): number {
  return MESSAGE_MAX - `[${kind}] `.length - 1;
}

/** Cut at a word boundary where one is near, with an ellipsis; trailing punctuation goes. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, Math.max(1, max - 1));
  const space = slice.lastIndexOf(' ');
  const cut = space >= max * 0.6 ? slice.slice(0, space) : slice;
  return `${cut.replace(/[\s,;:(]+$/, '')}…`;
}

/**
 * `diagnosis; fix`, short enough for an editor line. Interpolated code (a long sink description, a
 * request path) shortens the diagnosis, never the fix: the fix is what the reader acts on.
 */
export function fitSummary(kind: GapKind, diagnosis: string, fix?: string): string {
  const budget = budgetFor(kind);
  const whole = fix ? `${diagnosis}; ${fix}` : diagnosis;
  if (whole.length <= budget) return whole;
  if (!fix || fix.length + 2 > budget * 0.7) return clip(whole, budget);
  return `${clip(diagnosis, budget - fix.length - 2)}; ${fix}`;
}

/** The finding's one-line form: its own summary, or its message fitted to the line (keeping a short fix). */
export function summaryOf(finding: Pick<LocalFinding, 'kind' | 'message' | 'summary'>): string {
  if (finding.summary !== undefined) return finding.summary;
  const cut = finding.message.indexOf('; ');
  if (cut <= 0) return fitSummary(finding.kind, finding.message);
  const fix = finding.message.slice(cut + 2);
  return fitSummary(finding.kind, finding.message.slice(0, cut), fix.length <= 60 ? fix : undefined);
}
