// Hand-built funnels for the leak-alert tests, worked out so the numbers can be read off:
//
// - Every conversion Lead → MQL takes exactly 5 days, so Lead → MQL leads are mature 5 days after they were created.
// - 20 old customers (about 11 months ago, $10,000 each) give the money a value; they sit before every window.
// - Baseline: 100 leads 125–245 days before T0, half of them MQL 5 days later: the expected rate is 50%.
// - The judged window holds 100 normal leads (15–85 days old, half converted): 50% — no leak.
// - The planted drop: 100 leads created all at DROP_AT, none converted. They turn mature half an hour after T0, so the
//   check at T0 sees 50 of 100 and the one at T0 + 1 h sees 50 of 200 = 25% (95% CI 20%–31%) below 50%: a leak.
//   90 of them came from trade shows and 10 from a source named `<!channel>` (as a Notion row could say).

import type { Lead } from '../../src/domain/types.js';
import { loadSample } from '../../src/sample/generate.js';
import type { StoreServices } from '../../src/store/index.js';
import { buildDummyLead } from '../fixtures/lead.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Tuesday Nov 24, 2026 10:00 UTC, on the hour. */
export const T0 = Date.UTC(2026, 10, 24, 10);
export const HOUR = 3_600_000;
export const CONVERSION_DAYS = 5;
/** When the planted drop's leads were created: mature at T0 + 30 minutes. */
export const DROP_AT = T0 - CONVERSION_DAYS * DAY + 30 * MINUTE;
export const HOSTILE_SOURCE = '<!channel>';

let counter = 0;

function buildLead(createdAt: number, converted: boolean, source: string, extra: Partial<Lead> = {}): Lead {
  counter += 1;
  const mql = createdAt + CONVERSION_DAYS * DAY;
  return buildDummyLead({
    id: `L-${String(counter).padStart(6, '0')}`,
    company: `Fixture Company ${counter}`,
    source,
    createdAt,
    updatedAt: converted ? mql : createdAt,
    ...(converted ? { stage: 'mql', stageDates: { mql } } : {}),
    ...extra,
  });
}

function buildOldCustomers(): Lead[] {
  return Array.from({ length: 20 }, (_, i) => {
    const createdAt = T0 - (330 - i) * DAY;
    const mql = createdAt + CONVERSION_DAYS * DAY;
    const won = createdAt + 20 * DAY;
    const stageDates = { mql, sql: won, opportunity: won, customer: won };
    return buildLead(createdAt, true, 'referral', { stage: 'customer', stageDates, value: 10_000, updatedAt: won });
  });
}

/** 100 baseline leads, 125–245 days before T0; `converting` of every 10 became MQL. */
function buildBaseline(converting: number): Lead[] {
  return Array.from({ length: 100 }, (_, i) =>
    buildLead(T0 - 245 * DAY + i * 1.2 * DAY, i % 10 < converting, 'thomasnet'),
  );
}

/** The planted drop on a normal funnel: see the header. */
export function buildPlantedDrop(): Lead[] {
  const normal = Array.from({ length: 100 }, (_, i) =>
    buildLead(T0 - 85 * DAY + i * 0.7 * DAY, i % 2 === 0, 'thomasnet'),
  );
  const drop = Array.from({ length: 100 }, (_, i) => buildLead(DROP_AT, false, i < 90 ? 'trade-show' : HOSTILE_SOURCE));
  return [...buildOldCustomers(), ...buildBaseline(5), ...normal, ...drop];
}

/**
 * 1 of 4: against a 60% baseline, the judged window holds just 4 leads (created at DROP_AT, mature from T0 + 30
 * minutes), one of which became an MQL 2 days later. 25% looks far below 60%, but its 95% interval (5%–70%) is not.
 */
export function buildOneOfFour(): Lead[] {
  const four = [0, 1, 2, 3].map((k) =>
    k === 0
      ? buildLead(DROP_AT, false, 'directory', { stage: 'mql', stageDates: { mql: DROP_AT + 2 * DAY } })
      : buildLead(DROP_AT, false, 'directory'),
  );
  return [...buildOldCustomers(), ...buildBaseline(6), ...four];
}

export function loadLeads(services: StoreServices, leads: readonly Lead[]): void {
  loadSample(services.store, { leads, spend: [], targets: [] });
}

/** The ids of the planted drop's leads (the last 100). */
export function listDropIds(leads: readonly Lead[]): string[] {
  return leads.slice(-100).map((lead) => lead.id);
}
