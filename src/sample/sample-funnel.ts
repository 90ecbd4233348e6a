// How a sample lead travels the funnel: conversion chances, realistic B2B lags, losses with reasons, deal values,
// and the one planted leak (google-ads SQLs of the last 90 days rarely become opportunities).

import {
  FUNNEL_STAGES,
  type FunnelStage,
  type Stage,
  type StageDates,
  TRANSITIONS,
  type TransitionFrom,
} from '../domain/types.js';
import type { Random } from './random.js';
import { DAY_MS } from './sample-calendar.js';
import { LOST_REASONS } from './sample-names.js';

/** Chance of reaching the next stage, for a lead that reached `from`. */
export const SAMPLE_RATES: Record<TransitionFrom, number> = { lead: 0.65, mql: 0.6, sql: 0.68, opportunity: 0.4 };
/** Of the leads that do not convert, the share someone marks Lost (the others just go quiet). */
const LOST_SHARE: Record<TransitionFrom, number> = { lead: 0.35, mql: 0.5, sql: 0.6, opportunity: 0.9 };
/** Referrals close better; leads nobody knows the source of are a little colder. */
const SOURCE_LIFT: Record<string, number> = { referral: 1.2, 'trade-show': 1.05, unknown: 0.95 };
/** The planted leak: google-ads SQLs from the last LEAK_DAYS convert at a third of the normal rate. */
export const LEAK_SOURCE = 'google-ads';
export const LEAK_DAYS = 90;
const LEAK_FACTOR = 1 / 3;
const SKIP_MQL_CHANCE = 0.06;
const TYPICAL_DEAL = 25_000;

/** Days from reaching `from` to reaching the next stage. */
function drawLagDays(from: TransitionFrom, random: Random): number {
  switch (from) {
    case 'lead':
      return Math.min(12, 0.1 - 2 * Math.log(1 - random.next()));
    case 'mql':
      return random.between(7, 21);
    case 'sql':
      return 5 + 25 * random.next() ** 1.3;
    case 'opportunity':
      return random.between(30, 90);
  }
}

export interface SampleJourney {
  stage: Stage;
  stageDates: StageDates;
  lostFrom: FunnelStage | null;
  lostReason: string | null;
  value: number | null;
}

export function drawDealValue(random: Random): number {
  return Math.round(Math.exp(Math.log(TYPICAL_DEAL) + 0.6 * random.normal()) / 100) * 100;
}

function conversionRate(from: TransitionFrom, source: string, reachedAt: number, asOf: number): number {
  const leak = from === 'sql' && source === LEAK_SOURCE && reachedAt >= asOf - LEAK_DAYS * DAY_MS;
  return Math.min(0.95, SAMPLE_RATES[from] * (SOURCE_LIFT[source] ?? 1) * (leak ? LEAK_FACTOR : 1));
}

/** Walks a lead created at `createdAt` through the funnel until it stalls, is lost, or reaches asOf. */
export function drawJourney(random: Random, source: string, createdAt: number, asOf: number): SampleJourney {
  const stageDates: StageDates = {};
  let stage: FunnelStage = 'lead';
  let reachedAt = createdAt;
  let lost: { at: number; reason: string } | null = null;
  for (const from of TRANSITIONS) {
    const to = FUNNEL_STAGES[FUNNEL_STAGES.indexOf(from) + 1] as Exclude<FunnelStage, 'lead'>;
    const converts = random.chance(conversionRate(from, source, reachedAt, asOf));
    const at = Math.floor(reachedAt + drawLagDays(from, random) * (converts ? 1 : 1.3) * DAY_MS);
    if (at >= asOf) break;
    if (!converts) {
      if (random.chance(LOST_SHARE[from])) {
        lost = { at, reason: random.pick(LOST_REASONS[from === 'lead' || from === 'mql' ? 'early' : 'late']) };
      }
      break;
    }
    stageDates[to] = at;
    stage = to;
    reachedAt = at;
  }
  if (stageDates.sql !== undefined && random.chance(SKIP_MQL_CHANCE)) stageDates.mql = stageDates.sql;
  const value = drawJourneyValue(random, stage);
  if (!lost) return { stage, stageDates, lostFrom: null, lostReason: null, value };
  stageDates.lost = lost.at;
  return { stage: 'lost', stageDates, lostFrom: stage, lostReason: lost.reason, value };
}

/** Opportunities carry an expected deal value, customers the won one, some SQLs an early estimate. */
function drawJourneyValue(random: Random, stage: FunnelStage): number | null {
  if (stage === 'customer') return Math.round((drawDealValue(random) * random.between(0.85, 1.1)) / 100) * 100;
  if (stage === 'opportunity' || (stage === 'sql' && random.chance(0.3))) return drawDealValue(random);
  return null;
}
