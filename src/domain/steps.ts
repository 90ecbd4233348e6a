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

/** Items a loop below handles between two steps: about a millisecond of simple work. */
export const ITEMS_PER_STEP = 4_096;

/** Calls `visit(i)` for every i in [0, count), in order, with a step after every ITEMS_PER_STEP. */
export function* forEachInSteps(count: number, visit: (i: number) => void): Steps<void> {
  for (let i = 0; i < count; i += 1) {
    visit(i);
    if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
  }
}

/** The items `keep` accepts, in order, with a step after every ITEMS_PER_STEP looked at. */
export function* filterInSteps<T>(items: readonly T[], keep: (item: T) => boolean): Steps<T[]> {
  const kept: T[] = [];
  yield* forEachInSteps(items.length, (i) => {
    const item = items[i]!;
    if (keep(item)) kept.push(item);
  });
  return kept;
}
