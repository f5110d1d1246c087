import { describe, expect, it } from 'vitest';
import { findings } from './helpers.js';

const storage = (code: string) => findings(code).filter((f) => f.messageId.startsWith('storageKey')).map((f) => `${f.line}:${f.messageId}`);

describe('object-storage keys the client can steer', () => {
  it('flags a delete whose key is parsed from a stored link, guarded only by "is in our bucket"', () => {
    expect(storage(`import { storage, isStored } from '@/lib/storage';
export async function deleteLink(linkId: string) {
  const link = await prisma.link.delete({ where: { id: linkId } });
  link.image && isStored(link.image) && storage.delete(link.image.replace(\`\${R2_URL}/\`, ''));
}
export async function deleteAll(rows: { image: string | null }[]) {
  await Promise.all(rows.map(({ image }) => (image && isStored(image) ? storage.delete(image.replace(\`\${R2_URL}/\`, '')) : null)));
}`)).toEqual(['4:storageKeyFromStoredLink', '7:storageKeyFromStoredLink']);
  });

  it('accepts a delete guarded by the row\'s own prefix, and keys built from the row', () => {
    expect(storage(`import { storage } from '@/lib/storage';
export async function deleteLink(linkId: string) {
  const link = await prisma.link.delete({ where: { id: linkId } });
  link.image && link.image.startsWith(\`\${R2_URL}/images/\${link.id}\`) && storage.delete(link.image.replace(\`\${R2_URL}/\`, ''));
  await storage.delete(\`images/\${link.id}\`);
  await storage.delete(\`\${link.projectId}/logo\`);
}`)).toEqual([]);
  });

  it('flags a helper delete whose storage id is parsed from a URL in client-written answers', () => {
    expect(storage(`export const cleanUp = async (data: Record<string, string[]>, workspaceId: string) => {
  const fileUrls = Object.values(data).flat();
  await Promise.all(fileUrls.map(async (fileUrl) => {
    const storageFile = parseStorageFileUrl(fileUrl);
    if (!storageFile) return;
    return deleteFile(storageFile.storageId, storageFile.accessType, storageFile.fileName, workspaceId);
  }));
};`)).toEqual(['6:storageKeyFromStoredLink']);
  });

  it('flags an S3 key whose tenant segment comes from the request body; not the session\'s tenant', () => {
    expect(storage(`import { PutObjectCommand } from '@aws-sdk/client-s3';
app.post('/upload', async (req, res) => {
  const { teamId, name } = req.body;
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: \`\${teamId}/\${name}\` }));
});
app.post('/upload-own', async (req, res) => {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: \`\${req.user.teamId}/\${req.body.name}\` }));
});`)).toEqual(['4:storageKeyUntrustedTenant']);
  });

  it('is not fooled by a Prisma delegate called files, or a map', () => {
    expect(storage(`export async function a(id: string, url: string) {
  await prisma.files.delete({ where: { id } });
  cache.delete(url.replace('x', ''));
}`)).toEqual([]);
  });
});

describe('a parsed storage id resolved to its owner first', () => {
  it('accepts a delete after the parsed id was resolved and compared with the tenant', () => {
    expect(storage(`export const cleanUp = async (fileUrls: string[], surveyWorkspaceId: string) => {
  await Promise.all(fileUrls.map(async (fileUrl) => {
    const storageFile = parseStorageFileUrl(fileUrl);
    if (!storageFile) return;
    const owner = await findWorkspaceByStorageId(storageFile.storageId);
    if (owner?.id !== surveyWorkspaceId) return;
    return deleteFile(storageFile.storageId, storageFile.accessType, storageFile.fileName);
  }));
};`)).toEqual([]);
  });
});
