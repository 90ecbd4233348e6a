// Figures computed from one snapshot, kept on its memo (snapshot.ts) while the snapshot lives: a figure computed
// from it stays true for as long as it exists. Twenty people asking `/roi spring-expo` between two changes then cost
// one computation, not twenty — also while it is still under way: a computation done in steps is shared, and whoever waits for it moves it on.

import { readSnapshotMemo } from './snapshot.js';
import type { Steps } from './steps.js';
import type { Dataset } from './types.js';

/** A computation of one key: its steps until it is done, then its value (or the error it ended with). */
export interface SharedComputation<T> {
  steps: Steps<T>;
  result?: { value: T };
  failure?: { error: unknown };
}

/** Distinct questions kept per snapshot; trailing periods (`last-30d` ends now) make new keys on every ask. */
const MAX_VALUES = 64;

/** Moves the shared computation on by one step; true once it is done. */
function advance<T>(computation: SharedComputation<T>): boolean {
  if (computation.failure) throw computation.failure.error;
  if (computation.result) return true;
  try {
    const step = computation.steps.next();
    if (step.done) computation.result = { value: step.value };
    return step.done === true;
  } catch (error) {
    computation.failure = { error };
    throw error;
  }
}

/**
 * The value `compute` gives for this snapshot and `key`, computed (in steps) once per snapshot; for a Dataset built by
 * hand, once per call. The key must name every input other than the dataset (period bounds, model, settings).
 * Callers must not mutate what comes back.
 */
export function* computeOncePerSnapshotInSteps<T>(data: Dataset, key: string, compute: () => Steps<T>): Steps<T> {
  const { values } = readSnapshotMemo(data);
  let computation = values.get(key) as SharedComputation<T> | undefined;
  if (!computation || computation.failure) {
    computation = { steps: compute() };
    if (values.size >= MAX_VALUES) values.clear();
    values.set(key, computation);
  }
  while (!advance(computation)) yield;
  return computation.result!.value;
}
