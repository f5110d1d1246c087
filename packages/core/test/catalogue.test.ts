import { describe, expect, it } from 'vitest';
import { GAP_CATALOGUE, GAP_KINDS, RULE_KINDS, RULE_NAMES, ruleIdForKind } from '../src/index.js';

describe('gap catalogue', () => {
  it('describes every contract kind with the contract default severity', () => {
    const defaults = {
      'unscoped-query': 'P0', 'unscoped-vector-search': 'P0', 'unscoped-session-key': 'P0', 'fail-open-tenant-check': 'P0',
      'untagged-telemetry': 'P0', 'platform-fallback': 'P1', 'shared-cache-keyspace': 'P1', 'unscoped-log-access': 'P1',
      'optional-tenant-param': 'P1', 'shared-encryption-key': 'P2', 'unscoped-backup': 'P2', 'missing-network-policy': 'P2',
      'missing-rls-policy': 'P2',
    };
    expect(Object.keys(GAP_CATALOGUE).sort()).toEqual([...GAP_KINDS].sort());
    for (const kind of GAP_KINDS) {
      const info = GAP_CATALOGUE[kind];
      expect(info.defaultSeverity).toBe(defaults[kind]);
      expect(info.explanation.length).toBeGreaterThan(80);
      expect(info.fix.length).toBeGreaterThan(40);
    }
  });
  it('maps the nine contract rules to their kinds', () => {
    expect(RULE_NAMES.sort()).toEqual([
      'no-context-free-data-access', 'no-fail-open-tenant-check', 'no-optional-tenant-id', 'no-platform-fallback',
      'no-shared-encryption-key', 'no-unscoped-log-access', 'no-unscoped-redis-keys', 'no-unscoped-session-key',
      'require-span-tenant-attribute',
    ]);
    expect(RULE_KINDS['no-context-free-data-access']).toContain('unscoped-vector-search');
    expect(ruleIdForKind('unscoped-query')).toBe('tenant-isolation/no-context-free-data-access');
    expect(ruleIdForKind('missing-network-policy')).toBeUndefined();
  });
});
