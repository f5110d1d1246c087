import type { PolicyCommand } from './migration-facts.js';
import { parenthesised, readNameList, type QualifiedName } from './sql-names.js';

interface PolicyClauses {
  permissive?: boolean;
  command?: PolicyCommand;
  roles?: string[];
  using?: string;
  check?: string;
}

/** `[AS PERMISSIVE|RESTRICTIVE] [FOR cmd] [TO roles] [USING (…)] [WITH CHECK (…)]`, in any order. */
export function policyClauses(text: string): PolicyClauses {
  const out: PolicyClauses = {};
  let i = 0;
  for (;;) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\s*as\s+(permissive|restrictive)\b/i.exec(rest))) {
      out.permissive = (m[1] ?? '').toLowerCase() === 'permissive';
      i += m[0].length;
    } else if ((m = /^\s*for\s+(all|select|insert|update|delete)\b/i.exec(rest))) {
      out.command = (m[1] ?? 'all').toLowerCase() as PolicyCommand;
      i += m[0].length;
    } else if ((m = /^\s*to\s+/i.exec(rest))) {
      const names = readNameList(rest, m[0].length);
      out.roles = names.map((n) => n.name);
      i += names.length > 0 ? (names[names.length - 1] as QualifiedName).end : m[0].length;
    } else if ((m = /^\s*(using|with\s+check)\s*(?=\()/i.exec(rest))) {
      const body = parenthesised(rest, m[0].length);
      if (!body) break;
      if ((m[1] ?? '').toLowerCase() === 'using') out.using = body.inner;
      else out.check = body.inner;
      i += body.end;
    } else {
      break;
    }
  }
  return out;
}

