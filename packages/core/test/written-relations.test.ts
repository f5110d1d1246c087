import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Workspace {
  id String @id
}
model Link {
  id String @id
  workspaceId String
  webhooks LinkWebhook[]
}
model Webhook {
  id String @id
  workspaceId String
}
model LinkWebhook {
  id String @id
  linkId String
  webhookId String
}
model Display {
  id String @id
  workspaceId String
}
model Response {
  id String @id
  workspaceId String
  displayId String?
  display Display? @relation(fields: [displayId], references: [id])
}
`;
const messages = (code: string) => findings(code, {}, SCHEMA).filter((f) => f.messageId === 'clientChosenKey').map((f) => f.line);
const HEAD = `import { prisma } from './db';
declare const router: { post(p: string, h: (req: any, res: any) => unknown): void };
`;

/** Keys the client picks, written through relations, optional objects and builders. */
describe('rows created through a relation', () => {
  it('webhook ids mapped into nested create rows under an optional spread', () => {
    expect(messages(`${HEAD}
router.post('/links/:id', async (req, res) => {
  const { webhookIds } = req.body;
  await prisma.link.update({
    where: { id: req.params.id, workspaceId: req.user.workspaceId },
    data: { ...(webhookIds && { webhooks: { deleteMany: {}, create: webhookIds.map((webhookId: string) => ({ webhookId })) } }) },
  });
});`)).toEqual([8]);
  });

  it('the same ids checked against the workspace first are not reported', () => {
    expect(messages(`${HEAD}
router.post('/links/:id', async (req, res) => {
  const { webhookIds } = req.body;
  const owned = await prisma.webhook.findMany({ where: { id: { in: webhookIds }, workspaceId: req.user.workspaceId } });
  if (owned.length !== webhookIds.length) return res.status(400).end();
  await prisma.link.update({
    where: { id: req.params.id, workspaceId: req.user.workspaceId },
    data: { ...(webhookIds && { webhooks: { deleteMany: {}, create: webhookIds.map((webhookId: string) => ({ webhookId })) } }) },
  });
});`)).toEqual([]);
  });
});

describe('a relation connected in an optional object', () => {
  it('display: id ? { connect: { id } } : undefined with the id from the body', () => {
    expect(messages(`${HEAD}
router.post('/responses', async (req, res) => {
  const { displayId } = req.body;
  await prisma.response.create({ data: { workspaceId: req.user.workspaceId, display: displayId ? { connect: { id: displayId } } : undefined } });
});`)).toEqual([6]);
  });

  it('built by a same-file helper from the request input', () => {
    expect(findings(`${HEAD}
function buildData(input: { displayId?: string }, workspaceId: string) {
  return { workspaceId, display: input.displayId ? { connect: { id: input.displayId } } : undefined };
}
router.post('/responses', async (req, res) => {
  await prisma.response.create({ data: buildData(req.body, req.user.workspaceId) });
});`, {}, SCHEMA).length).toBeGreaterThan(0);
  });
});

describe('a validated input written as a whole', () => {
  const SCHEMA2 = `model Workspace {
  id String @id
}
model Invitation {
  id String @id
  email String
  workspaceId String
}
`;
  const whole = (code: string) => findings(code, {}, SCHEMA2).filter((f) => f.messageId === 'massAssignment').length;
  const HEAD2 = `import { prisma } from './db';\nimport { z } from 'zod';\n`;
  it('is a gap when its schema lets the client set the tenant key', () => {
    expect(whole(`${HEAD2}
export const updateInvitationInput = z.object({ id: z.string(), email: z.string().optional(), workspaceId: z.string().optional() });
export const handleUpdateInvitation = async ({ input, context: { user } }: { input: z.infer<typeof updateInvitationInput>; context: { user: { id: string } } }) => {
  return prisma.invitation.updateMany({ where: { id: input.id, workspace: { members: { some: { userId: user.id } } } }, data: input });
};`)).toBe(1);
  });
  it("is not when its schema names only the row's own fields", () => {
    expect(whole(`${HEAD2}
export const updateInvitationInput = z.object({ id: z.string(), email: z.string().optional() });
export const handleUpdateInvitation = async ({ input, context: { user } }: { input: z.infer<typeof updateInvitationInput>; context: { user: { id: string } } }) => {
  return prisma.invitation.updateMany({ where: { id: input.id, workspace: { members: { some: { userId: user.id } } } }, data: input });
};`)).toBe(0);
  });
});
