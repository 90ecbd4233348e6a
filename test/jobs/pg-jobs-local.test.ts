// One job runner in this process on a real Postgres: stop() drains, retries and permanent failures, waking the
// local worker, and what reaches the log.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { schedulePeriodRequests } from '../../src/jobs/period-schedule.js';
import {
  buildScrubber,
  type JobRun,
  type Jobs,
  PermanentJobError,
  type StartJobsOptions,
  startJobs,
} from '../../src/jobs/pg-jobs.js';
import { createMemoryLogger } from '../../src/log.js';
import { queryOnce } from '../postgres/query.js';
import { type PostgresServer, startPostgresServer } from '../postgres/server.js';
import { createTestDatabase, waitFor } from './runner-rig.js';

let server: PostgresServer;
const running: Jobs[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((jobs) => jobs.stop({ graceful: false })));
});

afterAll(async () => {
  await server?.stop();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function jobStates(url: string, queue: string) {
  const sql = 'SELECT state, retry_count FROM pgboss.job WHERE name = $1 ORDER BY created_on';
  return queryOnce<{ state: string; retry_count: number }>(url, sql, [queue]);
}

async function start(options: Omit<StartJobsOptions, 'url' | 'log' | 'instanceId'>) {
  const url = await createTestDatabase(server);
  const { logger, lines } = createMemoryLogger('debug');
  const timing = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, ...options.timing };
  const jobs = await startJobs({ url, log: logger, instanceId: 'local', ...options, timing });
  running.push(jobs);
  return { url, jobs, lines };
}

describe('a job runner on Postgres', () => {
  it('waits in stop() for a run in flight to finish', async () => {
    const events: string[] = [];
    const { url, jobs } = await start({
      periodic: {
        digest: {
          handler: async () => {
            events.push('run started');
            await sleep(1_200);
            events.push('run finished');
          },
        },
      },
    });
    await jobs.requestPeriod('digest', '2026-W47');
    await waitFor(async () => (events.length > 0 ? true : null), 10_000, 'the run to start');
    await jobs.stop();
    events.push('stopped');
    expect(events).toEqual(['run started', 'run finished', 'stopped']);
    expect(await jobStates(url, 'digest')).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('stops without grace by telling the run to stop and handing its job back for a retry', async () => {
    let aborted = false;
    const { url, jobs } = await start({
      periodic: {
        digest: {
          retryDelaySeconds: 30,
          handler: async ({ signal }) => {
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
            aborted = true;
          },
        },
      },
    });
    await jobs.requestPeriod('digest', '2026-W47');
    await waitFor(async () => ((await jobStates(url, 'digest'))[0]?.state === 'active' ? true : null), 10_000, 'run');
    await jobs.stop({ graceful: false });
    expect(aborted).toBe(true);
    expect((await jobStates(url, 'digest')).map((job) => job.state)).toEqual(['retry']);
  });

  it('retries a failed run and gives up at once on a permanent failure', async () => {
    let flakyCalls = 0;
    let brokenCalls = 0;
    const { url, jobs, lines } = await start({
      writers: {
        flaky: {
          retryDelaySeconds: 1,
          handler: async () => {
            flakyCalls += 1;
            if (flakyCalls === 1) throw new Error('Notion answered 503');
          },
        },
        broken: {
          retryDelaySeconds: 1,
          handler: async () => {
            brokenCalls += 1;
            throw new PermanentJobError('NOTION_LEADS_DB is not shared with the integration');
          },
        },
      },
    });
    await Promise.all([jobs.requestRun('flaky'), jobs.requestRun('broken')]);
    await waitFor(
      async () => ((await jobStates(url, 'flaky'))[0]?.state === 'completed' ? true : null),
      15_000,
      'retry',
    );
    expect(flakyCalls).toBe(2);
    expect(await jobStates(url, 'flaky')).toEqual([{ state: 'completed', retry_count: 1 }]);
    // The permanent failure had as long as the flaky run's retry to be tried again, and was not.
    expect(brokenCalls).toBe(1);
    expect(await jobStates(url, 'broken')).toEqual([{ state: 'failed', retry_count: 0 }]);
    expect(lines.some((line) => line.includes('Job failed for good') && line.includes('not shared'))).toBe(true);
  });

  it('starts a run requested on this instance at once rather than at the next poll', async () => {
    const startedAt: number[] = [];
    const { jobs, lines } = await start({
      timing: { pollingIntervalSeconds: 20 },
      writers: { 'notion-push': { handler: async () => void startedAt.push(Date.now()) } },
    });
    await sleep(300);
    const requestedAt = Date.now();
    await jobs.requestRun('notion-push');
    await waitFor(async () => (startedAt.length > 0 ? true : null), 15_000, 'the push to start');
    const latencyMs = startedAt[0]! - requestedAt;
    console.info(`local request to run start: ${latencyMs} ms (polling interval 20 s)`);
    expect(latencyMs).toBeLessThan(5_000);
    expect(lines.join('\n')).not.toContain('roi-test-password');
  });

  it('starts two runners at the same moment on a fresh database without a deadlock, again and again', async () => {
    // Without the advisory lock and the 40P01 retry around queue creation, 7 of 15 such starts failed here.
    const idle = { handler: async () => {} };
    for (let round = 0; round < 8; round += 1) {
      const url = await createTestDatabase(server);
      const options = {
        url,
        log: createMemoryLogger().logger,
        periodic: { digest: idle, 'leak-check': idle, 'notion-pull': idle },
        writers: { 'notion-push': idle },
      };
      const started = await Promise.allSettled(['a', 'b'].map((instanceId) => startJobs({ ...options, instanceId })));
      for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual([
        'started',
        'started',
      ]);
    }
  });

  it('runs each occurrence once when two instances keep their own timers for it', async () => {
    const runs: string[] = [];
    const digest = { handler: async ({ periodKey }: JobRun) => void runs.push(String(periodKey)) };
    const first = await start({ periodic: { digest } });
    const second = await startJobs({
      url: first.url,
      log: createMemoryLogger().logger,
      instanceId: 'second',
      periodic: { digest },
    });
    running.push(second);
    const options = {
      queue: 'digest',
      cron: '* * * * * *',
      timeZone: 'Europe/Paris',
      periodKeyOf: (occurrence: number) => new Date(occurrence).toISOString(),
      log: createMemoryLogger().logger,
    };
    const timers = [schedulePeriodRequests(first.jobs, options), schedulePeriodRequests(second, options)];
    await sleep(3_200);
    for (const timer of timers) timer.stop();
    const asked = await waitFor(
      async () => {
        const states = await jobStates(first.url, 'digest');
        return states.every((job) => job.state === 'completed') ? states.length : null;
      },
      10_000,
      'every occurrence to run',
    );
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(runs).toHaveLength(asked);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('never shows the connection string or its password in what it logs', () => {
    const scrub = buildScrubber('postgres://roi:s3cret%21pw@db.internal:5432/runway');
    const message = 'connect failed for postgres://roi:s3cret%21pw@db.internal:5432/runway (password s3cret!pw)';
    expect(scrub(message)).toBe('connect failed for [redacted] (password [redacted])');
  });
});
