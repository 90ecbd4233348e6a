// Acks before background work. Slack gives every request 3 s to be acked, and a process shares its one event loop
// between requests waiting for their ack and work done in steps: the pieces of a workspace's open in distribution
// mode (its leads built after its read, its company names) and the pieces of commands' work once they are acked
// (commands/respond.ts). Each step is a few milliseconds, but a burst from closed workspaces starts about ten opens,
// and an ack whose request needs several turns (its body, its installation read, the routing) waited behind one step
// of each at every turn.
//
// So the HTTP receiver counts each Slack request from its arrival until it is answered, or until the request itself
// waits for background work (a command acked while its workspace opens is answered; any other request says so with
// the release its context carries). A background step that comes due while any request is counted waits until none
// is, for at most MAX_WAIT_MS at a time: a steady stream of requests slows the opens, never stops them.

import { setImmediate as nextTurn } from 'node:timers/promises';

/** The longest a background step waits for requests to be answered before it takes its turn anyway. */
export const MAX_WAIT_MS = 50;

let unanswered = 0;
let held = 0;
const waiting = new Set<() => void>();

/** Counts a request as waiting for its answer; the returned release (safe to call more than once) ends the count. */
export function holdForRequest(): () => void {
  unanswered += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    unanswered -= 1;
    if (unanswered === 0) resumeBackground();
  };
}

/** Where a Slack request's context carries its release (set by the HTTP receiver). */
export const RELEASE_KEY = 'roiRunwayReleaseBackground';

/** Ends a request's hold, as it starts waiting for background work itself (a workspace opening, its names). */
export function releaseForBackground(context: Record<string, unknown>): void {
  const release = context[RELEASE_KEY];
  if (typeof release === 'function') release();
}

/** How many requests are waiting for their answer, and how many background turns have waited for one so far. */
export function readBackgroundHolds(): { requestsWaiting: number; turnsHeld: number } {
  return { requestsWaiting: unanswered, turnsHeld: held };
}

/**
 * A background step's turn: the event loop runs what is queued first; then, while a request waits for its answer, the
 * step waits too (up to MAX_WAIT_MS).
 */
export async function backgroundTurn(): Promise<void> {
  await nextTurn();
  if (unanswered === 0) return;
  held += 1;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, MAX_WAIT_MS);
    function done() {
      clearTimeout(timer);
      waiting.delete(done);
      resolve();
    }
    waiting.add(done);
  });
}

function resumeBackground(): void {
  for (const resume of [...waiting]) resume();
}
