import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const external = (code: string) => findings(code).filter((f) => f.messageId.startsWith('external')).map((f) => `${f.line}:${f.messageId}`);

describe('external systems acted on by a client-chosen id', () => {
  it('flags a billing customer and subscription picked by request input', () => {
    expect(external(`import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
app.get('/billing/customer', async (req, res) => {
  const { customerId } = req.query;
  res.json(await stripe.customers.retrieve(customerId as string));
});
app.post('/billing/seats', async (req, res) => {
  await stripe.subscriptions.update(req.body.subscriptionId, { quantity: 3 });
});`)).toEqual(['5:externalById', '8:externalById']);
  });

  it('leaves ids read from the tenant row or the session, and the platform catalogue, alone', () => {
    expect(external(`import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
app.get('/billing/customer', async (req, res) => {
  const org = await prisma.organization.findFirst({ where: { id: req.user.orgId } });
  res.json(await stripe.customers.retrieve(org.stripeCustomerId));
});
app.get('/billing/me', async (req, res) => {
  res.json(await stripe.customers.retrieve(req.user.customerId));
});
app.get('/billing/price', async (req, res) => {
  res.json(await stripe.prices.retrieve(req.query.priceId));
});`)).toEqual([]);
  });

  it('does not take a look-alike receiver for a provider', () => {
    expect(external(`app.get('/x', async (req, res) => {
  res.json(await repo.customers.retrieve(req.query.id));
  await jobs.runs.retrieve(req.query.runId);
});`)).toEqual([]);
  });

  it('flags a job run fetched by a route id, and accepts a check of its tenant metadata (through a local)', () => {
    const head = `import { runs } from '@trigger.dev/sdk/v3';\n`;
    expect(external(head + `export async function GET(req: Request, { params }: { params: { runId: string } }) {
  const { runId } = params;
  const run = await runs.retrieve(runId);
  return Response.json(run.output);
}`)).toEqual(['4:externalById']);
    expect(external(head + `export async function GET(req: Request, { params }: { params: { runId: string } }) {
  const session = await getSession();
  const run = await runs.retrieve(params.runId);
  const runTeamId = run.metadata?.teamId;
  const teams = await prisma.userTeam.findMany({ where: { userId: session.user.id } });
  if (!runTeamId || !teams.map((t) => t.teamId).includes(runTeamId)) return new Response('no', { status: 403 });
  return Response.json(run.output);
}`)).toEqual([]);
  });

  it('flags SSO connections and SCIM directories deleted by a client id, not after fetch-then-compare', () => {
    const head = `import { jackson } from '@/lib/jackson';\n`;
    expect(external(head + `export const DELETE = withWorkspace(async ({ searchParams, workspace }) => {
  const { clientID, clientSecret } = schema.parse(searchParams);
  const { apiController, directorySyncController } = await jackson();
  await apiController.deleteConnections({ clientID, clientSecret });
  await directorySyncController.directories.delete(searchParams.directoryId);
});`)).toEqual(['5:externalById', '6:externalById']);
    expect(external(head + `export const DELETE = withWorkspace(async ({ searchParams, workspace }) => {
  const { directoryId, clientID } = schema.parse(searchParams);
  const { apiController, directorySyncController } = await jackson();
  const directory = await directorySyncController.directories.get(directoryId);
  if (!directory.data || directory.data.tenant !== workspace.id) throw new Error('not found');
  await directorySyncController.directories.delete(directoryId);
  const connections = await apiController.getConnections({ tenant: workspace.id, product: 'x' });
  const connection = connections.find((c) => c.clientID === clientID);
  if (!connection) throw new Error('not found');
  await apiController.deleteConnections({ clientID: connection.clientID, clientSecret: connection.clientSecret });
});`)).toEqual([]);
  });

  it('judges an organisation id handed to the identity provider like a tenant from request input', () => {
    expect(external(`export const list = t.procedure.input(z.string()).query(async ({ input }) => {
  return workos.userManagement.listOrganizationMemberships({ organizationId: input, limit: 100 });
});
export const mine = t.procedure.query(async ({ ctx }) => {
  return workos.userManagement.listOrganizationMemberships({ organizationId: ctx.tenant.id });
});`)).toEqual(['2:externalUntrustedTenant']);
  });

  it('follows a membership id into a provider wrapper, and accepts the wrapper that compares the membership first', () => {
    expect(external(`export class Provider {
  async removeMembership(membershipId: string) {
    await this.workos.userManagement.deleteOrganizationMembership(membershipId);
  }
  async removeChecked(membershipId: string, orgId: string) {
    await this.assertInOrg(membershipId, orgId);
    await this.workos.userManagement.deleteOrganizationMembership(membershipId);
  }
  private async assertInOrg(membershipId: string, orgId: string) {
    let organizationId: string;
    try {
      const membership = await this.workos.userManagement.getOrganizationMembership(membershipId);
      organizationId = membership.organizationId;
    } catch (e) { throw e; }
    if (organizationId !== orgId) throw new Error('wrong org');
  }
}`)).toEqual(['3:externalById']);
  });

  it('flags an outbound provider write keyed by request input, not one keyed by a scoped row, a read, or the own API', () => {
    expect(external(`import ky from 'ky';
export const handler = async ({ input: { workspaceId, name } }) => {
  await ky.delete(\`https://api.vercel.com/v9/projects/\${env.PROJECT}/domains/\${name}?teamId=\${env.TEAM}\`);
};`)).toEqual(['3:externalById']);
    expect(external(`import ky from 'ky';
export const handler = async ({ input: { workspaceId, name }, ctx }) => {
  const domain = await prisma.customDomain.findFirst({ where: { name, workspaceId: ctx.workspace.id } });
  if (!domain) throw new Error('not found');
  await ky.delete(\`https://api.vercel.com/v9/projects/\${env.PROJECT}/domains/\${domain.name}\`);
  await ky.get(\`https://api.vercel.com/v9/projects/\${env.PROJECT}/domains/\${name}\`);
  await fetch(\`/api/domains/\${name}\`, { method: 'DELETE' });
  await fetch(\`http://localhost:3000/domains/\${name}\`, { method: 'DELETE' });
};`)).toEqual([]);
  });
});

describe('a value found in the tenant\'s own listing', () => {
  it('ties a client id compared inside a listing filtered by the verified tenant, when a miss exits', () => {
    const head = `import { jackson } from '@/lib/jackson';\n`;
    expect(external(head + `export const DELETE = withWorkspace(async ({ searchParams, workspace }) => {
  const { clientID, clientSecret } = schema.parse(searchParams);
  const { apiController } = await jackson();
  const connections = await apiController.getConnections({ tenant: workspace.id, product: 'x' });
  const connection = connections.find((c) => c.clientID === clientID);
  if (!connection) throw new Error('not found');
  await apiController.deleteConnections({ clientID, clientSecret });
});`)).toEqual([]);
    expect(external(head + `export const DELETE = withWorkspace(async ({ searchParams, workspace }) => {
  const { clientID, clientSecret } = schema.parse(searchParams);
  const { apiController } = await jackson();
  const connections = await apiController.getConnections({ product: 'x' });
  const connection = connections.find((c) => c.clientID === clientID);
  if (!connection) throw new Error('not found');
  await apiController.deleteConnections({ clientID, clientSecret });
});`)).toEqual(['8:externalById']);
  });
});

describe('outbound provider writes: only deletes of a named object', () => {
  it('leaves a POST that adds the tenant\'s new object and a delete keyed by a region alone', () => {
    expect(external(`import ky from 'ky';
export const handler = async ({ input }) => {
  await ky.post(\`https://api.vercel.com/v10/projects/p/domains/\${input.name}\`);
  await fetch(\`https://checker.example.com/ping/\${input.region}\`, { method: 'DELETE' });
};`)).toEqual([]);
  });
  it('does not read SSO connection lookups at login as a gap', () => {
    expect(external(`import { WorkOS } from '@workos-inc/node';
export async function GET(req) {
  const id = req.nextUrl.searchParams.get('connection_id');
  const connection = await workos.sso.getConnection(id);
  return Response.json({ org: connection.organizationId });
}`)).toEqual([]);
  });
});
