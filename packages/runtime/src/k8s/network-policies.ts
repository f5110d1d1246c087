/**
 * Kubernetes NetworkPolicies for namespace-per-tenant clusters. Per tenant namespace:
 *   1. default-deny-ingress      podSelector {} + policyTypes [Ingress] and no rules: nothing gets in…
 *   2. allow-from-system         …except pods in the system namespace (ingress controller, platform
 *                                services), matched by the immutable kubernetes.io/metadata.name label…
 *   3. allow-same-namespace      …and pods of the same tenant namespace.
 * NetworkPolicies are additive allow-lists, so no rule anywhere admits another tenant's namespace:
 * cross-tenant traffic is denied by (1). They are enforced only by a CNI that implements them
 * (Calico, Cilium, …); on one that does not, they are silently inert.
 */
import { stringify } from 'yaml';
import type { NetworkPolicyManifest } from './types.js';

export interface TenantNamespaceSpec {
  tenantId: string;
  /** Namespace of the tenant's workloads (default `<namespacePrefix><tenantId>`). */
  namespace?: string;
}

export interface TenantNetworkPolicyOptions {
  tenants: ReadonlyArray<string | TenantNamespaceSpec>;
  /** The platform namespace allowed to reach every tenant namespace (e.g. `platform-system`). */
  systemNamespace: string;
  /** Prefix for derived namespace names (default `tenant-`). */
  namespacePrefix?: string;
  /** Extra namespaces allowed in (e.g. `monitoring` for Prometheus scrapes). Never another tenant's. */
  extraAllowedNamespaces?: readonly string[];
}

export interface GeneratedTenantPolicies {
  tenantId: string;
  namespace: string;
  policies: NetworkPolicyManifest[];
  /** Multi-document YAML of this namespace's policies. */
  yaml: string;
  /** Suggested file name, `<namespace>.networkpolicies.yaml`. */
  fileName: string;
}

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'tenant-audit' } as const;
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function assertNamespace(name: string, what: string): string {
  if (name.length > 63 || !DNS1123_LABEL.test(name)) {
    throw new TypeError(`${what} ${JSON.stringify(name)} is not a valid namespace name (DNS-1123 label, at most 63 characters)`);
  }
  return name;
}

function policy(name: string, namespace: string, tenantId: string, from?: NetworkPolicyManifest['spec']['ingress']): NetworkPolicyManifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    // The tenant id goes in an annotation: label values cannot hold arbitrary ids.
    metadata: { name, namespace, labels: { ...MANAGED_BY }, annotations: { 'tenant-audit.dev/tenant-id': tenantId } },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ...(from === undefined ? {} : { ingress: from }) },
  };
}

function fromNamespace(namespace: string): { namespaceSelector: { matchLabels: Record<string, string> } } {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } };
}

export function generateTenantNetworkPolicies(options: TenantNetworkPolicyOptions): GeneratedTenantPolicies[] {
  const system = assertNamespace(options.systemNamespace, 'systemNamespace');
  const prefix = options.namespacePrefix ?? 'tenant-';
  const specs = options.tenants.map((t) => (typeof t === 'string' ? { tenantId: t } : t));
  const namespaces = specs.map((s) => assertNamespace(s.namespace ?? `${prefix}${s.tenantId}`, `namespace of tenant ${JSON.stringify(s.tenantId)}`));
  const tenantNamespaces = new Set<string>();
  for (const ns of namespaces) {
    if (ns === system) throw new TypeError(`tenant namespace ${ns} is the system namespace`);
    if (tenantNamespaces.has(ns)) throw new TypeError(`two tenants share namespace ${ns}: namespace isolation needs one namespace per tenant`);
    tenantNamespaces.add(ns);
  }
  const extras = (options.extraAllowedNamespaces ?? []).map((ns) => assertNamespace(ns, 'extraAllowedNamespaces entry'));
  for (const ns of extras) {
    if (tenantNamespaces.has(ns)) throw new TypeError(`extraAllowedNamespaces must not contain a tenant namespace (${ns})`);
  }
  return specs.map((spec, i) => {
    const namespace = namespaces[i] as string;
    const policies = [
      policy('default-deny-ingress', namespace, spec.tenantId),
      policy('allow-from-system-namespace', namespace, spec.tenantId, [{ from: [system, ...extras].map(fromNamespace) }]),
      // A podSelector without namespaceSelector means "pods in this policy's own namespace".
      policy('allow-same-namespace', namespace, spec.tenantId, [{ from: [{ podSelector: {} }] }]),
    ];
    return {
      tenantId: spec.tenantId,
      namespace,
      policies,
      yaml: policies.map((p) => stringify(p)).join('---\n'),
      fileName: `${namespace}.networkpolicies.yaml`,
    };
  });
}

/** All tenants' policies as one multi-document YAML stream (for `kubectl apply -f -`). */
export function tenantNetworkPoliciesYaml(options: TenantNetworkPolicyOptions): string {
  return generateTenantNetworkPolicies(options).map((g) => g.yaml).join('---\n');
}
