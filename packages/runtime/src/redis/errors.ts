/**
 * Errors of the tenant-scoped Redis layer. A refused command is a programming error in the caller
 * (it asked for something that would cross tenants), so it is a distinct class that names the command
 * and says what to use instead, rather than a generic Error that gets swallowed as "cache miss".
 */
export class TenantRedisCommandRefusedError extends Error {
  override readonly name: string = 'TenantRedisCommandRefusedError';
  readonly code: string = 'TENANT_REDIS_COMMAND_REFUSED';
  /** The command as the caller spelled it, upper-cased. */
  readonly command: string;
  constructor(command: string, reason: string) {
    super(`${command} is refused on a tenant-scoped Redis client: ${reason}`);
    this.command = command;
  }
}
