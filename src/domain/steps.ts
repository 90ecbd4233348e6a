// Long computations written as generators: each `yield` marks a point where the caller may pause. Metrics over 100k
// leads take tens of milliseconds; a Slack handler runs them a step per turn of the event loop, so requests arriving
// meanwhile are acked in between, while tests and digests simply run every step at once.

/** A computation done in steps; its value comes with the last one. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the value. */
export function runAllSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
