// How fast the job queue notices things, and how long a run may take. pg-boss 10 has no LISTEN and no heartbeat:
// a worker polls, and a job whose instance died is only noticed when its expiry passes and the maintenance sweep
// (one instance per interval) moves it back to retry. So a killed instance's job is picked up after about
// expiry + maintenance interval + polling interval, and the expiry is also the longest a run may take.

/** Settings shared by every queue of one runner. */
export interface JobTiming {
  /** How often an idle worker looks for work sent by another instance, or for a retry that came due. */
  pollingIntervalSeconds: number;
  /** How often an expired run is failed (and so retried elsewhere). */
  maintenanceIntervalSeconds: number;
  /** How long stop({ graceful: true }) waits for runs in flight before failing them back to the queue. */
  stopTimeoutMs: number;
}

/** Settings of one queue. */
export interface QueueTiming {
  /** The longest a run may take: past it the run is failed and retried, on any instance. */
  expireInSeconds: number;
  /** Retries after a failure (a permanent failure is never retried). */
  retryLimit: number;
  /** The first retry's delay; each later one doubles, with jitter. */
  retryDelaySeconds: number;
}

// 1 s polling costs one indexed query a second per queue and instance, and bounds how late another instance's
// request or a retry starts; a request sent by this instance wakes its worker at once. The 2 s sweep is a few
// indexed statements under pg-boss's advisory lock, run by one instance per interval (the default is 120 s, which
// would leave a killed instance's digest unposted for minutes).
export const DEFAULT_JOB_TIMING: JobTiming = {
  pollingIntervalSeconds: 1,
  maintenanceIntervalSeconds: 2,
  stopTimeoutMs: 10_000,
};

// A period run (digest, leak check, pull) gets a minute: the digest at 100k leads builds in seconds and posts a few
// messages. A writer run (the Notion push) gets 30 s and is told to stop early through its signal, so it never
// outlives its expiry and a second writer cannot start beside it.
// Retries start 2-4 s after a failure and double: a period run keeps trying for about an hour (10 retries), as the
// node-schedule path does; a writer run is asked for again by the next commit anyway.
export const DEFAULT_PERIOD_TIMING: QueueTiming = { expireInSeconds: 60, retryLimit: 10, retryDelaySeconds: 2 };
export const DEFAULT_WRITER_TIMING: QueueTiming = { expireInSeconds: 30, retryLimit: 5, retryDelaySeconds: 2 };

/** A handler is told to stop this long before its expiry, so it can finish before pg-boss gives its job away. */
export function buildStopMarginMs(expireInSeconds: number): number {
  return Math.min(5_000, expireInSeconds * 200);
}
