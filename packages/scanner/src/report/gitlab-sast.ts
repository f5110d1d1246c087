import { createHash } from 'node:crypto';
import { GAP_CATALOGUE, type Severity } from '@tenant-audit/core';
import type { Finding, ScanResult } from '../model.js';
import type { ReportContext } from './context.js';
import { findingFix } from './fix.js';
import { sortFindings } from './order.js';
import { sourceRoot } from './source-root.js';

/** The release of GitLab's security report schemas this report follows (SAST report, v15). */
export const GITLAB_SAST_SCHEMA_VERSION = '15.0.7';
const SCHEMA_URL = `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_SCHEMA_VERSION}/dist/sast-report-format.json`;
const TOOL_URL = 'https://www.npmjs.com/package/tenant-audit';

/** P0 silent leak → Critical, P1 logical gap → High, P2 physical gap → Medium. */
export const GITLAB_SEVERITY: Readonly<Record<Severity, 'Critical' | 'High' | 'Medium'>> = { P0: 'Critical', P1: 'High', P2: 'Medium' };

/** The schema caps these fields; GitLab rejects a report that exceeds them. */
const MAX_NAME = 255;
const MAX_SOLUTION = 7000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The schema's time format: UTC `yyyy-mm-ddThh:mm:ss`, without fraction or zone. */
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * A UUID-shaped id (the schema recommends UUIDs) derived from the fingerprint, so a gap keeps its id
 * across runs; the occurrence number keeps two copies of one gap apart, as ids must be unique.
 */
function vulnerabilityId(fingerprint: string, occurrence: number): string {
  const hex = createHash('sha256').update(`${fingerprint}#${occurrence}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** GitLab-flavoured Markdown: what was found, why it matters, and the path from the entry point. */
function description(f: Finding, prefix: string): string {
  const parts = [f.message, GAP_CATALOGUE[f.kind].explanation];
  if (f.trace && f.trace.length > 0) {
    parts.push(['Trace:', ...f.trace.map((s, i) => `${i + 1}. ${s.note} (\`${prefix}${s.file}:${s.line}\`)`)].join('\n'));
  }
  return parts.join('\n\n');
}

function vulnerability(f: Finding, prefix: string, id: string, result: ScanResult) {
  const info = GAP_CATALOGUE[f.kind];
  return {
    id,
    category: 'sast',
    name: clip(info.title, MAX_NAME),
    description: description(f, prefix),
    severity: GITLAB_SEVERITY[f.severity],
    solution: clip(findingFix(f, result), MAX_SOLUTION),
    // The first identifier is the primary one: GitLab groups and tracks vulnerabilities by it.
    identifiers: [
      { type: 'tenant_audit_rule', name: `tenant-audit ${f.kind}`, value: f.kind },
      ...(f.ruleId !== undefined ? [{ type: 'eslint_rule', name: f.ruleId, value: f.ruleId }] : []),
    ],
    location: {
      file: `${prefix}${f.file}`,
      start_line: f.line,
      end_line: Math.max(f.line, f.endLine ?? f.line),
      ...(f.symbol !== undefined && { method: f.symbol }),
    },
  };
}

/**
 * GitLab's SAST security report (`artifacts: reports: sast`), schema v15: one vulnerability per
 * finding, paths relative to the repository like the SARIF and github formats, files that did not
 * parse as `scan.messages` warnings.
 */
export function gitlabSastReport({ tool, result, finishedAt }: ReportContext): string {
  const { prefix } = sourceRoot(result.root);
  const seen = new Map<string, number>();
  const vulnerabilities = sortFindings(result.findings).map((f) => {
    const occurrence = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, occurrence + 1);
    return vulnerability(f, prefix, vulnerabilityId(f.fingerprint, occurrence), result);
  });
  const component = { id: tool.name, name: tool.name, url: TOOL_URL, vendor: { name: tool.name }, version: tool.version };
  const notAnalysed = new Set(result.coverage.notAnalysed.map((e) => e.file));
  const report = {
    version: GITLAB_SAST_SCHEMA_VERSION,
    schema: SCHEMA_URL,
    scan: {
      analyzer: component,
      scanner: component,
      type: 'sast',
      start_time: gitlabTime(new Date(finishedAt.getTime() - result.durationMs)),
      end_time: gitlabTime(finishedAt),
      status: 'success',
      // GitLab's levels are info/warn/fatal; a source file that was not analysed (the run fails closed, exit 2) says so.
      messages: result.errors.map((e) => ({ level: 'warn', value: `${prefix}${e.file}: ${notAnalysed.has(e.file) ? 'not analysed: ' : ''}${e.message}` })),
    },
    vulnerabilities,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
