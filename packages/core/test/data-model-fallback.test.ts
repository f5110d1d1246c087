import { describe, expect, it } from 'vitest';
import { buildDataModel, resolveConfig } from '../src/index.js';

const config = resolveConfig({});

describe('data model from dependency schemas (fallback)', () => {
  it('adds the models only a dependency declares, and keeps the app\'s own declaration of a model both declare', () => {
    const own = { path: 'prisma/schema.prisma', text: 'model Setting {\n  id String @id\n  theme String\n}\n' };
    const dependency = {
      path: '../../packages/db/schema.prisma',
      text: 'model Setting {\n  id String @id\n  workspaceId String\n}\nmodel Contact {\n  id String @id\n  workspaceId String\n}\n',
    };
    const model = buildDataModel([own], config, [dependency]);
    expect(model.isTenantModel('Contact')).toBe(true);
    expect(model.isTenantModel('Setting')).toBe(false);
  });

  it('without a fallback, nothing changes', () => {
    const model = buildDataModel([{ path: 'schema.prisma', text: 'model Setting {\n  id String @id\n}\n' }], config);
    expect(model.isTenantModel('Contact')).toBeUndefined();
  });
});
