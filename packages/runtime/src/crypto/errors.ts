/**
 * One error for every decryption failure (wrong tenant, tampering, unknown key, malformed input):
 * distinguishing them in the message would give an attacker an oracle about other tenants' data.
 */
export class TenantDecryptionError extends Error {
  override readonly name: string = 'TenantDecryptionError';
  readonly code: string = 'TENANT_DECRYPTION_FAILED';
  constructor(message = 'cannot decrypt: wrong tenant, wrong key, or tampered/malformed ciphertext') {
    super(message);
  }
}
