import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Organization {
  id String @id
  slug String @unique
  members OrgMember[]
}
model OrgMember {
  id String @id
  userId String
  organizationId String
  organization Organization @relation(fields: [organizationId], references: [id])
}
model Plan {
  id String @id
  slug String @unique
}
`;
const kinds = (code: string) => findings(code, { tenantFields: ['organizationId'] }, SCHEMA).map((f) => `${f.kind}:${f.line}`);
const HEAD = `import { prisma } from './db';
`;

/**
 * The tenant itself has no tenant column, but picking it by a value the client chose, with nothing
 * tying the caller to it, lets the handler go on as another tenant (its plan, its billing, its rows).
 */
describe('a tenant entity picked by a client-chosen value', () => {
  it('flags a loader that reads the organization by the slug in the URL and goes on with its id', () => {
    expect(kinds(`${HEAD}
export async function loader({ params, request }: { params: { organizationSlug: string }; request: Request }) {
  await requireUserId(request);
  const organization = await prisma.organization.findUnique({ where: { slug: params.organizationSlug } });
  if (!organization) throw new Response(null, { status: 404 });
  return getCurrentPlan(organization.id);
}`)).toEqual(['unscoped-query:5']);
  });

  it('look-alikes: a membership filter, a membership check after loading, the caller own organization, a global table by slug', () => {
    expect(kinds(`${HEAD}
export async function withFilter({ params, request }: { params: { organizationSlug: string }; request: Request }) {
  const userId = await requireUserId(request);
  return prisma.organization.findFirst({ where: { slug: params.organizationSlug, members: { some: { userId } } } });
}
export async function checkedAfter({ params, request }: { params: { organizationSlug: string }; request: Request }) {
  const userId = await requireUserId(request);
  const organization = await prisma.organization.findUnique({ where: { slug: params.organizationSlug }, include: { members: true } });
  if (!organization || !organization.members.some((m) => m.userId === userId)) throw new Response(null, { status: 404 });
  return organization;
}
export async function own({ request }: { request: Request }) {
  const user = await requireUser(request);
  return prisma.organization.findUnique({ where: { id: user.organizationId } });
}
export async function plan({ params }: { params: { planSlug: string } }) {
  return prisma.plan.findUnique({ where: { slug: params.planSlug } });
}`)).toEqual([]);
  });
});
