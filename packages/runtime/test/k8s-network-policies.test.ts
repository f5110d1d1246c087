// NetworkPolicy generation: parse the YAML it writes and check structure + a JSON schema of the
// NetworkPolicy fields relied on (no cluster or kubeconform offline).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Ajv } from 'ajv';
import { generateTenantNetworkPolicies, tenantNetworkPoliciesYaml, writeTenantNetworkPolicies } from '../src/k8s/index.js';

const selector = {
  type: 'object', additionalProperties: false,
  properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } } },
};
const dns1123 = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 };
const networkPolicySchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'networking.k8s.io/v1' },
    kind: { const: 'NetworkPolicy' },
    metadata: {
      type: 'object', required: ['name', 'namespace'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
        namespace: dns1123,
        labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object', required: ['podSelector', 'policyTypes'], additionalProperties: false,
      properties: {
        podSelector: selector,
        policyTypes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['Ingress', 'Egress'] } },
        ingress: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false,
            properties: {
              from: {
                type: 'array', minItems: 1,
                items: {
                  type: 'object', additionalProperties: false, minProperties: 1,
                  properties: { podSelector: selector, namespaceSelector: selector },
                },
              },
            },
          },
        },
      },
    },
  },
};
const validate = new Ajv({ allErrors: true, strict: true }).compile(networkPolicySchema);

type Policy = {
  metadata: { name: string; namespace: string };
  spec: { podSelector: object; policyTypes: string[]; ingress?: Array<{ from: Array<{ podSelector?: object; namespaceSelector?: { matchLabels: Record<string, string> } }> }> };
};

const options = { tenants: ['acme', { tenantId: 'Globex Corp', namespace: 'globex' }, 'initech'], systemNamespace: 'platform-system' };

function parsePolicies(yamlText: string): Policy[] {
  return parseAllDocuments(yamlText).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Policy;
  });
}

describe('generateTenantNetworkPolicies', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes one file per tenant namespace, each with three schema-valid policies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ta-k8s-'));
    dirs.push(dir);
    const files = await writeTenantNetworkPolicies(dir, options);
    expect((await readdir(dir)).sort()).toEqual(['globex.networkpolicies.yaml', 'tenant-acme.networkpolicies.yaml', 'tenant-initech.networkpolicies.yaml']);
    for (const file of files) {
      const policies = parsePolicies(await readFile(file, 'utf8'));
      expect(policies.map((p) => p.metadata.name)).toEqual(['default-deny-ingress', 'allow-from-system-namespace', 'allow-same-namespace']);
      for (const p of policies) expect(validate(p), JSON.stringify(validate.errors)).toBe(true);
      expect(new Set(policies.map((p) => p.metadata.namespace)).size).toBe(1);
    }
  });

  it('default-deny: every pod selected, Ingress type, no ingress rules', () => {
    for (const p of parsePolicies(tenantNetworkPoliciesYaml(options)).filter((p) => p.metadata.name === 'default-deny-ingress')) {
      expect(p.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    }
  });

  it('allows the system namespace by its immutable name label, and the own namespace by podSelector only', () => {
    const all = parsePolicies(tenantNetworkPoliciesYaml(options));
    const system = all.filter((p) => p.metadata.name === 'allow-from-system-namespace');
    expect(system).toHaveLength(3);
    for (const p of system) {
      expect(p.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'platform-system' } } }] }]);
    }
    for (const p of all.filter((p) => p.metadata.name === 'allow-same-namespace')) {
      expect(p.spec.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    }
  });

  it('no policy admits another tenant\'s namespace (nor all namespaces)', () => {
    const tenantNamespaces = ['tenant-acme', 'globex', 'tenant-initech'];
    for (const p of parsePolicies(tenantNetworkPoliciesYaml({ ...options, extraAllowedNamespaces: ['monitoring'] }))) {
      for (const rule of p.spec.ingress ?? []) {
        for (const peer of rule.from) {
          if (peer.namespaceSelector !== undefined) {
            const name = peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name'];
            expect(name).toBeDefined(); // an empty namespaceSelector would mean "every namespace"
            expect(tenantNamespaces).not.toContain(name);
          } else {
            expect(peer.podSelector).toEqual({}); // same-namespace only
          }
        }
      }
    }
  });

  it('rejects invalid or shared namespaces instead of writing something weaker', () => {
    expect(() => generateTenantNetworkPolicies({ tenants: ['Acme Corp'], systemNamespace: 'sys' })).toThrow(/valid namespace/);
    expect(() => generateTenantNetworkPolicies({ tenants: ['a', { tenantId: 'b', namespace: 'tenant-a' }], systemNamespace: 'sys' })).toThrow(/share namespace/);
    expect(() => generateTenantNetworkPolicies({ tenants: [{ tenantId: 'x', namespace: 'sys' }], systemNamespace: 'sys' })).toThrow(/system namespace/);
    expect(() => generateTenantNetworkPolicies({ tenants: ['a', 'b'], systemNamespace: 'sys', extraAllowedNamespaces: ['tenant-b'] })).toThrow(/tenant namespace/);
  });

  it('the schema itself rejects what would be wrong (sanity check of the validator)', () => {
    const [good] = generateTenantNetworkPolicies(options)[0]?.policies ?? [];
    expect(validate({ ...good, spec: { ...good?.spec, policyTypes: ['Sideways'] } })).toBe(false);
    expect(validate({ ...good, metadata: { name: 'x', namespace: 'Bad_NS' } })).toBe(false);
  });
});
