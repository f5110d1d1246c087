import type { ScanError } from '../model.js';
import type { RawFinding } from '../analysis/raw-finding.js';
import { readText } from '../program/read.js';
import { parseManifests, type Manifest } from './manifests.js';
import { coversNamespace, isTenantNamespace } from './policies.js';

export interface KubernetesScan {
  findings: RawFinding[];
  errors: ScanError[];
  filesScanned: number;
}

/**
 * Tenant namespaces without a default-deny ingress NetworkPolicy. Manifests are parsed as data
 * (never templated or applied); a file that is not YAML is an error entry.
 */
export function scanKubernetes(paths: readonly string[], rel: (p: string) => string): KubernetesScan {
  const errors: ScanError[] = [];
  const manifests: Manifest[] = [];
  let filesScanned = 0;
  for (const path of paths) {
    const read = readText(path);
    if (!read.ok) {
      errors.push({ file: rel(path), message: read.message });
      continue;
    }
    if (read.warning) errors.push({ file: rel(path), message: read.warning });
    const parsed = parseManifests(read.text, rel(path));
    if (parsed.error) errors.push({ file: rel(path), message: parsed.error });
    if (parsed.manifests.length > 0) filesScanned++;
    manifests.push(...parsed.manifests);
  }
  const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
  const findings: RawFinding[] = [];
  for (const ns of manifests) {
    if (ns.kind !== 'Namespace' || !ns.name || !isTenantNamespace(ns)) continue;
    if (policies.some((p) => coversNamespace(p, ns.name as string))) continue;
    findings.push({
      kind: 'missing-network-policy', file: ns.file, line: ns.kindLine, column: ns.kindColumn, endLine: ns.kindLine,
      endColumn: ns.kindColumn + `kind: Namespace`.length, symbol: undefined, trace: undefined,
      code: `Namespace ${ns.name}`,
      message: `tenant namespace ${ns.name} has no default-deny ingress NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no rule admitting other namespaces); pods of other tenants can reach its workloads`,
    });
  }
  return { findings, errors, filesScanned };
}
