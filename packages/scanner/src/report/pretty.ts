import { Chalk, type ChalkInstance } from 'chalk';
import { GAP_CATALOGUE, SEVERITIES, type Severity } from '@tenant-audit/core';
import type { Finding, TraceStep } from '../model.js';
import { caretOffset, frameLines } from './code-frame.js';
import type { ReportContext } from './context.js';
import { kindFix } from './fix.js';
import { incompleteNotice, type IncompleteNotice } from './incomplete.js';
import { countBySeverity, sortFindings } from './order.js';
import { printable } from './printable.js';
import { STATUS_MARK, scorecard, type ScorecardRow } from './scorecard.js';
import { cleanVerdict, coverageLine, summaryLine } from './summary.js';

const HEADINGS: Record<Severity, string> = {
  P0: 'P0 — silent cross-tenant data leaks',
  P1: 'P1 — logical isolation gaps',
  P2: 'P2 — physical isolation gaps',
};

function severityColor(c: ChalkInstance, severity: Severity): ChalkInstance {
  return severity === 'P0' ? c.red.bold : severity === 'P1' ? c.yellow.bold : c.blue.bold;
}

/** Wraps advice to the terminal-friendly width, indented under the finding. */
function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** The entry point a finding's path starts at (its first trace step, when that is one). */
function entryOf(f: Finding): TraceStep | undefined {
  const first = f.trace?.[0];
  return first?.entry === true ? first : undefined;
}

interface EntryGroup {
  entry: TraceStep | undefined;
  findings: Finding[];
}

/**
 * Findings under the entry point their path starts at, in report order; those no entry point reaches
 * (a library's exports, a helper nothing calls, file-level findings) come last, together.
 */
function byEntryPoint(findings: readonly Finding[]): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  const unreached: EntryGroup = { entry: undefined, findings: [] };
  for (const f of findings) {
    const entry = entryOf(f);
    if (!entry) {
      unreached.findings.push(f);
      continue;
    }
    const key = `${entry.file}\0${entry.line}\0${entry.note}`;
    const group = groups.get(key);
    if (group) group.findings.push(f);
    else groups.set(key, { entry, findings: [f] });
  }
  return [...groups.values(), ...(unreached.findings.length > 0 ? [unreached] : [])];
}

function entryHeading(c: ChalkInstance, entry: TraceStep | undefined): string {
  return entry
    ? `  ${c.bold('▸')} ${c.bold(printable(entry.note))} ${c.dim(`(${printable(entry.file)}:${entry.line})`)}`
    : `  ${c.bold('▸')} ${c.dim('not reached from an entry point')}`;
}

/**
 * Every string from the scanned code (file names, symbols, messages, trace notes) goes through
 * printable(): one line each, controls visible, so the report cannot be made to print a line of the
 * scanned code's choosing (a `::error::` workflow command in a CI log) or drive the terminal. The fix
 * is not repeated here: each kind's is printed once, under "How to fix".
 */
function findingBlock(c: ChalkInstance, f: Finding, context: ReportContext): string[] {
  const out = [`    ${severityColor(c, f.severity)(f.severity)} ${c.bold(f.kind)}  ${c.cyan(`${printable(f.file)}:${f.line}:${f.column}`)}${f.symbol ? c.dim(` in ${printable(f.symbol)}`) : ''}`];
  out.push(`      ${printable(f.message)}`);
  const frame = frameLines(context.source, f.file, f.line);
  const width = String(frame.at(-1)?.number ?? f.line).length;
  for (const l of frame) {
    const gutter = `${l.marked ? '>' : ' '} ${String(l.number).padStart(width)} |`;
    out.push(`      ${l.marked ? c.red(gutter) : c.dim(gutter)} ${l.text}`.trimEnd());
    if (l.marked) out.push(`      ${c.dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(caretOffset(context.source, f.file, f.line, f.column))}${c.red('^')}`);
  }
  if (f.trace && f.trace.length > 0) {
    out.push(`      ${c.dim('trace:')}`);
    for (const step of f.trace) out.push(`        ${c.dim('→')} ${printable(step.note)} ${c.dim(`(${printable(step.file)}:${step.line})`)}`);
  }
  // Other entry points that reach the same sink unchecked: their first step says which.
  for (const other of f.otherTraces ?? []) {
    const entry = other[0];
    if (entry) out.push(`      ${c.dim('also from:')} ${printable(entry.note)} ${c.dim(`(${printable(entry.file)}:${entry.line})`)}`);
  }
  return out;
}

/**
 * Each kind present, once: its title, its full fix in the code base's terms (its tenant column, the
 * runtime's APIs only when it uses them), and its docs page. Each finding's message already ends with
 * the short fix for its own table; `--format json` gives every finding its full one.
 */
function howToFix(c: ChalkInstance, findings: readonly Finding[], context: ReportContext): string[] {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  const out = [c.bold('HOW TO FIX'), ''];
  for (const kind of kinds) {
    const info = GAP_CATALOGUE[kind];
    out.push(`  ${c.bold(kind)} ${c.dim('—')} ${info.title}`);
    out.push(...wrap(printable(kindFix(kind, context.result)), '    ').map((l) => c.green(l)));
    out.push(`    ${c.dim('docs:')} ${c.cyan(info.docsUrl)}`, '');
  }
  return out;
}

function scorecardTable(c: ChalkInstance, rows: readonly ScorecardRow[]): string[] {
  const head = ['Subsystem', 'Gap kind', 'Findings', 'Worst', 'Status'];
  const cells = rows.map((r) => [r.subsystem, r.kind, String(r.count), r.worst ?? '—', STATUS_MARK[r.status]]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const fmt = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [c.bold('SCORECARD'), `  ${c.bold(fmt(head))}`, `  ${c.dim(widths.map((w) => '-'.repeat(w)).join('  '))}`];
  rows.forEach((r, i) => {
    const line = fmt(cells[i] ?? []);
    const paint = r.status === 'fail' ? c.red : r.status === 'warn' ? c.yellow : c.green;
    out.push(`  ${paint(line)}`);
  });
  return out;
}

function incompleteBlock(c: ChalkInstance, notice: IncompleteNotice): string[] {
  const out = [c.red.bold(notice.heading)];
  for (const e of notice.entries) out.push(`  ${c.cyan(printable(e.file))}: ${printable(e.message)}`);
  if (notice.hint) out.push(c.dim(notice.hint));
  return out;
}

/**
 * The human report: files not analysed first, findings by severity and, within it, by the entry point
 * their path starts at; each kind's fix once; the scorecard, and a one-line summary.
 */
export function prettyReport(context: ReportContext): string {
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const findings = sortFindings(context.result.findings);
  const out: string[] = [];
  const notice = incompleteNotice(context.result, context.allowIncomplete);
  // Even --quiet names them while they fail the run: the exit code needs its reason on the page.
  if (notice && !(context.quiet && context.allowIncomplete)) out.push(...incompleteBlock(c, notice), '');
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(severityColor(c, severity)(`${HEADINGS[severity]} (${group.length})`), '');
    for (const entryGroup of byEntryPoint(group)) {
      out.push(entryHeading(c, entryGroup.entry), '');
      for (const f of entryGroup.findings) out.push(...findingBlock(c, f, context), '');
    }
  }
  // The fix belongs to the findings: --quiet keeps it.
  if (findings.length > 0) out.push(...howToFix(c, findings, context));
  if (context.quiet) return out.length > 0 ? `${out.join('\n')}\n` : '';
  if (findings.length === 0) {
    const verdict = cleanVerdict(context.result);
    const cov = context.result.coverage;
    out.push(cov.unjudged === 0 && cov.sinks > 0 && cov.filesNotAnalysed === 0 ? c.green(verdict) : c.yellow(verdict), '');
  }
  out.push(...scorecardTable(c, scorecard(findings, context.failOn)), '');
  const counts = countBySeverity(findings);
  out.push(c.dim(coverageLine(context.result)));
  out.push(c.bold(summaryLine(context.result, counts)));
  return `${out.join('\n')}\n`;
}
