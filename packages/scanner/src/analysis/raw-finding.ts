import { createHash } from 'node:crypto';
import { fixAdvice, GAP_CATALOGUE, ruleIdForKind, severityRank, type FixOptions, type GapKind, type ResolvedConfig, type Severity } from '@tenant-audit/core';
import type * as ts from 'typescript';
import type { Finding, TraceStep } from '../model.js';

/** A finding before fingerprints are assigned: carries the code text the fingerprint hashes. */
export interface RawFinding {
  kind: GapKind;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  symbol: string | undefined;
  trace: TraceStep[] | undefined;
  /** Other entry paths to the same sink (see Finding.otherTraces). */
  otherTraces?: TraceStep[][];
  /** Whitespace-normalised source of the flagged node. */
  code: string;
  /** Below the kind's default when the verdict rests on less (a table no schema declares); config overrides still win. */
  severity?: Severity;
  /** The model (table) the finding is about, whose tenant column its fix names. */
  model?: string;
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function spanOf(node: ts.Node, sf: ts.SourceFile): Span {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function lineOf(node: ts.Node, sf: ts.SourceFile): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function rawFinding(kind: GapKind, node: ts.Node, sf: ts.SourceFile, file: string, message: string,
  symbol: string | undefined, trace?: TraceStep[]): RawFinding {
  return { kind, file, ...spanOf(node, sf), message, symbol, trace, code: normaliseCode(sf.text.slice(node.getStart(sf), node.end)) };
}

function compare(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line || a.column - b.column || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * Severity (config override or catalogue default), rule id, fix and fingerprint. The fingerprint hashes
 * kind, file, symbol and the normalised code, plus the occurrence index among identical ones, so it
 * survives unrelated lines moving but tells two identical statements in one function apart. The fix
 * is tailored by `fixOptions` for the finding's model (see FixOptions).
 */
export function finalise(raws: readonly RawFinding[], config: ResolvedConfig, fixOptions: (model: string | undefined) => FixOptions): Finding[] {
  const ordered = [...raws].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
  const occurrences = new Map<string, number>();
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const r of ordered) {
    const dedupe = `${r.kind}\0${r.file}\0${r.line}\0${r.column}\0${r.endLine}\0${r.endColumn}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const key = `${r.kind}\0${r.file}\0${r.symbol ?? ''}\0${r.code}`;
    const index = occurrences.get(key) ?? 0;
    occurrences.set(key, index + 1);
    const fingerprint = createHash('sha256').update(`${key}\0${index}`).digest('hex');
    const ruleId = ruleIdForKind(r.kind);
    findings.push({
      kind: r.kind,
      severity: config.severity[r.kind] ?? r.severity ?? GAP_CATALOGUE[r.kind].defaultSeverity,
      ...(ruleId ? { ruleId } : {}),
      file: r.file,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      message: r.message,
      fix: fixAdvice(r.kind, fixOptions(r.model)),
      ...(r.symbol ? { symbol: r.symbol } : {}),
      ...(r.trace && r.trace.length > 0 ? { trace: r.trace } : {}),
      ...(r.otherTraces && r.otherTraces.length > 0 ? { otherTraces: r.otherTraces } : {}),
      fingerprint,
    });
  }
  return findings.sort(compare);
}
