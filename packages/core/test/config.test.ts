import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig, loadConfigFile, resolveConfig, validateConfig } from '../src/index.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ta-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('uses the contract defaults when no config exists', () => {
    const { config, source } = loadConfig(dirWith({}));
    expect(source).toBeUndefined();
    expect(config.tenantFields).toEqual(['tenantId', 'tenant_id', 'orgId', 'organizationId', 'workspaceId', 'teamId', 'accountId']);
    expect(config.platformNames).toEqual(['PLATFORM', 'PLATFORM_CONTEXT']);
    expect(config.contextGetters).toContain('getCurrentTenant');
  });
  it('reads tenant-audit.config.json and lets tenantFields replace the default list while other lists extend', () => {
    const dir = dirWith({ 'tenant-audit.config.json': JSON.stringify({ tenantFields: ['projectId'], authorizers: ['assertProjectAccess'] }) });
    const { config, source } = loadConfig(dir);
    expect(source).toBe(join(dir, 'tenant-audit.config.json'));
    expect(config.tenantFields).toEqual(['projectId']);
    expect(config.authorizers).toEqual(['assertProjectAccess']);
    expect(config.platformNames).toEqual(DEFAULT_CONFIG.platformNames);
  });
  it('falls back to package.json#tenantAudit', () => {
    const dir = dirWith({ 'package.json': JSON.stringify({ name: 'x', tenantAudit: { globalModels: ['Plan'] } }) });
    const { config, source } = loadConfig(dir);
    expect(source).toBe(`${join(dir, 'package.json')}#tenantAudit`);
    expect(config.globalModels).toEqual(['Plan']);
  });
  it('rejects an unknown key, naming the file and the key', () => {
    const dir = dirWith({ 'tenant-audit.config.json': JSON.stringify({ tenantFeilds: ['x'] }) });
    const e = errorOf(() => loadConfig(dir));
    expect(e.key).toBe('tenantFeilds');
    expect(e.message).toContain('tenant-audit.config.json');
    expect(e.message).toContain('unknown key "tenantFeilds"');
    expect(e.message.split('\n')).toHaveLength(1);
  });
  it('rejects a wrong type, naming the key and the expected type', () => {
    const e = errorOf(() => validateConfig({ tenantFields: 'tenantId' }, 'cfg.json'));
    expect(e.message).toBe('cfg.json: key "tenantFields" must be an array of non-empty strings, got string "tenantId"');
    const s = errorOf(() => validateConfig({ severity: { 'unscoped-query': 'P9' } }, 'cfg.json'));
    expect(s.key).toBe('severity.unscoped-query');
    const k = errorOf(() => validateConfig({ severity: { 'made-up': 'P1' } }));
    expect(k.message).toContain('is not a gap kind');
  });
  it('rejects invalid JSON with the file name, and a missing --config file', () => {
    const dir = dirWith({ 'tenant-audit.config.json': '{ "tenantFields": [ ' });
    const e = errorOf(() => loadConfig(dir));
    expect(e.message).toMatch(/tenant-audit\.config\.json: invalid JSON/);
    expect(errorOf(() => loadConfigFile(join(dir, 'nope.json'))).message).toContain('config file not found');
  });
  it('accepts severity overrides and keeps them', () => {
    expect(resolveConfig(validateConfig({ severity: { 'untagged-telemetry': 'P1' } })).severity).toEqual({ 'untagged-telemetry': 'P1' });
  });
  it('accepts "$comment" and "//" keys as comments, whatever they hold, and drops them', () => {
    const config = validateConfig({ $comment: 'written by init', '//tenantFields': ['learnt from', 'schema.prisma'], '//': { any: 1 }, tenantFields: ['projectId'] });
    expect(config).toEqual({ tenantFields: ['projectId'] });
  });
  it('still rejects keys that only look like comments (a typo is never a comment)', () => {
    expect(errorOf(() => validateConfig({ comment: 'x' })).key).toBe('comment');
    expect(errorOf(() => validateConfig({ '/tenantFields': ['x'] })).key).toBe('/tenantFields');
    expect(errorOf(() => validateConfig({ $comments: 'x' })).key).toBe('$comments');
  });
  it('rejects a config that is not an object', () => {
    expect(errorOf(() => validateConfig([1, 2])).message).toContain('must be a JSON object');
  });
});

describe('includeTests', () => {
  it('defaults to false, accepts a boolean and rejects anything else', () => {
    expect(resolveConfig().includeTests).toBe(false);
    expect(resolveConfig(validateConfig({ includeTests: true })).includeTests).toBe(true);
    expect(errorOf(() => validateConfig({ includeTests: 'yes' }, 'c.json')).message).toBe('c.json: key "includeTests" must be true or false, got string "yes"');
  });
});

describe('allowIncomplete', () => {
  it('defaults to false (a scan that could not read a source file fails), accepts a boolean and rejects anything else', () => {
    expect(resolveConfig().allowIncomplete).toBe(false);
    expect(resolveConfig(validateConfig({ allowIncomplete: true })).allowIncomplete).toBe(true);
    expect(errorOf(() => validateConfig({ allowIncomplete: 1 }, 'c.json')).message).toBe('c.json: key "allowIncomplete" must be true or false, got number 1');
  });
});
