import { describe, expect, it } from 'vitest';
import { entityKeyName, suggestTenantFields } from '../../src/init/tenant-fields.js';

const prisma = (text: string) => [{ path: 'prisma/schema.prisma', text }];

describe('init: tenant fields from the data model', () => {
  it('proposes the foreign keys to the tenant entity, under every spelling that points at it', () => {
    const s = suggestTenantFields(prisma(`
model Project {
  id String @id
}
model Link {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Tag {
  id String @id
  workspaceId String
  workspace Project @relation(fields: [workspaceId], references: [id])
}
model Domain {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
`));
    expect(s.fields).toEqual(['projectId', 'workspaceId']);
    expect(s.kept).toHaveLength(1);
    expect(s.kept[0]?.entity).toBe('Project');
    expect(s.kept[0]?.models).toEqual(['Domain', 'Link', 'Tag']);
    expect(s.kept[0]?.because).toMatch(/foreign keys to Project/);
  });

  it('groups orgId and organizationId under the organization, beside the project group', () => {
    const s = suggestTenantFields([
      { path: 'prisma/schema.prisma', text: `
model Organization {
  id String @id
}
model Project {
  id String @id
  orgId String
  org Organization @relation(fields: [orgId], references: [id])
}
model ApiKey {
  id String @id
  orgId String
  org Organization @relation(fields: [orgId], references: [id])
}
model Trace {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Score {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Dataset {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Prompt {
  id String @id
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
` },
      { path: 'migrations/1.sql', text: 'CREATE TABLE audit_logs (id text, organization_id text REFERENCES "Organization"(id));' },
    ]);
    expect(s.fields).toEqual(['projectId', 'organizationId', 'orgId']);
    expect(s.kept.map((g) => g.entity)).toEqual(['Project', 'Organization']);
  });

  it('does not propose a tenantId that points at no model while other keys point at the tenant entity', () => {
    const s = suggestTenantFields(prisma(`
model Project {
  id String @id
}
model Link {
  id String @id
  tenantId String?
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
model Enrollment {
  id String @id
  tenantId String?
  projectId String
  project Project @relation(fields: [projectId], references: [id])
}
`));
    expect(s.fields).toEqual(['projectId']);
    expect(s.dropped.map((g) => [g.seen, g.notProposedBecause])).toEqual([[['tenantId'], 'points at no model, while other columns point at the tenant entity']]);
  });

  it('keeps a tenantId with no tenant table when nothing points at a tenant entity', () => {
    const s = suggestTenantFields(prisma(`
model Doc {
  id String @id
  tenantId String
}
model Note {
  id String @id
  tenant_id String
}`));
    expect(s.fields).toEqual(['tenantId']);
    expect(s.kept[0]?.entity).toBeUndefined();
  });

  it('reports, but does not propose, a second key that scopes one model only', () => {
    const s = suggestTenantFields(prisma(`
model Tenant {
  id String @id
}
model Workspace {
  id String @id
  tenantId String
}
model Doc {
  id String @id
  tenantId String
  workspaceId String
}
`));
    expect(s.fields).toEqual(['tenantId']);
    expect(s.dropped[0]?.fields).toEqual(['workspaceId']);
    expect(s.dropped[0]?.notProposedBecause).toBe('only 1 model carries it');
  });

  it('names a Mongoose reference by the key code gives it (workspaceId), not the reference path', () => {
    const s = suggestTenantFields([
      { path: 'src/models/workspace.ts', text: "import { Schema, model } from 'mongoose';\nconst s = new Schema({ name: String });\nexport const Workspace = model('Workspace', s);" },
      { path: 'src/models/folder.ts', text: "import { Schema, model } from 'mongoose';\nconst f = new Schema({ name: String, workspace: { type: Schema.Types.ObjectId, ref: 'Workspace' } });\nexport default model('Folder', f);" },
    ]);
    expect(s.fields).toEqual(['workspaceId']);
  });

  it('takes a key named for a model named like a tenant as its foreign key, with no relation declared', () => {
    const s = suggestTenantFields([
      { path: 'prisma/schema.prisma', text: 'model Project {\n  id String @id\n}\nmodel Link {\n  id String @id\n  projectId String\n}' },
      { path: 'migrations/1.sql', text: 'CREATE TABLE events (`id` UUID, `project_id` String) ENGINE MergeTree ORDER BY id;' },
    ]);
    expect(s.fields).toEqual(['projectId']);
    expect(s.kept[0]?.because).toBe('keys named for Project, a model named like a tenant');
    expect(s.kept[0]?.seen).toEqual(['projectId', 'project_id']);
  });

  it('does not take a key named for a model that is not named like a tenant (a dataset is no tenant)', () => {
    const s = suggestTenantFields(prisma(`
model Dataset {
  id String @id
}
model Item {
  id String @id
  datasetId String
}
model Run {
  id String @id
  datasetId String
}`));
    expect(s.fields).toEqual([]);
  });

  it('names the most referenced models when it proposes nothing, for the user to decide', () => {
    const s = suggestTenantFields(prisma(`
model Environment {
  id String @id
}
model BatchRun {
  id String @id
  environmentId String
  environment Environment @relation(fields: [environmentId], references: [id])
}
model Invoice {
  id String @id
  environmentId String
  environment Environment @relation(fields: [environmentId], references: [id])
}`));
    expect(s.fields).toEqual([]);
    expect(s.mostReferenced).toEqual([{ model: 'Environment', references: 2 }]);
  });

  it('proposes nothing (the defaults stay) when no model carries a tenant column', () => {
    expect(suggestTenantFields(prisma(`
model Plan {
  id String @id
  name String
}`)).fields).toEqual([]);
    expect(suggestTenantFields([]).fields).toEqual([]);
  });

  it('spells an entity key singular and camelCase', () => {
    expect(entityKeyName('Project')).toBe('projectId');
    expect(entityKeyName('organizations')).toBe('organizationId');
    expect(entityKeyName('companies')).toBe('companyId');
  });
});
