import { describe, expect, it } from 'vitest';
import { computeOwnLeadsInSteps, OWN_LEADS_LIMIT } from '../../src/domain/own-leads.js';
import { runAllSteps } from '../../src/domain/steps.js';
import { buildDummyLead } from '../fixtures/lead.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 10, 25, 12);
const daysAgo = (days: number) => AS_OF - days * DAY;

describe('computeOwnLeadsInSteps', () => {
  it('lists only the owner’s leads: missing a source newest first, stuck by how far past the usual time', () => {
    const leads = [
      buildDummyLead({ id: 'L1', company: 'Old Unknown', source: 'unknown', createdAt: daysAgo(5) }),
      buildDummyLead({ id: 'L2', company: 'New Unknown', source: 'unknown', createdAt: daysAgo(1) }),
      buildDummyLead({ id: 'L3', company: 'Not Mine', source: 'unknown', ownerId: 'U0OTHER', createdAt: daysAgo(2) }),
      buildDummyLead({ id: 'L4', company: 'Lost Unknown', source: 'unknown', stage: 'lost', createdAt: daysAgo(3) }),
      // At MQL for 20 days where 9 in 10 move on within 12: 8 days over.
      buildDummyLead({
        id: 'L5',
        company: 'Slow Mql',
        stage: 'mql',
        createdAt: daysAgo(40),
        stageDates: { mql: daysAgo(20) },
      }),
      // A lead for 50 days; usual 30 (no maturity given for lead): 20 days over, so first.
      buildDummyLead({ id: 'L6', company: 'Slow Lead', createdAt: daysAgo(50) }),
      // At SQL for 10 days where the usual is 15: not stuck.
      buildDummyLead({
        id: 'L7',
        company: 'Fine Sql',
        stage: 'sql',
        createdAt: daysAgo(30),
        stageDates: { sql: daysAgo(10) },
      }),
      // A customer is never stuck.
      buildDummyLead({
        id: 'L8',
        company: 'Won',
        stage: 'customer',
        createdAt: daysAgo(300),
        stageDates: { customer: daysAgo(200) },
      }),
    ];
    const own = runAllSteps(computeOwnLeadsInSteps(leads, 'U0REP1', AS_OF, { mql: 12, sql: 15 }));
    expect(own.withoutSource.map((lead) => lead.company)).toEqual(['New Unknown', 'Old Unknown']);
    expect(own.withoutSourceCount).toBe(2);
    expect(own.stuck.map((lead) => [lead.company, lead.days, lead.usualDays])).toEqual([
      ['Slow Lead', 50, 30],
      ['Slow Mql', 20, 12],
    ]);
    expect(own.stuckCount).toBe(2);
  });

  it('shows at most OWN_LEADS_LIMIT of each list and counts the rest', () => {
    const leads = Array.from({ length: OWN_LEADS_LIMIT + 3 }, (_, i) =>
      buildDummyLead({ id: `L${i}`, company: `Co ${i}`, source: 'unknown', createdAt: daysAgo(40 + i) }),
    );
    const own = runAllSteps(computeOwnLeadsInSteps(leads, 'U0REP1', AS_OF, {}));
    expect(own.withoutSource).toHaveLength(OWN_LEADS_LIMIT);
    expect(own.withoutSourceCount).toBe(OWN_LEADS_LIMIT + 3);
    expect(own.stuckCount).toBe(OWN_LEADS_LIMIT + 3);
    expect(own.stuck[0]?.company).toBe(`Co ${OWN_LEADS_LIMIT + 2}`);
  });
});
