/**
 * Starts a throw-away PostgreSQL cluster for one test file: initdb into a temp dir, a free port, the
 * unix socket inside the temp dir (no TCP listener at all), stopped and deleted in stop().
 * PostgreSQL refuses to run as root, so as root the cluster is created and started as the `postgres`
 * system user (Debian's package creates it), or `nobody` when there is none, via runuser/su.
 * Binaries: $PG_BINDIR, else the newest /usr/lib/postgresql/<version>/bin (CI may get another version).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findExecutable, freePort, MissingServerError, waitFor } from './servers.js';

export const POSTGRES_DEBIAN_PACKAGE = 'postgresql';

export function findPostgresBinDir(): string | undefined {
  const has = (dir: string): boolean => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  const fromEnv = process.env['PG_BINDIR'];
  if (fromEnv !== undefined && fromEnv !== '') return has(fromEnv) ? fromEnv : undefined; // set but wrong = not installed
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => has(join(root, v, 'bin')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

export interface PostgresTestServer {
  /** Socket directory: use as `host` for pg. */
  host: string;
  port: number;
  /** Superuser pool settings (the cluster's bootstrap superuser `postgres`, trust auth on the socket). */
  superuser: pg.ClientConfig;
  /** Connection settings for another role (trust auth: no password needed). */
  as(user: string): pg.ClientConfig;
  stop(): Promise<void>;
}

/** The OS user to run PostgreSQL as, or undefined to run as ourselves (not root). */
function serverOsUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const probe = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (probe.status === 0) {
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid: Number(probe.stdout.trim()), gid };
    }
  }
  throw new Error('running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
}

function runAs(user: { name: string } | undefined, command: string, args: string[]): void {
  let file = command;
  let argv = args;
  if (user !== undefined) {
    const runuser = findExecutable('runuser');
    if (runuser !== undefined) {
      file = runuser;
      argv = ['-u', user.name, '--', command, ...args];
    } else {
      const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      file = 'su';
      argv = [user.name, '-s', '/bin/sh', '-c', quoted];
    }
  }
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error?.message}`);
  }
}

export async function startPostgresServer(): Promise<PostgresTestServer> {
  const bin = findPostgresBinDir();
  if (bin === undefined) throw new MissingServerError('PostgreSQL server binaries (/usr/lib/postgresql/*/bin)', POSTGRES_DEBIAN_PACKAGE);
  const user = serverOsUser();
  const dir = await mkdtemp(join(tmpdir(), 'ta-pg-'));
  const data = join(dir, 'data');
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const port = await freePort();
  try {
    runAs(user, join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // Socket only, in our temp dir; durability off because the cluster is thrown away.
    await appendFile(join(data, 'postgresql.conf'), [
      '', `port = ${port}`, "listen_addresses = ''", `unix_socket_directories = '${dir}'`,
      'fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'max_connections = 20', '',
    ].join('\n'));
    runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const as = (role: string): pg.ClientConfig => ({ host: dir, port, user: role, database: 'postgres' });
  await waitFor(async () => {
    const client = new pg.Client(as('postgres'));
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 15_000, `PostgreSQL on ${dir}/.s.PGSQL.${port}`);
  return {
    host: dir,
    port,
    superuser: as('postgres'),
    as,
    async stop() {
      try {
        runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
