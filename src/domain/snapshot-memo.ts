// Figures computed from one Dataset, kept while that dataset lives. A Dataset is a snapshot: the store hands out a
// new object (with new arrays) whenever anything changes, so a figure computed from it stays true for as long as the
// object exists. Twenty people asking `/roi spring-expo` between two changes then cost one computation, not twenty —
// also while it is still under way: a computation done in steps is shared, and whoever waits for it moves it on.

import type { Steps } from './steps.js';
import type { Dataset, Lead, Spend } from './types.js';

interface DatasetMemo {
  leads: readonly Lead[];
  spend: readonly Spend[];
  leadCount: number;
  spendCount: number;
  values: Map<string, SharedComputation<unknown>>;
}

/** A computation of one key: its steps until it is done, then its value (or the error it ended with). */
interface SharedComputation<T> {
  steps: Steps<T>;
  result?: { value: T };
  failure?: { error: unknown };
}

/** Distinct questions kept per snapshot; trailing periods (`last-30d` ends now) make new keys on every ask. */
const MAX_VALUES = 64;

const memos = new WeakMap<Dataset, DatasetMemo>();

/** Whether the dataset still holds what it held when the memo was made (a cheap guard against arrays grown in place). */
function isSameSnapshot(memo: DatasetMemo, data: Dataset): boolean {
  return (
    memo.leads === data.leads &&
    memo.spend === data.spend &&
    memo.leadCount === data.leads.length &&
    memo.spendCount === data.spend.length
  );
}

function readMemo(data: Dataset): DatasetMemo {
  let memo = memos.get(data);
  if (!memo || !isSameSnapshot(memo, data)) {
    const { leads, spend } = data;
    memo = { leads, spend, leadCount: leads.length, spendCount: spend.length, values: new Map() };
    memos.set(data, memo);
  }
  return memo;
}

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
 * The value `compute` gives for this dataset and `key`, computed (in steps) once per snapshot. The key must name
 * every input other than the dataset (period bounds, model, settings). Callers must not mutate what comes back.
 */
export function* computeOncePerSnapshotInSteps<T>(data: Dataset, key: string, compute: () => Steps<T>): Steps<T> {
  const { values } = readMemo(data);
  let computation = values.get(key) as SharedComputation<T> | undefined;
  if (!computation || computation.failure) {
    computation = { steps: compute() };
    if (values.size >= MAX_VALUES) values.clear();
    values.set(key, computation);
  }
  while (!advance(computation)) yield;
  return computation.result!.value;
}
