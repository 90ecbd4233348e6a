// On Postgres a closed workspace opens without holding the process: each of its open's reads is awaited, not waited
// for, so the other workspaces' commands are answered meanwhile. Here Postgres is made slow on purpose: a table the
// open reads is locked from outside, the open waits on it, and another workspace asks /roi in the meantime.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_SCHEMA } from '../../src/directory-store.js';
import { buildWorkspaceSchema } from '../../src/workspace-store.js';
import { slash, startWorkspacesApp } from '../helpers/workspaces-harness.js';
import { createDatabase } from '../instances/instance-rig.js';
import { usePostgresServer } from '../postgres/use-server.js';

const postgres = usePostgresServer();

const SERVED = 'T0SERVED';
const OPENING = 'T0OPENING';

/** The tables an open reads or writes, one by one: which migrations the store has, its settings, its schedule, … */
const HELD_TABLES = [
  [buildWorkspaceSchema(OPENING), 'schema_migrations'],
  [buildWorkspaceSchema(OPENING), 'workspace_settings'],
  [DIRECTORY_SCHEMA, 'workspace_schedules'],
  [buildWorkspaceSchema(OPENING), 'store_changes'],
  [buildWorkspaceSchema(OPENING), 'inquiries'],
] as const;

/** Locks a table from another connection until `release`, once the app is seen waiting for it. */
async function holdTable(url: string, schema: string, table: string) {
  const [locker, watcher] = [new pg.Client(url), new pg.Client(url)];
  await Promise.all([locker.connect(), watcher.connect()]);
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE "${schema}"."${table}" IN ACCESS EXCLUSIVE MODE`);
  return {
    /** Resolves once one of the app's connections waits for the lock. */
    async waitedOn() {
      const sql = `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name LIKE 'roi-runway%'`;
      for (let tries = 0; (await watcher.query(sql)).rowCount === 0; tries++) {
        if (tries > 1_000) throw new Error(`The open never waited on ${table}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async release() {
      await locker.query('COMMIT');
      await Promise.all([locker.end(), watcher.end()]);
    },
  };
}

describe('a workspace opening on a slow Postgres', () => {
  it("answers another workspace's command while the open waits on each table it reads", async () => {
    const url = await createDatabase(postgres());
    const app = await startWorkspacesApp({ teams: [SERVED, OPENING], env: { DATABASE_URL: url } });
    try {
      // Both stores exist (an open creates and migrates its schema); the one to open again is closed.
      await slash(app, SERVED, '/lead', 'source thomasnet Acme Machining');
      await slash(app, OPENING, '/lead', 'source thomasnet Precision Machining');
      for (const [schema, table] of HELD_TABLES) {
        await app.runtime.registry.close(OPENING);
        const held = await holdTable(url, schema, table);
        let answered: string | undefined;
        const opening = slash(app, OPENING, '/lead', 'find Precision Machining');
        try {
          await held.waitedOn();
          answered = (await slash(app, SERVED, '/lead', 'find Acme Machining'))?.text;
          // Still waiting on the table when the other workspace's answer came.
          await held.waitedOn();
        } finally {
          await held.release();
        }
        expect(answered, table).toContain('Acme Machining');
        expect(answered, table).not.toContain('Precision Machining');
        const reply = (await opening)?.text;
        expect(reply, table).toContain('Precision Machining');
        expect(reply, table).not.toContain('Acme Machining');
      }
    } finally {
      await app.stop();
    }
  }, 120_000);
});
