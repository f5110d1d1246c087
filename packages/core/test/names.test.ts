/**
 * The name-heuristics catalogue: one definition per heuristic, printed in docs/names.md (checked
 * here), extended by config `names` (validated, and honoured by the recognisers that use it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, matchesName, mentionsName, NAME_CATALOGUE, NAME_IDS, resolveConfig, validateConfig } from '../src/index.js';
import { findings } from './helpers.js';

const DOCS = readFileSync(join(import.meta.dirname, '../../../docs/names.md'), 'utf8');

describe('name catalogue', () => {
  it('docs/names.md has one section per heuristic, with its meaning and its exact pattern, and none for unknown ones', () => {
    const sections = [...DOCS.matchAll(/^## `(\w+)`/gm)].map((m) => m[1]);
    expect(sections).toEqual(NAME_IDS);
    for (const id of NAME_IDS) {
      const h = NAME_CATALOGUE[id];
      const section = DOCS.split(/^## /m).find((s) => s.startsWith(`\`${id}\``)) ?? '';
      expect(section, id).toContain(h.pattern.source);
      expect(section.toLowerCase(), id).toContain(h.means.slice(0, 40).toLowerCase());
      if ('extendedBy' in h) expect(section, id).toContain(`config \`${h.extendedBy}\``);
    }
  });

  it('matchesName: the pattern, exact names from config `names`, and the older key an entry is extended by', () => {
    const config = resolveConfig({ names: { logReceivers: ['eventArchive'] }, authorizers: ['letThrough'] });
    expect(matchesName('logReceivers', 'auditLogs', config)).toBe(true);
    expect(matchesName('logReceivers', 'eventArchive', config)).toBe(true);
    expect(matchesName('logReceivers', 'eventArchive')).toBe(false);
    expect(matchesName('authorizers', 'letThrough', config)).toBe(true);
    // Names are whole: a config name is no prefix.
    expect(matchesName('logReceivers', 'eventArchiveReader', config)).toBe(false);
    expect(mentionsName('platformChecks', 'if (ctx.role === "platform")')).toBe(true);
    expect(mentionsName('platformChecks', 'if (user.isOpsCrew)', resolveConfig({ names: { platformChecks: ['isOpsCrew'] } }))).toBe(true);
  });

  it('the two platform-check copies agree now: superuser, super_admin and superadmin all count', () => {
    for (const text of ['user.superuser', 'user.super_admin', 'user.superadmin', 'isPlatformOperator(u)']) expect(mentionsName('platformChecks', text), text).toBe(true);
  });

  it('config `names` is validated: unknown heuristic, wrong type, empty name', () => {
    expect(() => validateConfig({ names: { authorisers: ['x'] } })).toThrow(ConfigError);
    expect(() => validateConfig({ names: { authorisers: ['x'] } })).toThrow(/key "names\.authorisers" is not a name heuristic \(one of: authorizers, /);
    expect(() => validateConfig({ names: ['authorizers'] })).toThrow(/key "names" must be an object/);
    expect(() => validateConfig({ names: { authorizers: 'letThrough' } })).toThrow(/key "names\.authorizers" must be an array of non-empty strings/);
    expect(() => validateConfig({ names: { authorizers: [''] } })).toThrow(/must be an array of non-empty strings/);
    expect(resolveConfig(validateConfig({ names: { authorizers: ['a', 'a'] } })).names).toEqual({ authorizers: ['a'] });
  });
});

describe('config names reach the recognisers', () => {
  const HEAD = `import { prisma } from './db';
declare function letThrough(user: unknown, doc: unknown): boolean;
declare const eventArchive: { search(q: unknown): Promise<unknown[]> };
declare const router: { get(p: string, h: (req: any, res: any) => unknown): void };
`;
  const BY_ID = `${HEAD}
router.get('/docs/:id', async (req, res) => {
  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });
  if (!letThrough(req.user, doc)) return res.status(403).end();
  res.json(doc);
});`;

  it('an authorizer named only in config `names.authorizers` checks the loaded record', () => {
    expect(findings(BY_ID).map((f) => f.kind)).toEqual(['unscoped-query']);
    expect(findings(BY_ID, { names: { authorizers: ['letThrough'] } })).toEqual([]);
  });

  it('a log store named only in config `names.logReceivers` is a log read', () => {
    const code = `${HEAD}
router.get('/events', async (req, res) => res.json(await eventArchive.search({ text: req.query.q })));`;
    expect(findings(code).map((f) => f.kind)).toEqual([]);
    expect(findings(code, { names: { logReceivers: ['eventArchive'] } }).map((f) => f.kind)).toEqual(['unscoped-log-access']);
  });
});
