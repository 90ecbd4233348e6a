// Which engine this test run's stores use: SQLite files, or schemas on the run's Postgres server (the `postgres`
// project of vitest.config.ts runs the store suite a second time that way).

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { OpenStoreOptions } from '../../src/store/open-store.js';

export function isPostgresRun(): boolean {
  return process.env.ROI_TEST_ENGINE === 'postgres';
}

/** Where a test store lives: the SQLite file given, or a new schema on the run's server. */
export function testStoreLocation(file: string, schema?: string): OpenStoreOptions {
  if (!isPostgresRun()) return { file };
  return { file, url: inject('postgresUrl'), schema: schema ?? newSchemaName() };
}

export function newSchemaName(): string {
  return `t_${process.pid}_${randomBytes(6).toString('hex')}`;
}
