// One bot instance's job runner, run as its own process by test/jobs/pg-jobs.test.ts (node --import tsx, so a
// SIGKILL hits the runner itself). Its handlers record each run in the test database; the parent drives it over IPC.

import pg from 'pg';
import { startJobs } from '../../src/jobs/pg-jobs.js';
import { createLogger } from '../../src/log.js';

const url = process.env.JOBS_TEST_URL ?? '';
const instance = process.env.JOBS_TEST_INSTANCE ?? 'unnamed';
const pushMs = Number(process.env.JOBS_TEST_PUSH_MS ?? '50');
const pool = new pg.Pool({ connectionString: url, max: 3 });

type Command =
  | { id: number; cmd: 'period'; queue: string; key: string; sleepMs: number }
  | { id: number; cmd: 'push'; times: number; gapMs: number }
  | { id: number; cmd: 'stop' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tell = (message: object) => process.send?.(message);

async function recordRun(queue: string, key: string | null, work: () => Promise<void>) {
  const { rows } = await pool.query<{ id: number }>(
    'INSERT INTO runs (queue, period_key, instance, started_at) VALUES ($1, $2, $3, clock_timestamp()) RETURNING id',
    [queue, key, instance],
  );
  tell({ event: 'started', queue, key, at: Date.now() });
  await work();
  await pool.query('UPDATE runs SET ended_at = clock_timestamp() WHERE id = $1', [rows[0]?.id]);
}

const log = createLogger({ level: 'info', write: (line) => process.stdout.write(`${line}\n`) });
const jobs = await startJobs({
  url,
  log,
  instanceId: instance,
  timing: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 },
  periodic: {
    digest: {
      expireInSeconds: 4,
      retryDelaySeconds: 1,
      handler: ({ queue, periodKey, data }) => recordRun(queue, periodKey, () => sleep(Number(data.sleepMs ?? 0))),
    },
  },
  writers: {
    'notion-push': { handler: ({ queue }) => recordRun(queue, null, () => sleep(pushMs)) },
  },
});

async function handle(message: Command): Promise<unknown> {
  if (message.cmd === 'period') {
    return jobs.requestPeriod(message.queue, message.key, { sleepMs: message.sleepMs });
  }
  if (message.cmd === 'push') {
    for (let i = 0; i < message.times; i += 1) {
      // The request is recorded before it is sent: a run that starts after this row must see it.
      await pool.query('INSERT INTO requests (instance, at) VALUES ($1, clock_timestamp())', [instance]);
      await jobs.requestRun('notion-push');
      await sleep(message.gapMs);
    }
    return true;
  }
  await jobs.stop();
  await pool.end();
  return true;
}

process.on('message', (message: Command) => {
  void handle(message).then(
    (result) => {
      tell({ reply: message.id, result });
      if (message.cmd === 'stop') process.disconnect();
    },
    (error: unknown) => tell({ reply: message.id, error: String(error) }),
  );
});
tell({ event: 'ready' });
