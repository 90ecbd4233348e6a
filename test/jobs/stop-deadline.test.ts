// The job queue's stop is bounded: pg-boss closing a pool whose connection never comes back (seen under load in a
// rolling restart) must not hold an instance's stop, and a deploy with it, forever.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundStop, STOP_CLOSE_GRACE_MS } from '../../src/jobs/pg-jobs.js';
import { createMemoryLogger } from '../../src/log.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('stopping the job queue', () => {
  it('goes on after the wait and a grace when pg-boss never finishes closing, and says so', async () => {
    vi.useFakeTimers();
    const { logger, lines } = createMemoryLogger('debug', []);
    let done = false;
    const stopped = boundStop(new Promise<void>(() => {}), 10_000, logger).then(() => {
      done = true;
    });

    await vi.advanceTimersByTimeAsync(10_000 + STOP_CLOSE_GRACE_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopped;

    expect(done).toBe(true);
    expect(lines.join('\n')).toContain('The job queue did not close in time');
  });

  it('ends as soon as pg-boss has stopped, with no warning', async () => {
    const { logger, lines } = createMemoryLogger('debug', []);

    await boundStop(Promise.resolve(), 10_000, logger);

    expect(lines.join('\n')).not.toContain('did not close in time');
  });

  it('logs a failed stop instead of failing the rest of the shutdown', async () => {
    const { logger, lines } = createMemoryLogger('debug', []);

    await expect(boundStop(Promise.reject(new Error('connection terminated')), 10_000, logger)).resolves.toBe(
      undefined,
    );

    expect(lines.join('\n')).toContain('The job queue failed to stop');
  });
});
