// Bolt's installer authorizes every request from its installation row before the request is acked. On Postgres that
// read is awaited: while it waits (here on a table locked from outside), the process goes on answering. Read through
// the store's synchronous API, it held the whole process until Postgres answered.

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_SCHEMA } from '../../../src/directory-store.js';
import { OPENING_FAILED_MESSAGE } from '../../../src/slack/workspace-routing.js';
import { installThroughPages, startDistributedApp } from '../../helpers/oauth-rig.js';
import { createDatabase } from '../../instances/instance-rig.js';
import { usePostgresServer } from '../../postgres/use-server.js';

const postgres = usePostgresServer();

describe("a request's installation read on a slow Postgres", () => {
  it('leaves the process answering while it waits, then serves the request', async () => {
    const url = await createDatabase(postgres());
    const app = await startDistributedApp({ env: { DATABASE_URL: url } });
    const [locker, watcher] = [new pg.Client(url), new pg.Client(url)];
    try {
      await installThroughPages(app, { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'Acme' });
      const first = await app.slack.slashCommand({
        ...{ command: '/lead', text: 'source thomasnet Acme Machining', userId: 'U0REP1', origin: { teamId: 'T0001' } },
      });
      expect((await first.waitForResponses(1))[0]?.text).toBe('Logged Acme Machining from Thomasnet.');

      await Promise.all([locker.connect(), watcher.connect()]);
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${DIRECTORY_SCHEMA}".slack_installations IN ACCESS EXCLUSIVE MODE`);
      const pending = app.slack.slashCommand({
        ...{
          command: '/lead',
          text: 'source linkedin Precision Machining',
          userId: 'U0REP1',
          origin: { teamId: 'T0001' },
        },
      });
      const waiting = `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name LIKE 'roi-runway%'`;
      await expect.poll(async () => (await watcher.query(waiting)).rowCount, { timeout: 10_000 }).toBeGreaterThan(0);

      // The process answers another request while the installation read still waits on the lock.
      const health = await fetch(`${app.base}/healthz`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
      expect((await watcher.query(waiting)).rowCount).toBeGreaterThan(0);

      await locker.query('COMMIT');
      const served = await pending;
      expect(served.status).toBe(200);
      expect((await served.waitForResponses(1))[0]?.text).toBe('Logged Precision Machining from LinkedIn.');
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await Promise.all([locker.end().catch(() => {}), watcher.end().catch(() => {})]);
      await app.stop();
    }
  });

  it('tells the person to try again, not that the app is not installed, when the read fails', async () => {
    const url = await createDatabase(postgres());
    const app = await startDistributedApp({ env: { DATABASE_URL: url } });
    const locker = new pg.Client(url);
    try {
      await installThroughPages(app, { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'Acme' });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${DIRECTORY_SCHEMA}".slack_installations IN ACCESS EXCLUSIVE MODE`);
      // Held past the app's lock timeout: the installation read fails.
      const refused = await app.slack.slashCommand({
        ...{ command: '/lead', text: 'source thomasnet Acme Machining', userId: 'U0REP1', origin: { teamId: 'T0001' } },
      });
      expect((await refused.waitForResponses(1))[0]?.text).toBe(OPENING_FAILED_MESSAGE);
      expect(app.logs.some((line) => line.includes('"Could not read the installation of a request"'))).toBe(true);
      await locker.query('COMMIT');

      const served = await app.slack.slashCommand({
        ...{ command: '/lead', text: 'source thomasnet Acme Machining', userId: 'U0REP1', origin: { teamId: 'T0001' } },
      });
      expect((await served.waitForResponses(1))[0]?.text).toBe('Logged Acme Machining from Thomasnet.');
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end().catch(() => {});
      await app.stop();
    }
  });
});
