// Lead, spend and target factories for the metric tests (H2). Defaults are dull on purpose: each test overrides
// exactly what it is about.

import type { FunnelStage, Lead, Spend, Target } from '../../src/domain/types.js';
import { buildDummyLead } from '../fixtures/lead.js';

export const DAY = 86_400_000;
/** Monday 2026-01-05 00:00 UTC. */
export const MONDAY = Date.UTC(2026, 0, 5);

let nextId = 0;

export function fakeLead(overrides: Partial<Lead> = {}): Lead {
  nextId += 1;
  return buildDummyLead({
    id: `lead-${nextId}`,
    company: `Company ${nextId}`,
    ownerId: 'U1',
    ownerName: 'Ana',
    createdAt: MONDAY,
    ...overrides,
  });
}

type LaterStage = Exclude<FunnelStage, 'lead'>;
const LATER_STAGES: readonly LaterStage[] = ['mql', 'sql', 'opportunity', 'customer'];

/**
 * A lead that went down the funnel: `days` says how many days after creation each stage was reached (a skipped stage
 * gets the same day as the stage that skipped it). `lostDay` makes it lost from the last stage reached.
 */
export function fakeJourney(
  createdAt: number,
  days: Partial<Record<LaterStage, number>>,
  overrides: Partial<Lead> & { lostDay?: number } = {},
): Lead {
  const { lostDay, ...rest } = overrides;
  const stageDates: Lead['stageDates'] = {};
  let stage: FunnelStage = 'lead';
  for (const later of LATER_STAGES) {
    const day = days[later];
    if (day === undefined) continue;
    stageDates[later] = createdAt + day * DAY;
    stage = later;
  }
  // Fill skipped stages with the date of the move that skipped them, as the store does.
  for (let index = LATER_STAGES.length - 2; index >= 0; index -= 1) {
    const later = LATER_STAGES[index]!;
    const next = stageDates[LATER_STAGES[index + 1]!];
    if (stageDates[later] === undefined && next !== undefined) stageDates[later] = next;
  }
  const lost = lostDay === undefined ? {} : { stage: 'lost' as const, lostFrom: stage };
  if (lostDay !== undefined) stageDates.lost = createdAt + lostDay * DAY;
  return fakeLead({ createdAt, stageDates, stage, ...lost, ...rest });
}

let nextSpendId = 0;

export function fakeSpend(overrides: Partial<Spend> = {}): Spend {
  nextSpendId += 1;
  return {
    id: `spend-${nextSpendId}`,
    campaign: null,
    source: null,
    month: '2026-01',
    amount: 0,
    category: 'media',
    updatedAt: MONDAY,
    ...overrides,
  };
}

export function fakeTarget(overrides: Partial<Target> = {}): Target {
  return {
    id: `target-${overrides.month}-${overrides.stage}`,
    month: '2026-01',
    stage: 'mql',
    count: null,
    rate: null,
    updatedAt: MONDAY,
    ...overrides,
  };
}
