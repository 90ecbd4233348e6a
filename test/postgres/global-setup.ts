// Vitest's global setup for the Postgres project: one real server for the whole run; each store a test opens gets a
// schema of its own on it (test/store/store-fixtures.ts).

import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}
