/**
 * `tenant-audit explain`: why a finding was reported (its kind, severity, message, the path from the
 * entry point to the data access, and the verdict that decided), or, for FILE:LINE, how each data
 * access on that line was judged: scoped and why, left unjudged and why, or reported.
 */
import { isAbsolute, resolve } from 'node:path';
import { GAP_CATALOGUE } from '@tenant-audit/core';
import { UsageError } from '../errors.js';
import type { Finding, SinkOutcome, TraceStep } from '../model.js';
import { relativePosix, toPosix } from '../program/paths.js';
import { printable } from '../report/printable.js';

export type ExplainTarget = { kind: 'fingerprint'; value: string } | { kind: 'location'; file: string; line: number };

export interface ExplainInput {
  root: string;
  findings: readonly Finding[];
  /** Every data-access sink's outcome; absent when reading a report (it holds findings only). */
  outcomes?: readonly SinkOutcome[];
  /** The report read instead of scanning, for messages. */
  fromReport?: string;
  /** Fingerprints a `tenant-audit-ignore-next-line` comment silences: explained, and said so. */
  silenced?: ReadonlySet<string>;
}

/** A prefix shorter than this would match by accident in a large report. */
const MIN_PREFIX = 8;

export function parseTarget(text: string): ExplainTarget {
  if (new RegExp(`^[0-9a-f]{${MIN_PREFIX},64}$`, 'i').test(text)) return { kind: 'fingerprint', value: text.toLowerCase() };
  const m = /^(.+):(\d+)$/.exec(text);
  if (m && Number(m[2]) > 0) return { kind: 'location', file: m[1] as string, line: Number(m[2]) };
  throw new UsageError(`explain needs a finding's fingerprint (at least ${MIN_PREFIX} hex characters) or FILE:LINE, got "${printable(text)}"`);
}

function step(s: TraceStep, i: number): string {
  return `    ${i + 1}. ${printable(s.file)}:${s.line}  ${printable(s.note)}`;
}

function outcomeLines(o: SinkOutcome, indent: string): string[] {
  const what = o.outcome === 'scoped' ? 'judged scoped' : o.outcome === 'reported' ? 'reported' : `not judged (${o.cause ?? 'unknown'})`;
  return [
    `${indent}${printable(o.sink)} at ${printable(o.file)}:${o.line}${o.symbol ? ` in ${printable(o.symbol)}` : ''}: ${what}`,
    `${indent}  why: ${printable(o.why)}`,
    `${indent}  file-local verdict: ${o.verdict} (${printable(o.reason)})`,
  ];
}

function explainFinding(f: Finding, input: ExplainInput): string[] {
  const outcomes = input.outcomes;
  const info = GAP_CATALOGUE[f.kind];
  const lines = [
    `[${f.severity}] ${f.kind}: ${info.title}`,
    `  at          ${printable(f.file)}:${f.line}:${f.column}${f.symbol ? ` in ${printable(f.symbol)}` : ''}`,
    `  fingerprint ${f.fingerprint}`,
    ...(f.ruleId ? [`  ESLint rule ${f.ruleId} reports the same kind in the editor`] : []),
    `  message     ${printable(f.message)}`,
    ...(input.silenced?.has(f.fingerprint) ? ['  silenced    by a tenant-audit-ignore-next-line comment above it: a scan does not report it'] : []),
  ];
  if (f.trace && f.trace.length > 0) {
    lines.push('  trace (from the entry point to the flagged code):', ...f.trace.map(step));
  } else {
    lines.push('  trace: none (the finding is local to its function: no entry point is needed to decide it)');
  }
  for (const [i, other] of (f.otherTraces ?? []).entries()) lines.push(`  other entry path ${i + 2}:`, ...other.map(step));
  const here = (outcomes ?? []).filter((o) => o.file === f.file && o.line === f.line);
  if (here.length > 0) {
    lines.push('  what decided:');
    for (const o of here) lines.push(...outcomeLines(o, '    '));
  } else if (outcomes) {
    lines.push(`  what decided: the ${f.kind} recogniser on this code (not a database access, so no sink verdict)`);
  }
  lines.push(`  why it matters: ${info.explanation}`, `  fix: ${info.fix}`);
  return lines;
}

/** The file as the findings name it (relative to the scan root): from the cwd, or already root-relative. */
function fileCandidates(file: string, root: string, cwd: string): Set<string> {
  const fromCwd = relativePosix(root, resolve(cwd, file));
  return new Set([fromCwd, ...(isAbsolute(file) ? [] : [toPosix(file).replace(/^\.\//, '')])]);
}

function byFingerprint(value: string, input: ExplainInput): Finding {
  const exact = input.findings.find((f) => f.fingerprint === value);
  if (exact) return exact;
  const matches = input.findings.filter((f) => f.fingerprint.startsWith(value));
  const where = input.fromReport ? `report ${input.fromReport}` : 'this scan';
  if (matches.length === 0) throw new UsageError(`no finding with fingerprint ${value} in ${where}`);
  if (matches.length > 1) throw new UsageError(`${matches.length} findings in ${where} have fingerprints starting with ${value}; give more characters`);
  return matches[0] as Finding;
}

export function explainTarget(target: ExplainTarget, input: ExplainInput, cwd: string): string {
  if (target.kind === 'fingerprint') return `${explainFinding(byFingerprint(target.value, input), input).join('\n')}\n`;
  const files = fileCandidates(target.file, input.root, cwd);
  const findings = input.findings.filter((f) => files.has(f.file) && (f.line === target.line || (f.endLine !== undefined && f.line <= target.line && target.line <= f.endLine)));
  const outcomes = (input.outcomes ?? []).filter((o) => files.has(o.file) && o.line === target.line);
  const shown = `${printable(target.file)}:${target.line}`;
  if (findings.length === 0 && outcomes.length === 0) {
    const more = input.outcomes ? 'no finding and no data access the scanner recognised' : `no finding in report ${input.fromReport ?? ''} (a report holds findings only; scan again without --from to see how the data access there was judged)`;
    throw new UsageError(`${shown}: ${more}`);
  }
  const parts: string[] = [];
  for (const f of findings) parts.push(explainFinding(f, input).join('\n'));
  // A finding's section already shows the data accesses on its line.
  const unexplained = findings.length > 0 ? [] : outcomes;
  for (const o of unexplained) parts.push(['data access on this line:', ...outcomeLines(o, '  ')].join('\n'));
  return `${parts.join('\n\n')}\n`;
}
