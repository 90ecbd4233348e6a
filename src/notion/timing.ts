// Two small pieces of async plumbing for the workers: a sleep that can be cut short, and a one-at-a-time lock.

export interface Waiter {
  /** Sleeps `ms`, or less if woken. */
  wait(ms: number): Promise<void>;
  wake(): void;
}

export function buildWaiter(): Waiter {
  let wakeSleeper: (() => void) | null = null;
  // A wake that comes while nobody sleeps (the worker is busy) cuts the next sleep instead of getting lost.
  let wokenEarly = false;
  return {
    wait(ms) {
      if (wokenEarly) {
        wokenEarly = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakeSleeper = null;
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        wakeSleeper = done;
      });
    },
    wake() {
      if (wakeSleeper) wakeSleeper();
      else wokenEarly = true;
    },
  };
}

/** Runs the tasks given to it one after the other, so a manual run and the worker's own never overlap. */
export function serialize(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}
