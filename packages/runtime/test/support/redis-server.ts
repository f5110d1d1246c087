/**
 * Starts a throw-away redis-server for one test file: free loopback port, temp dir, no persistence
 * (`--save '' --appendonly no`), killed and removed in stop().
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, freePort, MissingServerError, waitFor } from './servers.js';

export const REDIS_DEBIAN_PACKAGE = 'redis-server';

/** $REDIS_SERVER_BIN when set (a missing path counts as "not installed"), else redis-server on PATH. */
export function findRedisServer(): string | undefined {
  const fromEnv = process.env['REDIS_SERVER_BIN'];
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  return findExecutable('redis-server');
}

export interface RedisTestServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** PING over a bare socket, so readiness does not depend on either client library under test. */
async function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

export async function startRedisServer(): Promise<RedisTestServer> {
  const binary = findRedisServer();
  if (binary === undefined) throw new MissingServerError('redis-server', REDIS_DEBIAN_PACKAGE);
  const dir = await mkdtemp(join(tmpdir(), 'ta-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(binary, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${stderr}`);
      return pings(port);
    }, 10_000, `redis-server on port ${port}`);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
