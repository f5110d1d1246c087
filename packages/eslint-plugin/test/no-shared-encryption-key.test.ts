import rule from '../src/rules/no-shared-encryption-key.js';
import { run } from './rule-tester.js';

const C = `import { createCipheriv, createDecipheriv } from 'node:crypto';\n`;

run('no-shared-encryption-key', rule, {
  valid: [
    `${C}export const seal = (master: Buffer, tenantId: string, iv: Buffer) => createCipheriv('aes-256-gcm', deriveTenantKey(master, tenantId), iv);`,
    // A key handed in by the caller is not a process-wide constant here.
    `${C}export const seal = (key: Buffer, tenantId: string, iv: Buffer) => createCipheriv('aes-256-gcm', key, iv);`,
    // No tenant data in sight: encrypting the app's own config.
    `${C}export const sealConfig = (iv: Buffer) => createCipheriv('aes-256-gcm', process.env.CONFIG_KEY!, iv);`,
    `export const seal = (tenantId: string, plaintext: string) => encryptForTenant(masterKey, tenantId, plaintext);`,
    `${C}export function seal(master: Buffer, tenantId: string, iv: Buffer) { const tenantKey = hkdfSync('sha256', master, tenantId, 'docs', 32); return createCipheriv('aes-256-gcm', Buffer.from(tenantKey), iv); }`,
    `import { createHash } from 'node:crypto';\nexport const digest = (tenantId: string) => createHash('sha256').update(process.env.SALT + tenantId).digest('hex');`,
    // A backup under a shared key is reported as unscoped-backup by no-context-free-data-access, not here.
    `${C}export function backupTenant(tenantId: string, iv: Buffer) { return createCipheriv('aes-256-gcm', process.env.BACKUP_KEY!, iv); }`,
    `${C}export async function open(tenantId: string, iv: Buffer) { const key = await keyring.forTenant(tenantId); return createDecipheriv('aes-256-gcm', key, iv); }`,
    `export const seal = (tenantKey: CryptoKey, tenantId: string, data: Uint8Array) => crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, tenantKey, data);`,
    `${C}export const seal = (tenantId: string, iv: Buffer) => createCipheriv('aes-256-gcm', keys.get(tenantId)!, iv);`,
  ],
  invalid: [
    { code: `${C}export const seal = (tenantId: string, iv: Buffer) => createCipheriv('aes-256-gcm', process.env.MASTER_KEY!, iv);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `${C}const KEY = Buffer.from(process.env.ENC_KEY!, 'hex');\nexport function encryptDoc(tenantId: string, iv: Buffer) { return createCipheriv('aes-256-gcm', KEY, iv); }`, errors: [{ messageId: 'sharedEncryptionKey', line: 3 }] },
    { code: `${C}export const open = (tenantId: string, iv: Buffer) => createDecipheriv('aes-256-gcm', config.encryptionKey, iv);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `${C}const key = scryptSync(process.env.SECRET!, 'salt', 32);\nexport const seal = (orgId: string, iv: Buffer) => createCipheriv('aes-256-gcm', key, iv);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `${C}export class Vault { constructor(private masterKey: Buffer) {} seal(tenantId: string, iv: Buffer) { return createCipheriv('aes-256-gcm', this.masterKey, iv); } }`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `${C}import { APP_KEY } from './keys.js';\nexport const seal = (workspaceId: string, iv: Buffer) => createCipheriv('aes-256-cbc', APP_KEY, iv);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `export const seal = (tenantId: string, data: Uint8Array) => crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, sharedKey, data);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `export const open = (tenantId: string, data: Uint8Array) => globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, this.secret, data);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `${C}export function storeSecret(tenantId: string, iv: Buffer) { const c = createCipheriv('aes-256-gcm', Buffer.from(process.env.SECRETS_KEY!, 'base64'), iv); return c; }`, errors: [{ messageId: 'sharedEncryptionKey' }] },
    { code: `import crypto from 'node:crypto';\nexport const seal = (teamId: string, iv: Buffer) => crypto.createCipheriv('aes-256-gcm', settings.globalKey, iv);`, errors: [{ messageId: 'sharedEncryptionKey' }] },
  ],
});
