import { createCipheriv, randomBytes } from 'node:crypto';

const MASTER_KEY = Buffer.from(process.env.MASTER_KEY ?? '', 'hex');

export function encryptSecret(tenantId: string, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', MASTER_KEY, iv);
  cipher.setAAD(Buffer.from(tenantId, 'utf8'));
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
}
