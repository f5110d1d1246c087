/**
 * Master keys by id, so they can rotate: new data is encrypted with the current key, and every
 * envelope names the key id it was made with, so old data stays readable until it is re-encrypted.
 */
import { MIN_MASTER_KEY_BYTES } from './derive-tenant-key.js';

/** Key ids travel inside envelopes, which are dot-separated: keep them to a safe alphabet. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The key id used when a bare master key (not a keyring) is passed to encrypt/decrypt. */
export const DEFAULT_KEY_ID = 'default';

export function assertValidKeyId(keyId: string): string {
  if (!KEY_ID_PATTERN.test(keyId)) throw new TypeError(`key id must match ${KEY_ID_PATTERN.source}`);
  return keyId;
}

// The raw master keys live here, outside the instances, so they are not reachable through the public
// surface (properties, JSON, util.inspect); only this module's masterKeyFor() reads them.
const masterKeys = new WeakMap<TenantKeyring, Map<string, Buffer>>();

/** The master key for an id; used by the cipher, deliberately not re-exported from the package. */
export function masterKeyFor(keyring: TenantKeyring, keyId: string): Buffer | undefined {
  return masterKeys.get(keyring)?.get(keyId);
}

export class TenantKeyring {
  readonly #keys = new Map<string, Buffer>();
  #currentKeyId: string;

  /** `keys` maps key id to master key; `current` names the one new data is encrypted with. */
  constructor(keys: Readonly<Record<string, Uint8Array>>, current: string) {
    masterKeys.set(this, this.#keys);
    for (const [keyId, key] of Object.entries(keys)) this.add(keyId, key);
    if (!this.#keys.has(current)) throw new RangeError(`current key id "${current}" is not in the keyring`);
    this.#currentKeyId = current;
  }

  /** A keyring with a single master key, as used for a bare key. */
  static single(masterKey: Uint8Array, keyId: string = DEFAULT_KEY_ID): TenantKeyring {
    return new TenantKeyring({ [keyId]: masterKey }, keyId);
  }

  get currentKeyId(): string {
    return this.#currentKeyId;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** Adds a master key (e.g. the next one during rotation). Replacing an existing id is refused: it would orphan its data. */
  add(keyId: string, masterKey: Uint8Array): this {
    assertValidKeyId(keyId);
    if (this.#keys.has(keyId)) throw new RangeError(`key id "${keyId}" is already in the keyring`);
    if (!(masterKey instanceof Uint8Array) || masterKey.length < MIN_MASTER_KEY_BYTES) {
      throw new RangeError(`master key "${keyId}" must be at least ${MIN_MASTER_KEY_BYTES} bytes`);
    }
    this.#keys.set(keyId, Buffer.from(masterKey));
    return this;
  }

  /** Makes an existing key the one new data is encrypted with. */
  setCurrent(keyId: string): this {
    if (!this.#keys.has(keyId)) throw new RangeError(`key id "${keyId}" is not in the keyring`);
    this.#currentKeyId = keyId;
    return this;
  }
}
