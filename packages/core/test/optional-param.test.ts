import { describe, expect, it } from 'vitest';
import { envFor, findings, parse } from './helpers.js';
import { analyseSourceFile } from '../src/index.js';

const optional = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);

describe('optional-tenant-param', () => {
  it('flags optional, nullable and defaulted tenant parameters of exported functions', () => {
    expect(optional(`export async function listNodes(tenantId?: string) { return db.list(tenantId); }
export function search(q: string, orgId: string | undefined) { return q + orgId; }
export function scoped(workspaceId: string = PLATFORM) { return workspaceId; }`)).toEqual([1, 2, 3]);
  });
  it('flags optional tenant fields of a destructured options object (inline or same-file type)', () => {
    expect(optional(`export async function searchNodes({ query, tenantId }: { query: string; tenantId?: string }) { return query; }
interface Opts { q: string; orgId?: string }
export const find = ({ q, orgId }: Opts) => q + orgId;`)).toEqual([1, 3]);
  });
  it('flags public methods of exported classes, not private ones', () => {
    expect(optional(`export class Graph {
  list(tenantId?: string) { return tenantId; }
  private inner(tenantId?: string) { return tenantId; }
}`)).toEqual([2]);
  });
  it('does not flag required tenants, context resolution, fail-closed guards, or internal functions', () => {
    expect(optional(`export function a(tenantId: string) { return tenantId; }
export function b(tenantId?: string) { const t = tenantId ?? requireTenantId(); return t; }
export function c(tenantId?: string) { if (!tenantId) throw new Error('tenant required'); return tenantId; }
export function d(tenantId = getCurrentTenant().tenantId) { return tenantId; }
function e(tenantId?: string) { return tenantId; }
export function f(title?: string) { return title; }
export function g(tenantId?: string) { assert(tenantId); return tenantId; }`)).toEqual([]);
  });
});

describe('relationship names are not the caller scope', () => {
  it('does not flag optional fromTenantId / parentOrgId, but flags an optional tenant object', () => {
    expect(optional(`export function report(reason: string, fromTenantId: string | undefined) { return reason; }
export function link(parentOrgId?: string) { return parentOrgId; }
export function scoped(tenant?: { id: string }) { return tenant; }`)).toEqual([3]);
  });
});

describe('declaration files', () => {
  it('reports nothing in a .d.ts file', () => {
    const sf = parse('export declare function listNodes(tenantId?: string): Promise<unknown[]>;', 'types.d.ts');
    expect(analyseSourceFile(sf, envFor()).findings).toEqual([]);
  });
});

describe('optional-tenant-param: only where the tenant can scope something', () => {
  it('an optional orgId only handed to analytics is not reported; the same handed to a query is', () => {
    const kinds = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);
    expect(kinds(`declare const posthog: { capture(e: unknown): void };
declare const prisma: any;
export function sendTelemetry(event: string, orgId = '') {
  posthog.capture({ distinctId: orgId, event });
}
export function listChats(orgId = '') {
  return prisma.chat.findMany({ where: { orgId } });
}`)).toEqual([6]);
  });
  it('through a local: const distinctId = orgId || uuid() handed to analytics is not reported; a local handed to a query is', () => {
    const kinds = (code: string) => findings(code).filter((f) => f.kind === 'optional-tenant-param').map((f) => f.line);
    expect(kinds(`declare const posthog: { capture(e: unknown): void };
declare const prisma: any;
declare function uuid(): string;
export function sendTelemetry(event: string, orgId = '') {
  const distinctId = orgId || uuid();
  posthog.capture({ distinctId, event });
}
export function listChats(orgId = '') {
  const where = { orgId };
  return prisma.chat.findMany({ where });
}`)).toEqual([8]);
  });
});

/** An optional tenant that only switches work on: missing, nothing is done (not every tenant read). */
describe('optional-tenant-param: a tenant that only switches work on', () => {
  it('does not flag a tenant read only inside its own presence test and branch', () => {
    expect(optional(`export const cache = {
  revalidate({ tenantId, userId, name }: { tenantId?: string; userId?: string; name: string }): void {
    if (tenantId && userId) {
      revalidateTag(this.tag.byTenantAndUser(tenantId, userId));
    }
    if (name) revalidateTag(name);
  },
};
export function drop(tenantId?: string) { tenantId && evict(\`t:\${tenantId}\`); }`)).toEqual([]);
  });

  it('still flags a filter added only when the tenant is there, whose query runs either way', () => {
    expect(optional(`export async function list(tenantId?: string) {
  const where: Record<string, string> = {};
  if (tenantId) where.tenantId = tenantId;
  return db.doc.findMany({ where });
}
export async function list2(tenantId?: string) {
  return db.doc.findMany({ where: tenantId ? { tenantId } : {} });
}
export async function list3(tenantId?: string) {
  if (tenantId) { return db.doc.findMany({ where: { tenantId } }); }
  return db.doc.findMany({});
}`)).toEqual([1, 6, 9]);
  });
});

/** Lines of optional-tenant-param findings in a `.tsx` file (components and hooks). */
const optionalTsx = (code: string, config = {}) => {
  const sf = parse(code, 'file.tsx');
  return analyseSourceFile(sf, envFor(config)).findings.filter((f) => f.kind === 'optional-tenant-param')
    .map((f) => sf.getLineAndCharacterOfPosition(f.node.getStart(sf)).line + 1);
};

describe('optional-tenant-param: a tenant only carried along', () => {
  it('does not flag a component prop that only picks a link, a flag or a child prop; flags one handed to a fetch that runs without it', () => {
    expect(optionalTsx(`export function ToggleRow({ projectId }: { projectId?: string }) {
  const onToggle = () => router.push(projectId ? \`/project/\${projectId}/traces\` : '/');
  return <Row onClick={onToggle}><Table projectId={projectId} /></Row>;
}
export const Provider = ({ projectId, children }: { projectId?: string; children: unknown }) => <Ctx.Provider value={projectId}>{children}</Ctx.Provider>;
export function Invites({ projectId }: { projectId?: string }) {
  const rows = api.invites.list.useQuery({ projectId });
  return <List rows={rows.data} />;
}
export function Usage({ projectId }: { projectId?: string }) {
  const [data, setData] = useState();
  useEffect(() => { fetch(\`/api/usage?projectId=\${projectId}\`).then(setData); }, [projectId]);
  return <Chart data={data} />;
}`, { tenantFields: ['projectId'] })).toEqual([6, 10]);
  });

  it('hooks: a fetch the query library runs only when the value is there is not flagged, an ungated one is', () => {
    expect(optionalTsx(`export function useForceV3(projectId?: string): boolean {
  const q = api.flags.forceV3.useQuery({ projectId: projectId ?? '' }, { enabled: Boolean(projectId), staleTime: Infinity });
  return q.data ?? false;
}
export const useOrg = (orgId: string | null) => {
  const fromSession = orgId ? session.orgs.find((o) => o.id === orgId) : null;
  const fallback = api.orgs.byId.useQuery({ orgId: orgId as string }, { enabled: Boolean(orgId) && isAdmin && !fromSession });
  return fromSession ?? fallback.data;
};
export function useUpgradeUi(projectId?: string) {
  return useFlag() && !useForceV3(projectId);
}
export function useTraces(projectId?: string) {
  return api.traces.all.useQuery({ projectId });
}
export function useLatest(teamId?: string) {
  return useLocalStorage(teamId ? \`latest-\${teamId}\` : 'latest', null);
}`, { tenantFields: ['projectId', 'orgId', 'teamId'] })).toEqual([13]);
  });

  it('a server component that queries with its optional prop is still flagged', () => {
    expect(optionalTsx(`declare const prisma: any;
export default async function Page({ teamId }: { teamId?: string }) {
  const docs = await prisma.document.findMany({ where: { teamId } });
  return <Docs docs={docs} />;
}`, { tenantFields: ['teamId'] })).toEqual([2]);
  });

  it('does not flag a tenant only put into an error it builds; flags the same object handed to a query', () => {
    expect(optional(`export const InvoiceErrors = {
  notFound(invoiceId: string, teamId?: string): InvoiceError {
    return new InvoiceError('NOT_FOUND', \`Invoice \${invoiceId} not found\`, { teamId, invoiceId });
  },
  missing(teamId?: string): never {
    throw new NotFoundException({ teamId });
  },
  load(invoiceId: string, teamId?: string) {
    return db.invoice.findMany({ where: { teamId, invoiceId } });
  },
};`, { tenantFields: ['teamId'] })).toEqual([8]);
  });

  it('does not flag a function that records an event with the tenant as one of its fields', () => {
    expect(optional(`export async function recordClick({ linkId, workspaceId }: { linkId: string; workspaceId?: string }) {
  const clickData = { link_id: linkId, workspace_id: workspaceId || '' };
  await redis.set(\`click:\${linkId}\`, clickData);
}
export const publishLinkClickEvent = async ({ linkId, workspaceId }: { linkId: string; workspaceId?: string }) => {
  return redis.xadd('link:click:events', '*', { linkId, ...(workspaceId && { workspaceId }) });
};
export async function listClicks({ linkId, workspaceId }: { linkId: string; workspaceId?: string }) {
  return db.click.findMany({ where: { linkId, ...(workspaceId && { workspaceId }) } });
}`, { tenantFields: ['workspaceId'] })).toEqual([8]);
  });

  it('does not flag cache invalidation that drops one more key when the tenant is there', () => {
    expect(optional(`export const teamCache = {
  invalidateForUser: (userId: string, teamId?: string | null): Promise<void> => {
    const deletes: Promise<void>[] = [permissions.delete(\`user:\${userId}:team\`)];
    if (teamId) {
      deletes.push(cache.delete(\`user:\${userId}:team:\${teamId}\`));
    }
    return Promise.all(deletes).then(() => undefined);
  },
};
export async function listDocs(teamId?: string) {
  const where: Record<string, string> = {};
  if (teamId) where.teamId = teamId;
  return Promise.all([db.doc.findMany({ where })]);
}`, { tenantFields: ['teamId'] })).toEqual([10]);
  });

  it('does not flag a filter that also pins the user; still flags a filter whose tenant is the only owner', () => {
    expect(optional(`export const buildTeamWhereQuery = ({ teamId, userId }: { teamId: number | undefined; userId: number }) => {
  return { id: teamId, members: { some: { userId } } };
};
export const getTeams = async ({ userId, teamId }: { userId: number; teamId?: number }) =>
  db.team.findMany({ where: buildTeamWhereQuery({ teamId, userId }) });
export const getDocs = async ({ title, teamId }: { title: string; teamId?: number }) =>
  db.document.findMany({ where: { title, teamId } });
export const getDocsOf = async ({ userId, teamId }: { userId: number; teamId?: number }) =>
  db.document.findMany({ where: { teamId, userId: teamId } });`, { tenantFields: ['teamId'] })).toEqual([6, 8]);
  });
});
