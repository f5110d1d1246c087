import type { Manifest } from './manifests.js';

const TENANT_WORD = /^(tenant|tenant[-_.]?id|tenantid)$/i;

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A namespace labelled for a tenant (`tenant: acme`, `tenant-id: …`, `example.com/tenant: …`) or named `tenant-…`. */
export function isTenantNamespace(ns: Manifest): boolean {
  if (ns.name?.startsWith('tenant-')) return true;
  const labels = record(record(ns.data.metadata)?.labels) ?? {};
  return Object.entries(labels).some(([k, v]) => {
    const key = k.slice(k.lastIndexOf('/') + 1);
    return TENANT_WORD.test(key) || (typeof v === 'string' && TENANT_WORD.test(v));
  });
}

function selectsAllPods(spec: Record<string, unknown>): boolean {
  if (!('podSelector' in spec)) return false;
  const sel = record(spec.podSelector);
  if (spec.podSelector === null) return true;
  if (!sel) return false;
  const labels = record(sel.matchLabels);
  const exprs = sel.matchExpressions;
  return (!labels || Object.keys(labels).length === 0) && (!Array.isArray(exprs) || exprs.length === 0);
}

/**
 * An ingress peer that admits traffic from outside the namespace: an ipBlock, a namespaceSelector
 * that is not pinned to this namespace (empty selector = every namespace), or a rule with no `from`.
 */
function admitsOtherTenants(rule: unknown, namespace: string): boolean {
  const r = record(rule);
  if (!r) return false;
  const from = r.from;
  if (!Array.isArray(from) || from.length === 0) return true;
  return from.some((peer) => {
    const p = record(peer);
    if (!p) return false;
    if (p.ipBlock) return true;
    if (!('namespaceSelector' in p)) return false; // podSelector alone = same namespace
    const ns = record(p.namespaceSelector);
    const labels = record(ns?.matchLabels) ?? {};
    const pinned = labels['kubernetes.io/metadata.name'] === namespace;
    // Well-known platform namespaces (ingress controller, monitoring) are not other tenants.
    const platform = Object.values(labels).some((v) => typeof v === 'string' && /^(kube-system|ingress-nginx|ingress|monitoring|platform|system)$/.test(v));
    return !pinned && !platform;
  });
}

/** Default-deny ingress for the namespace: all pods selected, Ingress in policyTypes, no rule for other tenants. */
export function coversNamespace(policy: Manifest, namespace: string): boolean {
  if (policy.namespace !== namespace) return false;
  const spec = record(policy.data.spec);
  if (!spec || !selectsAllPods(spec)) return false;
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : undefined;
  // Without policyTypes Kubernetes infers Ingress.
  if (types && !types.includes('Ingress')) return false;
  const ingress = spec.ingress;
  if (ingress === undefined || ingress === null) return true;
  if (!Array.isArray(ingress)) return false;
  return !ingress.some((rule) => admitsOtherTenants(rule, namespace));
}
