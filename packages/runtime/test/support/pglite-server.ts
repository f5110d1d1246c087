/**
 * PostgreSQL + pgvector for tests, where Debian has no pgvector package: PGlite (Postgres in WASM)
 * with its `vector` extension, served over the real wire protocol by PGLiteSocketServer on a free
 * loopback port, so code under test talks through `pg` exactly as in production.
 * PGlite has one session and ignores the startup user, so after the owner-side setup the session
 * switches to a NOSUPERUSER NOBYPASSRLS role (SET ROLE) before any socket client connects: RLS applies
 * to everything that arrives over the socket. `asOwner` runs owner-side SQL (then switches back).
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type pg from 'pg';

export const APP_ROLE = 'app_user';

export interface PgliteTestServer {
  config: pg.PoolConfig;
  asOwner(sql: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startPgliteServer(ownerSetupSql: string): Promise<PgliteTestServer> {
  const db = await PGlite.create({ extensions: { vector } });
  await db.exec(`CREATE ROLE ${APP_ROLE} NOSUPERUSER NOBYPASSRLS LOGIN;\n${ownerSetupSql}`);
  await db.exec(`SET ROLE ${APP_ROLE}`);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  return {
    config: { host: '127.0.0.1', port, user: APP_ROLE, database: 'postgres' },
    async asOwner(sql: string) {
      await db.exec(`RESET ROLE;\n${sql}\nSET ROLE ${APP_ROLE};`);
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
