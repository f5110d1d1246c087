import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const SCHEMA = `model Team {
  id Int @id
}
model Envelope {
  id String @id
  teamId Int
  team Team @relation(fields: [teamId], references: [id])
  recipients Recipient[]
}
model Recipient {
  id Int @id
  token String
  envelopeId String
  envelope Envelope @relation(fields: [envelopeId], references: [id])
}
model Subscriber {
  id Int @id
  teamId Int
  token String
  team Team @relation(fields: [teamId], references: [id])
}
`;
const kinds = (code: string) => findings(code, {}, SCHEMA).map((f) => f.kind);

/** A row picked by a secret the caller presents (signing link, invitation, unsubscribe token) is a capability lookup. */
describe('capability-token lookups', () => {
  it('prisma: a token in the filter, also through a relation filter', () => {
    expect(kinds(`import { prisma } from './db';
export async function bySigningToken(req: { params: { token: string } }) {
  return prisma.envelope.findFirst({ where: { recipients: { some: { token: req.params.token } } } });
}`)).toEqual([]);
  });

  it('drizzle: eq(table.token, value)', () => {
    expect(kinds(`import { and, eq } from 'drizzle-orm';
import { db } from './db';
import { subscriber } from './schema';
export async function unsubscribe(input: { id: number; token: string }) {
  return db.query.subscriber.findFirst({ where: and(eq(subscriber.id, input.id), eq(subscriber.token, input.token)) });
}`)).toEqual([]);
  });

  it('still a gap when the row is picked by its id alone', () => {
    expect(kinds(`import { prisma } from './db';
export async function byId(req: { params: { id: string } }) {
  return prisma.envelope.findFirst({ where: { id: req.params.id } });
}`)).toEqual(['unscoped-query']);
  });
});

describe('the API key a client presents', () => {
  it('a lookup by the key value is authentication, a lookup by the key record id is not', async () => {
    const { isCapabilityKey } = await import('../src/recognise/filter.js');
    expect(['apiKey', 'api_key', 'accessKey', 'keyHash'].map(isCapabilityKey)).toEqual([true, true, true, true]);
    expect(['apiKeyId', 'keyId', 'key', 'name'].map(isCapabilityKey)).toEqual([false, false, false, false]);
  });
});

describe('the key a public share link carries', () => {
  it('resultShareKey / sharingKey are capabilities, a share record\'s id and a survey id are not', async () => {
    const { isCapabilityKey } = await import('../src/recognise/filter.js');
    expect(['resultShareKey', 'sharingKey', 'share_key'].map(isCapabilityKey)).toEqual([true, true, true]);
    expect(['shareId', 'surveyId', 'shareKeyId'].map(isCapabilityKey)).toEqual([false, false, false]);
  });
  it('a survey looked up by the share key the URL carries is not reported; by its id it is', () => {
    const SURVEYS = `model Environment {
  id String @id
}
model Survey {
  id String @id
  environmentId String
  resultShareKey String? @unique
  environment Environment @relation(fields: [environmentId], references: [id])
}`;
    const judge = (where: string) => findings(`import { prisma } from './db';
export default async function Page({ params }: { params: { sharingKey: string } }) {
  return prisma.survey.findFirst({ where: { ${where} } });
}`, { tenantFields: ['environmentId'] }, SURVEYS).map((f) => f.kind);
    expect(judge('resultShareKey: params.sharingKey')).toEqual([]);
    expect(judge('id: params.sharingKey')).toEqual(['unscoped-query']);
  });
});
