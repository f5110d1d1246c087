import { describe, expect, it } from 'vitest';
import { brief, scanFixture } from './helpers.js';

describe('a caller pin that travels more than one call', () => {
  it('partnerId: partner.id two calls up pins the rows; partnerId: params.partnerId through the same middle helper is a gap', async () => {
    const { findings } = await scanFixture('flow/pinned-deep');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/enrollment.ts:5']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /api/programs/[programId]/partners/[partnerId]/earnings');
    expect(findings[0]?.trace?.map((s) => `${s.file}:${s.line} ${s.note}`)).toEqual([
      'src/app/api/programs/[programId]/partners/[partnerId]/earnings/route.ts:6 GET /api/programs/[programId]/partners/[partnerId]/earnings',
      'src/app/api/programs/[programId]/partners/[partnerId]/earnings/route.ts:6 calls getEarnings',
      'src/lib/earnings.ts:5 calls getEnrollmentOrThrow',
      'src/lib/enrollment.ts:5 prisma.programEnrollment.findUnique',
    ]);
  });
});

describe('rows a caller only tests', () => {
  it('a client-chosen team whose members are only searched for the caller is not a leak; the same rows returned are', async () => {
    const { findings } = await scanFixture('flow/unexposed-rows');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/members.ts:5', 'unscoped-query P0 src/lib/members.ts:10']);
    expect(findings[0]?.message).toMatch(/params\.teamId/);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /api/teams/[teamId]/members');
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['GET /api/teams/[teamId]/members', 'calls getMembers', 'prisma.member.findMany']);
  });

  it('a membership delete keyed by the user the caller passes: pinned by the session user, a gap when both keys come from the URL', async () => {
    const { findings } = await scanFixture('flow/unexposed-rows');
    const removal = findings.find((f) => f.line === 10);
    expect(removal?.trace?.[0]?.note).toBe('DELETE /api/teams/[teamId]/members/[userId]');
  });
});

describe('a loaded record compared with what the caller passes', () => {
  it('an invite checked against session.user.email is the caller\'s own; checked against params.email it is anyone\'s', async () => {
    const { findings } = await scanFixture('flow/compared-param');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/invites.ts:5']);
    expect(findings[0]?.message).toMatch(/params\.id/);
    expect(findings[0]?.trace?.[0]?.note).toBe('POST /api/invites/[id]/claim');
    expect(findings[0]?.trace?.map((s) => s.note)).toEqual(['POST /api/invites/[id]/claim', 'calls acceptInvite', 'prisma.invite.findFirst']);
  });
});

describe('tRPC procedures whose middleware, in another file, checks the input\'s tenant', () => {
  it('a procedure built on enforceSessionAccess verifies input.projectId; one whose middleware only calls next() does not', async () => {
    const { findings } = await scanFixture('flow/trpc-middleware');
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/server/routers/sessions.ts:8']);
    expect(findings[0]?.message).toMatch(/input\.projectId/);
    expect(findings[0]?.trace?.[0]?.note).toBe('trpc query leaky');
  });
});

describe('a call that runs only under a flag', () => {
  it('a route that leaves includeBounties out never reaches the bounty query; the route that turns it on does', async () => {
    const { findings } = await scanFixture('flow/flag-guarded');
    // The group itself is compared only with the program the client names (the same as a filter on
    // `{ id: groupId, programId: params.programId }`): reported on its own, for both routes.
    expect(findings.map(brief)).toEqual(['unscoped-query P0 src/lib/bounties.ts:5', 'unscoped-query P0 src/lib/groups.ts:6']);
    expect(findings[0]?.trace?.[0]?.note).toBe('GET /api/public/zbounties/[programId]/[groupId]');
    expect(findings[0]?.otherTraces).toBeUndefined();
  });
});
