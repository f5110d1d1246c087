import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model VercelIntegration {
  id String @id
  workspaceId String
  workspace Workspace @relation(fields: [workspaceId], references: [id])
}
model VercelBinding {
  id String @id
  workspaceId String
  projectId String
  integrationId String
}
`;
const kinds = (code: string) => findings(code, { tenantFields: ['workspaceId'] }, SCHEMA).map((f) => `${f.kind}:${f.line}`);
const handler = (check: string, key: string) => `import { prisma } from './db';
export const removeBindings = t.procedure.mutation(async ({ ctx, input }) => {
  const integration = await prisma.vercelIntegration.findFirst({ where: { id: input.integrationId } });
  if (!integration) throw new Error('not found');
${check}
  return prisma.vercelBinding.findMany({ where: { projectId: input.projectId, integrationId: ${key} } });
});`;

/**
 * A filter that pairs a client id with the key of a record the handler loaded and checked against the
 * caller: the rows are that checked record's, whichever other id the client picks.
 */
describe('rows pinned to a record checked against the caller', () => {
  it("the checked integration's id next to a client project id", () => {
    expect(kinds(handler(`  if (integration.workspaceId !== ctx.workspace.id) throw new Error('forbidden');`, 'integration.id'))).toEqual([]);
  });

  it('still a gap when the loaded integration is never checked', () => {
    expect(kinds(handler('', 'integration.id'))).toEqual(['unscoped-query:6']);
  });

  it("still a gap when the pinning key is the client's own again", () => {
    expect(kinds(handler(`  if (integration.workspaceId !== ctx.workspace.id) throw new Error('forbidden');`, 'input.otherIntegrationId'))).toEqual(['unscoped-query:6']);
  });
});
