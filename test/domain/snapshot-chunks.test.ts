// Sums kept per chunk of leads and the patched funnel timeline must give what a fresh computation over the new
// snapshot gives: the same data without a memo (computed from nothing kept) is the oracle.

import { describe, expect, it } from 'vitest';
import { computeFunnelCountsByCampaign } from '../../src/domain/funnel.js';
import { computeCampaignCard, computeRoiRows } from '../../src/domain/roi.js';
import { createSnapshot, patchSnapshot, type Snapshot } from '../../src/domain/snapshot.js';
import { LEADS_PER_CHUNK } from '../../src/domain/snapshot-chunks.js';
import { computeFunnelTimeline } from '../../src/domain/timeline.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Lead, type Period } from '../../src/domain/types.js';
import { DAY, fakeJourney, fakeSpend } from './metrics-fixtures.js';

const day = (date: number) => Date.UTC(2026, 0, date);
const january: Period = { key: '2026-01', label: 'January 2026', start: day(1), end: Date.UTC(2026, 1, 1) };
const allTime: Period = { key: 'all', label: 'all time', start: -Infinity, end: Infinity };
const settings = DEFAULT_METRIC_SETTINGS;

/** 2½ chunks of leads: every third one at spring-expo, every seventh won on Jan 20 for 1,000. */
function buildLeads(): Lead[] {
  return Array.from({ length: LEADS_PER_CHUNK * 2 + LEADS_PER_CHUNK / 2 }, (_, i) =>
    fakeJourney(day(1 + (i % 28)), i % 7 === 0 ? { mql: 1, customer: 20 - (i % 28) } : {}, {
      source: i % 2 === 0 ? 'trade-show' : 'google-ads',
      campaign: i % 3 === 0 ? 'spring-expo' : 'q1-ads',
      value: 1_000,
    }),
  );
}

const spend = [fakeSpend({ campaign: 'spring-expo', amount: 10_000, category: 'event' })];

/** Every figure of the ROI answers, for comparing two snapshots' answers as a whole. */
function computeAnswers(data: Dataset | Snapshot) {
  const memo = 'memo' in data ? data.memo.leadsMemo : undefined;
  return {
    byCampaign: computeRoiRows(data, january, settings, 'first-touch', 'campaign'),
    bySource: computeRoiRows(data, allTime, settings, 'linear', 'source'),
    card: computeCampaignCard(data, 'spring-expo', allTime, settings, 'first-touch'),
    funnels: [...computeFunnelCountsByCampaign(data.leads, january, memo)],
  };
}

describe('a snapshot patched from the one before', () => {
  it('gives the answers of a fresh computation, and keeps the chunks nobody changed', () => {
    const leads = buildLeads();
    const before = createSnapshot({ leads, spend, targets: [] }, 1);
    const earlier = computeAnswers(before);
    const won = LEADS_PER_CHUNK + 1; // i = 2001 is in the second chunk, at spring-expo (2001 = 3 × 667)
    const next = leads.slice();
    next[won] = { ...leads[won]!, stage: 'customer', value: 5_000, stageDates: { mql: day(10), customer: day(10) } };
    const added = next.push(fakeJourney(day(12), {}, { source: 'referral', campaign: 'spring-expo' })) - 1;
    const after = patchSnapshot(before, { leads: next, spend, targets: [] }, [won, added]);

    expect(after.version).toBe(2);
    const [first, second, third] = after.memo.leadsMemo.chunks;
    expect(first).toBe(before.memo.leadsMemo.chunks[0]);
    expect(first!.sums.size).toBeGreaterThan(0);
    expect(second).not.toBe(before.memo.leadsMemo.chunks[1]);
    expect(third).not.toBe(before.memo.leadsMemo.chunks[2]);

    const answers = computeAnswers(after);
    expect(answers).toEqual(computeAnswers({ leads: next, spend, targets: [] }));
    // The won lead adds 5,000 of January revenue and one customer to spring-expo.
    const expo = (one: typeof answers) => one.byCampaign.find((row) => row.key === 'spring-expo')!;
    expect(expo(answers).revenue - expo(earlier).revenue).toBe(5_000);
    expect(expo(answers).customers - expo(earlier).customers).toBe(1);
    expect(answers.card.funnel[0]!.reached - earlier.card.funnel[0]!.reached).toBe(1);
    // The earlier snapshot still answers as it did.
    expect(computeAnswers(before)).toEqual(earlier);
  });

  it('lays out the funnel timeline of the changed positions only, as a fresh layout would', () => {
    const leads = buildLeads();
    const before = createSnapshot({ leads, spend, targets: [] });
    computeFunnelTimeline(leads, before.memo.leadsMemo);
    const next = leads.slice();
    next[3] = { ...leads[3]!, stage: 'sql', stageDates: { mql: day(2), sql: day(3) } };
    next[10] = { ...leads[10]!, stage: 'lost', lostFrom: 'lead', stageDates: { lost: day(9) + DAY } };
    const after = patchSnapshot(before, { leads: next, spend, targets: [] }, [3, 10]);
    expect(after.memo.leadsMemo.timelinePatch?.base).toBe(before.memo.leadsMemo.timeline);
    const patched = computeFunnelTimeline(next, after.memo.leadsMemo);
    const fresh = computeFunnelTimeline(next);
    expect(patched.reached).toEqual(fresh.reached);
    expect(patched.at).toEqual(fresh.at);
    expect(patched.reached[3]).toBe(2); // SQL
    // Kept on the new snapshot; the earlier timeline is let go with the earlier snapshot.
    expect(computeFunnelTimeline(next, after.memo.leadsMemo)).toBe(patched);
    expect(after.memo.leadsMemo.timelinePatch).toBeNull();
    expect(computeFunnelTimeline(leads, before.memo.leadsMemo).reached[3]).toBe(0);
  });

  it('reuses nothing per lead after a removal, and everything when only plans changed', () => {
    const leads = buildLeads();
    const before = createSnapshot({ leads, spend, targets: [] });
    computeFunnelTimeline(leads, before.memo.leadsMemo);
    const removed = patchSnapshot(before, { leads: leads.slice(1), spend, targets: [] }, null);
    expect(removed.memo.leadsMemo.chunks[0]).not.toBe(before.memo.leadsMemo.chunks[0]);
    expect(removed.memo.leadsMemo.timelinePatch).toBeNull();
    expect(computeFunnelTimeline(removed.leads, removed.memo.leadsMemo).reached.length).toBe(leads.length - 1);
    const replanned = patchSnapshot(before, { leads, spend: [], targets: [] }, []);
    expect(replanned.memo.leadsMemo).toBe(before.memo.leadsMemo);
    expect(replanned.memo.values).not.toBe(before.memo.values);
  });
});
