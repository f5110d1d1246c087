export { deriveTenantKey, tenantKeyInfo, TENANT_KEY_SALT, TENANT_KEY_INFO_PREFIX, MIN_MASTER_KEY_BYTES } from './derive-tenant-key.js';
export { encryptForTenant, decryptForTenant, envelopeKeyId, ENVELOPE_VERSION } from './tenant-cipher.js';
export type { MasterKeyInput } from './tenant-cipher.js';
export { TenantKeyring, DEFAULT_KEY_ID } from './keyring.js';
export { TenantDecryptionError } from './errors.js';
