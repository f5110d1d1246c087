/**
 * TenantInfraRouter: which Redis and which database a tenant's request must use. A configured dedicated
 * resource is always used (ignoring it would itself be a silent fallback to shared infra); a dedicated
 * resource the level requires but nobody configured is an error, never the shared one. Error messages
 * never contain URLs (they may hold credentials).
 */
import { assertValidTenantId } from '../context/tenant-id.js';
import { tenantDbIndex } from '../redis/db-index.js';
import type { TenantDbIndexOptions } from '../redis/db-index.js';
import { tenantKeyPrefix } from '../redis/key-encoding.js';
import { DedicatedInfraMissingError, TenantInfraConfigError, UnknownTenantInfraError } from './errors.js';
import { DEFAULT_ISOLATION_REQUIREMENTS, isTenantIsolationLevel } from './levels.js';
import type { IsolationRequirements, TenantIsolationLevel } from './levels.js';

export interface TenantInfraConfig {
  level: TenantIsolationLevel;
  /** The tenant's own Redis (e.g. a dedicated container): `redis://` or `rediss://` URL. */
  redis?: { url: string };
  /** The tenant's own database: a full connection string, or a database name on the shared server. */
  database?: { connectionString: string } | { name: string };
}

export interface SharedInfra {
  redis: { url: string; dbPlacement?: TenantDbIndexOptions };
  database: { connectionString: string };
}

export type TenantInfraSource =
  | ReadonlyMap<string, TenantInfraConfig>
  | Readonly<Record<string, TenantInfraConfig>>
  | ((tenantId: string) => TenantInfraConfig | undefined);

export interface TenantInfraRouterOptions {
  shared: SharedInfra;
  tenants: TenantInfraSource;
  /** Level for tenants without config. Omit it to refuse unknown tenants. */
  defaultLevel?: TenantIsolationLevel;
  /** Override what a level requires (merged over DEFAULT_ISOLATION_REQUIREMENTS). */
  requirements?: Partial<Record<TenantIsolationLevel, IsolationRequirements>>;
}

export interface TenantRedisRoute {
  url: string;
  dedicated: boolean;
  /** Keep prefixing even on a dedicated instance: it costs nothing and survives a later consolidation. */
  keyPrefix: string;
  /** Present on shared Redis when dbPlacement is configured. */
  dbIndex?: number;
}

export interface TenantDatabaseRoute {
  connectionString: string;
  dedicated: boolean;
}

export interface TenantInfraRoute {
  tenantId: string;
  level: TenantIsolationLevel;
  redis: TenantRedisRoute;
  database: TenantDatabaseRoute;
}

function parseUrl(value: string, protocols: readonly string[], what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TenantInfraConfigError(`${what} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) throw new TenantInfraConfigError(`${what} must use ${protocols.join(' or ')}`);
  return url;
}

/** Same server + same database/db-number, ignoring credentials and query options. */
function sameResource(a: URL, b: URL): boolean {
  const path = (u: URL): string => u.pathname.replace(/\/+$/, '') || '/0';
  return a.hostname === b.hostname && (a.port || 'default') === (b.port || 'default') && path(a) === path(b);
}

export class TenantInfraRouter {
  readonly #options: TenantInfraRouterOptions;
  readonly #sharedRedis: URL;
  readonly #sharedDatabase: URL;

  constructor(options: TenantInfraRouterOptions) {
    this.#options = options;
    this.#sharedRedis = parseUrl(options.shared.redis.url, ['redis:', 'rediss:'], 'shared redis url');
    this.#sharedDatabase = parseUrl(options.shared.database.connectionString, ['postgres:', 'postgresql:'], 'shared database connectionString');
    if (options.defaultLevel !== undefined && !isTenantIsolationLevel(options.defaultLevel)) {
      throw new TenantInfraConfigError(`unknown defaultLevel ${JSON.stringify(options.defaultLevel)}`);
    }
  }

  /** The tenant's level (its config, else defaultLevel, else UnknownTenantInfraError). */
  levelOf(tenantId: string): TenantIsolationLevel {
    return this.#config(assertValidTenantId(tenantId)).level;
  }

  resolve(tenantId: string): TenantInfraRoute {
    const id = assertValidTenantId(tenantId);
    const config = this.#config(id);
    const required = { ...DEFAULT_ISOLATION_REQUIREMENTS[config.level], ...this.#options.requirements?.[config.level] };
    return { tenantId: id, level: config.level, redis: this.#redis(id, config, required), database: this.#database(id, config, required) };
  }

  redisFor(tenantId: string): TenantRedisRoute {
    return this.resolve(tenantId).redis;
  }

  databaseFor(tenantId: string): TenantDatabaseRoute {
    return this.resolve(tenantId).database;
  }

  #config(id: string): TenantInfraConfig {
    const source = this.#options.tenants;
    let config: TenantInfraConfig | undefined;
    if (typeof source === 'function') config = source(id);
    else if (source instanceof Map) config = source.get(id);
    // Own properties only: a tenant named "constructor" must not find Object.prototype.constructor.
    else config = Object.hasOwn(source, id) ? (source as Readonly<Record<string, TenantInfraConfig>>)[id] : undefined;
    if (config === undefined) {
      if (this.#options.defaultLevel === undefined) throw new UnknownTenantInfraError(id);
      return { level: this.#options.defaultLevel };
    }
    if (!isTenantIsolationLevel(config.level)) {
      throw new TenantInfraConfigError(`tenant ${JSON.stringify(id)} has unknown isolation level ${JSON.stringify(config.level)}`);
    }
    return config;
  }

  #redis(id: string, config: TenantInfraConfig, required: IsolationRequirements): TenantRedisRoute {
    const keyPrefix = tenantKeyPrefix(id);
    if (config.redis !== undefined) {
      const own = parseUrl(config.redis.url, ['redis:', 'rediss:'], `dedicated redis url of tenant ${JSON.stringify(id)}`);
      if (sameResource(own, this.#sharedRedis)) {
        throw new TenantInfraConfigError(`the dedicated redis of tenant ${JSON.stringify(id)} is the shared redis`);
      }
      return { url: config.redis.url, dedicated: true, keyPrefix };
    }
    if (required.dedicatedRedis) throw new DedicatedInfraMissingError(id, config.level, 'redis');
    const placement = this.#options.shared.redis.dbPlacement;
    return {
      url: this.#options.shared.redis.url,
      dedicated: false,
      keyPrefix,
      ...(placement === undefined ? {} : { dbIndex: tenantDbIndex(id, placement) }),
    };
  }

  #database(id: string, config: TenantInfraConfig, required: IsolationRequirements): TenantDatabaseRoute {
    const own = config.database;
    if (own !== undefined) {
      let url: URL;
      if ('connectionString' in own) {
        url = parseUrl(own.connectionString, ['postgres:', 'postgresql:'], `dedicated database of tenant ${JSON.stringify(id)}`);
      } else {
        if (!/^[A-Za-z0-9_-]{1,63}$/.test(own.name)) throw new TenantInfraConfigError(`invalid database name for tenant ${JSON.stringify(id)}`);
        url = new URL(this.#sharedDatabase.href);
        url.pathname = `/${own.name}`;
      }
      if (sameResource(url, this.#sharedDatabase)) {
        throw new TenantInfraConfigError(`the dedicated database of tenant ${JSON.stringify(id)} is the shared database`);
      }
      return { connectionString: url.href, dedicated: true };
    }
    if (required.dedicatedDatabase) throw new DedicatedInfraMissingError(id, config.level, 'database');
    return { connectionString: this.#options.shared.database.connectionString, dedicated: false };
  }
}
