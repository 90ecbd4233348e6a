// Matches accepted inquiries to their leads right after the webhook answered: one inquiry per turn of the event loop,
// so requests arriving meanwhile are read and answered between two matches (a fuzzy match over 100k names takes tens
// of milliseconds). Kicked after each accepted inquiry, and once at start for any a restart left pending.

import { setImmediate as nextTurnOfEventLoop, setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { InquiryResult, InquiryService } from '../store/index.js';
import { isStoreBusy } from '../store/sql/database.js';

const RETRY_MS = 1_000;
/** How often a match waiting for the webhook to go quiet looks again. */
const YIELD_MS = 2;
/**
 * A match waits until no webhook request has started or ended for this long: the requests of a burst arrive over a
 * few milliseconds, and a match started in a gap between two of them would hold up the rest by tens of milliseconds.
 */
const QUIET_MS = 20;
/** Under steady traffic that never goes quiet, one match still runs this often, so matching never stops. */
const MAX_WAIT_MS = 100;
const AFTER_FAILURE_MS = 60_000;

export interface InquiryProcessor {
  /** Starts matching what is pending, unless a run is already going. */
  kick(): void;
  /** A webhook request began (+1) or was answered (−1): matching waits while any is being answered. */
  track(delta: 1 | -1): void;
  /** Resolves when nothing is pending (tests, and stop()). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface InquiryProcessorDeps {
  inquiries: InquiryService;
  log: Logger;
  /** Told after each inquiry matched (the prompt worker; the Notion push hears of the change from the store). */
  onProcessed: (result: InquiryResult) => void;
}

export function createInquiryProcessor(deps: InquiryProcessorDeps): InquiryProcessor {
  let running: Promise<void> | null = null;
  let stopped = false;
  let inFlight = 0;
  let lastActivity = 0;
  let lastMatch = performance.now();
  const isQuiet = () => {
    const now = performance.now();
    return (inFlight === 0 && now - lastActivity >= QUIET_MS) || now - lastMatch >= MAX_WAIT_MS;
  };
  let retry: NodeJS.Timeout | undefined;
  const later = (ms: number) => {
    clearTimeout(retry);
    retry = setTimeout(() => kick(), ms);
    retry.unref();
  };
  const fail = (error: unknown) => {
    // A busy store passes in a moment; anything else is a bug, tried again a minute later rather than in a loop.
    if (!isStoreBusy(error)) deps.log.error('Matching an inquiry to its lead failed', { error });
    later(isStoreBusy(error) ? RETRY_MS : AFTER_FAILURE_MS);
  };
  const run = async () => {
    // Most runs find nothing pending (every workspace's open starts one): the first look awaits its answer.
    try {
      if (!(await deps.inquiries.hasPendingAsync())) return;
      await deps.inquiries.prepareMatching();
    } catch (error) {
      if (!stopped) fail(error);
      return;
    }
    while (!stopped) {
      await nextTurnOfEventLoop();
      // The answers come first: a match holds the event loop for tens of milliseconds, so it waits while webhook
      // requests are being read or answered. Matching catches up in the gaps between bursts.
      while (!isQuiet() && !stopped) await sleep(YIELD_MS);
      lastMatch = performance.now();
      let result: InquiryResult | null;
      try {
        result = deps.inquiries.processNextInquiry();
      } catch (error) {
        fail(error);
        return;
      }
      if (result === null) return;
      deps.onProcessed(result);
    }
  };
  // A kick during a run is kept: an inquiry accepted while the run's first look was out may not be in its answer.
  let kickedMeanwhile = false;
  const kick = () => {
    if (stopped) return;
    if (running !== null) {
      kickedMeanwhile = true;
      return;
    }
    kickedMeanwhile = false;
    running = run().finally(() => {
      running = null;
      if (kickedMeanwhile) kick();
    });
  };
  return {
    kick,
    track(delta) {
      inFlight = Math.max(0, inFlight + delta);
      lastActivity = performance.now();
    },
    async drain() {
      kick();
      while (running !== null) await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await running;
    },
  };
}
