/** What `init` prints: what it found, why, what it wrote, and what to check by hand. */
import { DEFAULT_CONFIG } from '@tenant-audit/core';
import { printable } from '../report/printable.js';
import { someOf } from './config-text.js';
import type { InitFindings } from './findings.js';

function stackLines(found: InitFindings): string[] {
  if (found.stack.length === 0) return ['  nothing the scanner knows (no known ORM, database client or framework in package.json or imports)'];
  const label = { orm: 'data', store: 'store', framework: 'framework' } as const;
  return found.stack.map((p) => `  ${label[p.kind].padEnd(9)}  ${p.name}: ${someOf(p.evidence.map(printable), 3)}`);
}

function tenantLines(found: InitFindings): string[] {
  const s = found.tenantFields;
  const lines: string[] = [];
  if (s.modelCount === 0) lines.push('  no schema, migration or model definition found: the data model is unknown');
  else lines.push(`  data model: ${s.modelCount} models from ${s.sources.length} file${s.sources.length === 1 ? '' : 's'} (${someOf(s.sources.map(printable), 3)})`);
  for (const g of s.kept) {
    lines.push(`  tenant fields ${g.fields.join(', ')}: ${g.because}; ${g.models.length} model${g.models.length === 1 ? '' : 's'} carry them (${someOf(g.models.map(printable), 4)})`);
  }
  for (const g of s.dropped) {
    lines.push(`  not proposed: ${g.seen.map(printable).join(', ')} (${g.notProposedBecause ?? ''}; on ${someOf(g.models.map(printable), 3)})`);
  }
  if (s.fields.length === 0) {
    lines.push(`  no tenant column found: the defaults stay (${DEFAULT_CONFIG.tenantFields.join(', ')})`);
    const top = s.mostReferenced.map((r) => `${printable(r.model)} (${r.references} foreign key${r.references === 1 ? '' : 's'})`);
    if (top.length > 0) lines.push(`  most referenced models: ${top.join(', ')}; if one is your tenant, set "tenantFields" to the keys that point at it`);
  }
  return lines;
}

function getterLines(found: InitFindings): string[] {
  if (found.contextGetters.length === 0) return ['  context getters: none beyond the built-in ones (a no-argument get…Tenant…() that throws without a tenant)'];
  return found.contextGetters.map((g) => `  context getter ${printable(g.name)} (${printable(g.at)}): takes no argument and throws without a tenant`);
}

export function initSummary(found: InitFindings, written: string, path: string): string {
  return [
    `tenant-audit init: read ${found.sourceFiles} source file${found.sourceFiles === 1 ? '' : 's'} under ${printable(found.root)}`,
    '',
    'Stack',
    ...stackLines(found),
    '',
    'Tenant',
    ...tenantLines(found),
    ...getterLines(found),
    '',
    `Wrote ${printable(written)} (each key is explained by the "//" entry above it). Review it, then scan: tenant-audit ${/\s/.test(path) ? JSON.stringify(path) : printable(path)}`,
    '',
    'ESLint (flat config) with the same settings:',
    '',
  ].join('\n');
}
