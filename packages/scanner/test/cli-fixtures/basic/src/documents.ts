import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function findDocument(id: string) {
  return prisma.document.findUnique({ where: { id } });
}

export async function listDocuments(tenantId: string) {
  return prisma.document.findMany({ where: { tenantId } });
}
