import { pathToFileURL } from 'node:url';
import { GAP_CATALOGUE, GAP_KINDS, type GapKind, type Severity } from '@tenant-audit/core';
import type { Finding, ScanResult, TraceStep } from '../model.js';
import type { ReportContext } from './context.js';
import { findingFix } from './fix.js';
import { notAnalysedTest } from './incomplete.js';
import { sortFindings } from './order.js';
import { visibleControls } from './printable.js';
import { relativeUri } from './sarif-uri.js';
import { sourceRoot } from './source-root.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `partialFingerprints`; the version suffix lets the algorithm change later. */
export const FINGERPRINT_KEY = 'tenantAudit/v1';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning';

/** P0 and P1 break isolation logically and fail the build by default; P2 is hardening. */
export function sarifLevel(severity: Severity): Level {
  return severity === 'P2' ? 'warning' : 'error';
}

/** `unscoped-query` → `UnscopedQuery`: SARIF's `name` is meant to be an identifier-like label. */
function ruleName(kind: GapKind): string {
  return kind.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

/**
 * A rule per kind. Rules describe the tool, so their help is the catalogue's generic fix, linked to
 * the kind's docs page (which gives both ways, with the runtime and without); each result carries
 * the fix tailored to the scanned code base in `properties.fix`.
 */
function rule(kind: GapKind) {
  const info = GAP_CATALOGUE[kind];
  const fix = info.fix;
  return {
    id: kind,
    name: ruleName(kind),
    shortDescription: { text: info.title },
    fullDescription: { text: info.explanation },
    helpUri: info.docsUrl,
    help: { text: fix, markdown: `**${info.title}**\n\n${info.explanation}\n\n**Fix:** ${fix}\n\n[More on this gap](${info.docsUrl})` },
    defaultConfiguration: { level: sarifLevel(info.defaultSeverity) },
    properties: {
      tags: ['security', 'multi-tenant', 'tenant-isolation', info.subsystem],
      'security-severity': info.securitySeverity.toFixed(1),
      precision: 'medium',
      severity: info.defaultSeverity,
    },
  };
}

function artifact(prefix: string, file: string) {
  return { uri: relativeUri(`${prefix}${file}`), uriBaseId: SRCROOT };
}

function physical(prefix: string, file: string, line: number, column?: number, endLine?: number, endColumn?: number) {
  return {
    artifactLocation: artifact(prefix, file),
    region: {
      startLine: Math.max(1, line),
      ...(column !== undefined && { startColumn: Math.max(1, column) }),
      ...(endLine !== undefined && { endLine: Math.max(1, endLine) }),
      ...(endColumn !== undefined && { endColumn: Math.max(1, endColumn) }),
    },
  };
}

function codeFlow(prefix: string, trace: readonly TraceStep[], finding: Finding) {
  const steps = [...trace.map((s) => ({ file: s.file, line: s.line, note: s.note })), { file: finding.file, line: finding.line, note: finding.message }];
  return {
    threadFlows: [
      {
        locations: steps.map((s, index) => ({
          location: { physicalLocation: physical(prefix, s.file, s.line), message: { text: visibleControls(s.note) } },
          executionOrder: index + 1,
        })),
      },
    ],
  };
}

function result(prefix: string, finding: Finding, ruleIndex: number, scan: ScanResult) {
  return {
    ruleId: finding.kind,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: visibleControls(finding.message) },
    locations: [{ physicalLocation: physical(prefix, finding.file, finding.line, finding.column, finding.endLine, finding.endColumn) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.trace && finding.trace.length > 0 && {
      codeFlows: [finding.trace, ...(finding.otherTraces ?? [])].map((t) => codeFlow(prefix, t, finding)),
    }),
    properties: {
      severity: finding.severity,
      'security-severity': GAP_CATALOGUE[finding.kind].securitySeverity.toFixed(1),
      ...(finding.ruleId !== undefined && { eslintRule: finding.ruleId }),
      ...(finding.symbol !== undefined && { symbol: finding.symbol }),
      fix: findingFix(finding, scan),
    },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every gap kind as a rule, traces as code flows.
 * JSON.stringify keeps the log valid JSON whatever the scanned code holds; paths become encoded URI
 * references (sarif-uri.ts) and message texts show controls as visible escapes (printable.ts).
 */
export function sarifReport({ tool, result: scan, allowIncomplete }: ReportContext): string {
  const src = sourceRoot(scan.root);
  const notAnalysed = notAnalysedTest(scan);
  const rootUri = pathToFileURL(src.base.endsWith('/') ? src.base : `${src.base}/`).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: 'https://www.npmjs.com/package/tenant-audit',
            rules: GAP_KINDS.map(rule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: scan.errors.map((e) => ({
              // A source file that was not analysed fails the run unless accepted.
              level: notAnalysed(e) && !allowIncomplete ? 'error' : 'warning',
              message: { text: visibleControls(e.message) },
              locations: [{ physicalLocation: { artifactLocation: artifact(src.prefix, e.file) } }],
            })),
          },
        ],
        results: sortFindings(scan.findings).map((f) => result(src.prefix, f, GAP_KINDS.indexOf(f.kind), scan)),
        columnKind: 'utf16CodeUnits',
        properties: { filesScanned: scan.filesScanned, suppressed: scan.suppressed, coverage: scan.coverage },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
