import { GAP_CATALOGUE, SEVERITIES, type Severity } from '@tenant-audit/core';
import type { Finding } from '../model.js';
import { plainFrame } from './code-frame.js';
import type { ReportContext } from './context.js';
import { findingFix } from './fix.js';
import { incompleteNotice } from './incomplete.js';
import { markdownCode, markdownText } from './markdown-text.js';
import { countBySeverity, sortFindings } from './order.js';
import { STATUS_MARK, scorecard } from './scorecard.js';
import { cleanVerdict, coverageLine, summaryLine } from './summary.js';

const HEADINGS: Record<Severity, string> = {
  P0: 'P0 — silent cross-tenant data leaks',
  P1: 'P1 — logical isolation gaps',
  P2: 'P2 — physical isolation gaps',
};

/** Table cells cannot hold pipes or newlines (the scorecard's cells come from the catalogue, not the scanned code). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A fence longer than any backtick run in the code, so source text cannot close it. */
function fence(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  return '`'.repeat(longest + 1);
}

/**
 * Strings from the scanned code go in as markdownCode() (file names, symbols) or markdownText()
 * (messages, trace notes): no backtick, pipe, tag, link or newline of theirs reaches the Markdown.
 */
function findingSection(f: Finding, context: ReportContext): string[] {
  const out = [`#### \`${f.kind}\` at ${markdownCode(`${f.file}:${f.line}:${f.column}`)}${f.symbol ? ` in ${markdownCode(f.symbol)}` : ''}`, '', `**${f.severity}** — ${markdownText(f.message)}`, ''];
  const frame = plainFrame(context.source, f.file, f.line, f.column);
  if (frame.length > 0) {
    const f3 = fence(frame);
    out.push(`${f3}text`, ...frame, f3, '');
  }
  if (f.trace && f.trace.length > 0) {
    out.push('Trace:', '');
    for (const step of f.trace) out.push(`1. ${markdownText(step.note)} (${markdownCode(`${step.file}:${step.line}`)})`);
    out.push('');
  }
  const others = (f.otherTraces ?? []).map((t) => t[0]).filter((s): s is NonNullable<typeof s> => s !== undefined);
  if (others.length > 0) {
    out.push('Also reached from:', '');
    for (const step of others) out.push(`- ${markdownText(step.note)} (${markdownCode(`${step.file}:${step.line}`)})`);
    out.push('');
  }
  out.push(`**Fix:** ${findingFix(f, context.result)} ([more](${GAP_CATALOGUE[f.kind].docsUrl}))`, '');
  return out;
}

/** The same content as pretty, for a pull-request comment or a job summary. */
export function markdownReport(context: ReportContext): string {
  const findings = sortFindings(context.result.findings);
  const counts = countBySeverity(findings);
  const out: string[] = [];
  if (!context.quiet) out.push('## tenant-audit', '', summaryLine(context.result, counts), '', coverageLine(context.result), '');
  const notice = incompleteNotice(context.result, context.allowIncomplete);
  if (notice && !(context.quiet && context.allowIncomplete)) {
    out.push(`> **${notice.heading}**`, '>');
    for (const e of notice.entries) out.push(`> - ${markdownCode(e.file)}: ${markdownText(e.message)}`);
    if (notice.hint) out.push('>', `> ${notice.hint}`);
    out.push('');
  }
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`### ${HEADINGS[severity]} (${group.length})`, '');
    for (const f of group) out.push(...findingSection(f, context));
  }
  if (context.quiet) return out.length > 0 ? `${out.join('\n')}\n` : '';
  if (findings.length === 0) out.push(cleanVerdict(context.result), '');
  out.push('### Scorecard', '', '| Subsystem | Gap kind | Findings | Worst | Status |', '| --- | --- | ---: | --- | --- |');
  for (const row of scorecard(findings, context.failOn)) {
    out.push(`| ${cell(row.subsystem)} | \`${row.kind}\` | ${row.count} | ${row.worst ?? '—'} | ${STATUS_MARK[row.status]} |`);
  }
  out.push('');
  if (context.result.errors.length > 0) {
    out.push('### Problems', '');
    for (const e of context.result.errors) out.push(`- ${markdownCode(e.file)}: ${markdownText(e.message)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
