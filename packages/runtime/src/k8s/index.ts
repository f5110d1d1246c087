export { generateTenantNetworkPolicies, tenantNetworkPoliciesYaml } from './network-policies.js';
export type { GeneratedTenantPolicies, TenantNamespaceSpec, TenantNetworkPolicyOptions } from './network-policies.js';
export { writeTenantNetworkPolicies } from './write.js';
export type { NetworkPolicyManifest, NetworkPolicyPeer, NetworkPolicyIngressRule, LabelSelector } from './types.js';
