// Stopping without losing work: no new digests, no new Slack requests, running handlers finish, the Notion worker
// gets a last push within a deadline, and the SQLite file is closed cleanly.

import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface ShutdownParts {
  schedule: Stoppable | null;
  slack: Stoppable;
  notion: Stoppable | null;
  store: Store;
  /** The DATA_DIR lock, released last, once the store is closed. */
  lock?: { release(): void };
  log: Logger;
  /** How long the Notion worker may take for its last push. */
  notionDeadlineMs?: number;
  /** How long a digest run in flight may take to finish. */
  digestDeadlineMs?: number;
}

export const NOTION_STOP_DEADLINE_MS = 5_000;

/**
 * A digest whose post Slack never answers must not block a restart. Cut short, the run keeps its claim on the week
 * and the messages it recorded; the next start retries once the claim lapses and posts only what is missing.
 */
export const DIGEST_STOP_DEADLINE_MS = 5_000;

async function stopWithin(part: Stoppable, deadlineMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
    timer.unref();
  });
  const stopped = part.stop().then(() => true);
  const outcome = await Promise.race([stopped, deadline]);
  clearTimeout(timer);
  return outcome;
}

/** Each step runs even when an earlier one failed: a stuck receiver must not keep the store open. */
export async function runShutdown(parts: ShutdownParts): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    [
      'digest schedule',
      async () => {
        if (parts.schedule === null) return;
        const deadline = parts.digestDeadlineMs ?? DIGEST_STOP_DEADLINE_MS;
        if (!(await stopWithin(parts.schedule, deadline)))
          parts.log.warn('A digest run did not finish in time; the next start resumes it', { deadline });
      },
    ],
    ['Slack receiver', () => parts.slack.stop()],
    [
      'Notion sync',
      async () => {
        if (parts.notion === null) return;
        const deadline = parts.notionDeadlineMs ?? NOTION_STOP_DEADLINE_MS;
        if (!(await stopWithin(parts.notion, deadline)))
          parts.log.warn('Notion sync did not stop in time', { deadline });
      },
    ],
    ['store', () => parts.store.closeAsync()],
    ['DATA_DIR lock', async () => parts.lock?.release()],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      parts.log.error(`Stopping the ${name} failed`, { error });
    }
  }
}

/** SIGTERM or SIGINT stops the app once; a second signal while stopping exits at once. */
export function registerShutdownSignals(stop: () => Promise<void>, log: Logger, exit: (code: number) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('Second signal while stopping: exiting now', { signal });
      exit(1);
      return;
    }
    stopping = true;
    log.info('Stopping', { signal });
    stop().then(
      () => exit(0),
      (error: unknown) => {
        log.error('Stopping failed', { error });
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
