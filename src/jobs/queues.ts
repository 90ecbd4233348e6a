// Creating the queues. pg-boss's create_queue attaches a partition to its job table, and two instances creating
// queues at the same moment can deadlock (40P01, seen in docs/store-engines-spike.md §4). So every instance
// creates or updates its queues while holding one Postgres advisory lock, and a deadlock that still happens (a
// pg-boss version that takes other locks, a tool run by hand) is retried.

import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Logger } from '../log.js';
import type { QueueTiming } from './job-settings.js';

export interface QueueSpec {
  name: string;
  /** singleton: one run at a time, queued runs wait. stately: also at most one queued run, so requests coalesce. */
  policy: 'singleton' | 'stately';
  timing: QueueTiming;
}

const QUEUES_LOCK_KEY = 'roi-runway.pgboss.queues';
const DEADLOCK = '40P01';
const DEADLOCK_RETRIES = 5;

function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK;
}

async function retryDeadlocks(work: () => Promise<void>, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt > DEADLOCK_RETRIES) throw error;
      log.warn('Creating a job queue hit a deadlock: trying again', { attempt });
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

async function createOrUpdateQueue(boss: PgBoss, spec: QueueSpec): Promise<void> {
  const options: PgBoss.Queue = {
    name: spec.name,
    policy: spec.policy,
    expireInSeconds: spec.timing.expireInSeconds,
    retryLimit: spec.timing.retryLimit,
    retryDelay: spec.timing.retryDelaySeconds,
    retryBackoff: true,
  };
  // An existing queue takes this version's settings, so a deploy that changes them applies them.
  if ((await boss.getQueue(spec.name)) === null) await boss.createQueue(spec.name, options);
  else await boss.updateQueue(spec.name, options);
}

/** Creates (or brings up to date) every queue, one instance at a time across the database. */
export async function ensureQueues(boss: PgBoss, url: string, specs: readonly QueueSpec[], log: Logger) {
  const client = new pg.Client({ connectionString: url, application_name: 'roi-runway-jobs-setup' });
  client.on('error', (error) => log.warn('The job queue setup connection failed', { error }));
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [QUEUES_LOCK_KEY]);
    for (const spec of specs) await retryDeadlocks(() => createOrUpdateQueue(boss, spec), log);
  } finally {
    // Ending the session releases the lock too; the unlock only makes it prompt when end() is slow.
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [QUEUES_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
