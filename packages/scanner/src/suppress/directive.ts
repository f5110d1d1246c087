import { isGapKind, type GapKind } from '@tenant-audit/core';

export const DIRECTIVE = 'tenant-audit-ignore-next-line';

export interface Directive {
  /** 1-based line of the comment; it silences findings on `line + 1`. */
  line: number;
  kinds: GapKind[];
  reason: string;
}

export interface DirectiveProblem {
  line: number;
  message: string;
}

const PATTERN = new RegExp(`//\\s*${DIRECTIVE}(?=\\s|$)(.*)$`);
/** SQL files (migrations) comment with `--`: `-- tenant-audit-ignore-next-line missing-rls-policy -- reason`. */
const SQL_PATTERN = new RegExp(`(?:^|\\s)--\\s*${DIRECTIVE}(?=\\s|$)(.*)$`);

/**
 * Reads every `// tenant-audit-ignore-next-line <kind>[, <kind>] -- <reason>` of a file (in a `.sql` file
 * also `-- tenant-audit-ignore-next-line …`). A directive
 * without a reason or without a known kind silences nothing and becomes a problem, so a reviewer
 * sees it instead of a leak being waved through silently.
 */
export function parseDirectives(text: string, options: { sql?: boolean } = {}): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    const match = PATTERN.exec(source) ?? (options.sql ? SQL_PATTERN.exec(source) : null);
    if (!match) return;
    const line = index + 1;
    const body = (match[1] ?? '').replace(/\*\/\s*$/, '');
    const separator = body.indexOf('--');
    const kindsText = separator === -1 ? body : body.slice(0, separator);
    const reason = separator === -1 ? '' : body.slice(separator + 2).trim();
    const names = kindsText.split(/[\s,]+/).filter((n) => n.length > 0);
    if (names.length === 0) {
      problems.push({ line, message: `${DIRECTIVE} names no gap kind; the suppression is ignored` });
      return;
    }
    if (reason.length === 0) {
      problems.push({ line, message: `${DIRECTIVE} ${names.join(', ')} has no reason (add " -- <why this is safe>"); the suppression is ignored` });
      return;
    }
    const unknown = names.filter((n) => !isGapKind(n));
    if (unknown.length > 0) problems.push({ line, message: `${DIRECTIVE}: unknown gap kind ${unknown.map((n) => `"${n}"`).join(', ')}` });
    const kinds = names.filter(isGapKind);
    if (kinds.length > 0) directives.push({ line, kinds, reason });
  });
  return { directives, problems };
}
