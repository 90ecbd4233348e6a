// Payback: the month in which a cohort's cumulative attributed margin passed its cumulative spend.
//
//   realised   the first month M ≤ asOf's month from which cumulative margin of the deals won so far stays at or
//              above cumulative spend up to asOf's month ('paid-back');
//   projected  otherwise the first month from asOf's month on where won margin plus expected margin of open leads
//              (each landing in the month it is expected to close: conversion-chance.computeDaysToClose) reaches
//              cumulative spend ('projected'); none within PAYBACK_HORIZON_MONTHS after asOf's month: 'not-within'.
// Spend counts in the month it was booked for; margin = revenue × gross margin.

import { offsetAt, readLocalDateTime, readZoneClock, type TimeZoneInput, wallToInstantNear } from './local-time.js';
import type { Payback } from './types.js';

export const PAYBACK_HORIZON_MONTHS = 12;

/** Consecutive months from the one holding `from` to PAYBACK_HORIZON_MONTHS after the one holding `asOf`. */
export interface MonthLadder {
  keys: string[];
  starts: number[];
  /** End of the last month. */
  end: number;
  /** Index of asOf's month. */
  current: number;
  indexOfKey: ReadonlyMap<string, number>;
}

export function buildMonthLadder(from: number, asOf: number, zone: TimeZoneInput): MonthLadder {
  // One clock for the whole walk: each month reads the zone once or twice.
  const timeZone = readZoneClock(zone);
  const first = readLocalDateTime(Math.min(from, asOf), timeZone);
  const keys: string[] = [];
  const starts: number[] = [];
  let current = -1;
  let offset = offsetAt(Math.min(from, asOf), timeZone);
  for (let step = 0; ; step += 1) {
    const wall = Date.UTC(first.year, first.month - 1 + step, 1);
    const start = wallToInstantNear(wall, offset, timeZone);
    offset = wall - start;
    if (current === -1 && start > asOf) current = keys.length - 1;
    if (current !== -1 && keys.length - 1 - current >= PAYBACK_HORIZON_MONTHS) {
      return { keys, starts, end: start, current, indexOfKey: new Map(keys.map((key, index) => [key, index])) };
    }
    const date = new Date(wall);
    keys.push(`${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`);
    starts.push(start);
  }
}

/** The ladder index of the month holding `instant`; -1 before the first month, keys.length after the last. */
export function findMonthIndex(ladder: MonthLadder, instant: number): number {
  const { starts } = ladder;
  if (instant < starts[0]!) return -1;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= instant) low = middle;
    else high = middle - 1;
  }
  return instant >= ladder.end ? starts.length : low;
}

/** Per-month amounts of one cohort, on the ladder's months. */
export interface MonthlyAmounts {
  spend: Float64Array;
  won: Float64Array;
  expected: Float64Array;
}

export function buildMonthlyAmounts(ladder: MonthLadder): MonthlyAmounts {
  const size = ladder.keys.length;
  return { spend: new Float64Array(size), won: new Float64Array(size), expected: new Float64Array(size) };
}

function findRealisedPayback(amounts: MonthlyAmounts, ladder: MonthLadder, margin: number): number | null {
  let spent = 0;
  let earned = 0;
  let since: number | null = null;
  for (let m = 0; m <= ladder.current; m += 1) {
    spent += amounts.spend[m]!;
    earned += amounts.won[m]! * margin;
    if (spent > 0 && earned >= spent) since ??= m;
    else since = null;
  }
  return since;
}

export function computePayback(amounts: MonthlyAmounts, ladder: MonthLadder, margin: number): Payback {
  const total = amounts.spend.reduce((sum, amount) => sum + amount, 0);
  if (total <= 0) return { kind: 'no-spend' };
  const realised = findRealisedPayback(amounts, ladder, margin);
  if (realised !== null) return { kind: 'paid-back', month: ladder.keys[realised]! };
  let spent = 0;
  let earned = 0;
  for (let m = 0; m < ladder.keys.length; m += 1) {
    spent += amounts.spend[m]!;
    earned += (amounts.won[m]! + amounts.expected[m]!) * margin;
    if (m >= ladder.current && spent > 0 && earned >= spent) return { kind: 'projected', month: ladder.keys[m]! };
  }
  return { kind: 'not-within', months: PAYBACK_HORIZON_MONTHS };
}
