// Two bot instances' job runners, each its own process, on one real Postgres with real pg-boss: once per period,
// a killed instance's run picked up by the other, one Notion writer at a time, both starting at the same moment.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryOnce as query } from '../postgres/query.js';
import { type PostgresServer, startPostgresServer } from '../postgres/server.js';
import { createTestDatabase, type Runner, spawnRunner, stopRunner, waitFor } from './runner-rig.js';

let server: PostgresServer;
const runners: Runner[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map(stopRunner));
});

afterAll(async () => {
  await server?.stop();
});

/** Two runners started at the same moment on a fresh database (the 40P01 case): both must come up. */
async function startTwo(env: Record<string, string> = {}): Promise<{ url: string; a: Runner; b: Runner }> {
  const url = await createTestDatabase(server);
  const a = spawnRunner(url, 'instance-a', env);
  const b = spawnRunner(url, 'instance-b', env);
  runners.push(a, b);
  await Promise.all([a.ready, b.ready]);
  return { url, a, b };
}

describe('jobs on Postgres across two instances', () => {
  it('runs each period once although both instances ask for it at the same moment', async () => {
    const { url, a, b } = await startTwo();
    const keys = ['2026-W47', '2026-W48', '2026-W49', '2026-W50', '2026-W51'];
    for (const key of keys) {
      const asks = [a, b].map((runner) => runner.ask({ cmd: 'period', queue: 'digest', key, sleepMs: 100 }));
      const created = await Promise.all(asks);
      expect(created.filter((answer) => answer === true)).toHaveLength(1);
    }
    await waitFor(
      async () => {
        const rows = await query(url, 'SELECT 1 FROM runs WHERE ended_at IS NOT NULL');
        return rows.length >= keys.length ? rows : null;
      },
      20_000,
      'every period to run',
    );
    // Asked again later (a catch-up at start), a period already run does not run again.
    expect(await a.ask({ cmd: 'period', queue: 'digest', key: '2026-W47', sleepMs: 0 })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const runs = await query<{ period_key: string; n: number }>(
      url,
      'SELECT period_key, count(*)::int AS n FROM runs GROUP BY period_key ORDER BY period_key',
    );
    expect(runs).toEqual(keys.map((key) => ({ period_key: key, n: 1 })));
    expect(a.output() + b.output()).toContain('Job queue started');
    expect(a.output() + b.output()).not.toContain('roi-test-password');
  });

  it('runs a period again on the other instance when the one running it is killed', async () => {
    const { url, a, b } = await startTwo();
    await a.ask({ cmd: 'period', queue: 'digest', key: '2026-W47', sleepMs: 1_500 });
    const started = () => [a, b].find((runner) => runner.events.some((event) => event.event === 'started'));
    const holder = await waitFor(async () => started() ?? null, 10_000, 'the run to start');
    const other = holder === a ? b : a;
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await holder.exited;
    const pickup = await waitFor(
      async () => other.events.find((event) => event.event === 'started' && event.key === '2026-W47') ?? null,
      30_000,
      'the other instance to run the period',
    );
    const pickupMs = pickup.at - killedAt;
    console.info(`pickup after SIGKILL: ${pickupMs} ms`);
    expect(pickupMs).toBeLessThan(30_000);
    await waitFor(
      async () => ((await query(url, 'SELECT 1 FROM runs WHERE ended_at IS NOT NULL')).length > 0 ? true : null),
      10_000,
      'the run to finish',
    );
    const runs = await query<{ instance: string; finished: boolean }>(
      url,
      'SELECT instance, ended_at IS NOT NULL AS finished FROM runs ORDER BY started_at',
    );
    expect(runs).toEqual([
      { instance: holder.name, finished: false },
      { instance: other.name, finished: true },
    ]);
  });

  it('never runs two Notion pushes at once, and runs one after the last request', async () => {
    const { url, a, b } = await startTwo({ JOBS_TEST_PUSH_MS: '50' });
    await Promise.all([a.ask({ cmd: 'push', times: 50, gapMs: 10 }), b.ask({ cmd: 'push', times: 50, gapMs: 10 })]);
    const [last] = await query<{ at: Date }>(url, 'SELECT max(at) AS at FROM requests');
    await waitFor(
      async () => {
        const after = await query(url, 'SELECT 1 FROM runs WHERE started_at > $1 AND ended_at IS NOT NULL', [last?.at]);
        return after.length > 0 ? true : null;
      },
      20_000,
      'a push that started after the last request',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const runs = await query<{ started_at: Date; ended_at: Date | null }>(
      url,
      'SELECT started_at, ended_at FROM runs ORDER BY started_at',
    );
    expect(runs.every((run) => run.ended_at !== null)).toBe(true);
    for (let i = 1; i < runs.length; i += 1) {
      expect(runs[i]!.started_at.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.ended_at!.getTime());
    }
    // Requests made while a push waits join it: far fewer runs than the 100 requests, but more than one.
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.length).toBeLessThan(100);
  });
});
