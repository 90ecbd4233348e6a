// One embedded Postgres server for a test file: started before its tests, stopped after them.

import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, startPostgresServer } from './server.js';

export function usePostgresServer(): () => PostgresServer {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('the Postgres server has not started');
    return server;
  };
}
