import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCredits, computeTouchPath, NO_CAMPAIGN } from '../../src/domain/attribution.js';
import { ATTRIBUTION_MODELS, type Touch } from '../../src/domain/types.js';
import { DAY, fakeLead, MONDAY } from './metrics-fixtures.js';

const touch = (source: string | null, campaign: string | null, day: number): Touch => ({
  source,
  campaign,
  at: MONDAY + day * DAY,
});

/** A lead first heard of us on thomasnet (spring-expo), then met linkedin, a webinar and google-ads. */
const journeyLead = fakeLead({
  source: 'thomasnet',
  campaign: 'spring-expo',
  // Stored out of order on purpose: the path must follow time.
  touches: [touch('webinar', 'q1-webinar', 20), touch('linkedin', null, 10), touch('google-ads', 'q4-google-ads', 30)],
});

const asObject = (credits: Map<string, number>) => Object.fromEntries(credits);

describe('computeTouchPath', () => {
  it('starts with the lead’s own source and campaign, then follows time', () => {
    expect(computeTouchPath(journeyLead).map((step) => step.source)).toEqual([
      'thomasnet',
      'linkedin',
      'webinar',
      'google-ads',
    ]);
  });

  it('ignores touches after the lead became a customer', () => {
    const won = { ...journeyLead, stage: 'customer' as const, stageDates: { customer: MONDAY + 25 * DAY } };
    expect(computeTouchPath(won).map((step) => step.source)).toEqual(['thomasnet', 'linkedin', 'webinar']);
  });
});

describe('computeCredits', () => {
  it('first touch gives everything to the lead’s own source', () => {
    expect(asObject(computeCredits(journeyLead, 'first-touch', 'source'))).toEqual({ thomasnet: 1 });
  });

  it('last touch gives everything to the latest touch', () => {
    expect(asObject(computeCredits(journeyLead, 'last-touch', 'source'))).toEqual({ 'google-ads': 1 });
  });

  it('linear shares equally and merges a source met twice', () => {
    const lead = fakeLead({ source: 'a', touches: [touch('b', null, 1), touch('a', null, 2), touch('c', null, 3)] });
    // 4 touches of 1/4: a twice → 0.5
    expect(asObject(computeCredits(lead, 'linear', 'source'))).toEqual({ a: 0.5, b: 0.25, c: 0.25 });
  });

  it('u-shaped gives 40% to first and last and spreads 20% over the middle', () => {
    const credits = computeCredits(journeyLead, 'u-shaped', 'source');
    // 4 touches: 0.4, 0.2/2 = 0.1, 0.1, 0.4
    expect(credits.get('thomasnet')).toBeCloseTo(0.4, 12);
    expect(credits.get('linkedin')).toBeCloseTo(0.1, 12);
    expect(credits.get('webinar')).toBeCloseTo(0.1, 12);
    expect(credits.get('google-ads')).toBeCloseTo(0.4, 12);
  });

  it('u-shaped with one or two touches splits 1 or 50/50', () => {
    expect(asObject(computeCredits(fakeLead({ source: 'a' }), 'u-shaped', 'source'))).toEqual({ a: 1 });
    const two = fakeLead({ source: 'a', touches: [touch('b', null, 1)] });
    expect(asObject(computeCredits(two, 'u-shaped', 'source'))).toEqual({ a: 0.5, b: 0.5 });
  });

  it('credits touches without a campaign to (none) on the campaign dimension', () => {
    // campaigns along the path: spring-expo, (none), q1-webinar, q4-google-ads → 1/4 each
    expect(asObject(computeCredits(journeyLead, 'linear', 'campaign'))).toEqual({
      'spring-expo': 0.25,
      [NO_CAMPAIGN]: 0.25,
      'q1-webinar': 0.25,
      'q4-google-ads': 0.25,
    });
    expect(asObject(computeCredits(fakeLead({ campaign: null }), 'first-touch', 'campaign'))).toEqual({
      [NO_CAMPAIGN]: 1,
    });
  });

  it('leaves campaign-only touches out of source credit', () => {
    const lead = fakeLead({ source: 'a', touches: [touch(null, 'spring-expo', 1), touch('b', null, 2)] });
    expect(asObject(computeCredits(lead, 'linear', 'source'))).toEqual({ a: 0.5, b: 0.5 });
  });

  it('always hands out exactly one lead’s worth of credit', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd');
    const arbitraryTouch = fc.record({
      source: fc.option(name, { nil: null }),
      campaign: fc.option(name, { nil: null }),
      at: fc.integer({ min: MONDAY - 10 * DAY, max: MONDAY + 400 * DAY }),
    });
    const arbitraryLead = fc.record({
      source: name,
      campaign: fc.option(name, { nil: null }),
      touches: fc.array(arbitraryTouch, { maxLength: 12 }),
      wonDay: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        arbitraryLead,
        fc.constantFrom(...ATTRIBUTION_MODELS),
        fc.constantFrom('source' as const, 'campaign' as const),
        ({ wonDay, ...fields }, model, dimension) => {
          const stageDates = wonDay === null ? {} : { customer: MONDAY + wonDay * DAY };
          const lead = fakeLead({ ...fields, stageDates, stage: wonDay === null ? 'lead' : 'customer' });
          const credits = [...computeCredits(lead, model, dimension).values()];
          const total = credits.reduce((sum, credit) => sum + credit, 0);
          expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
          expect(credits.every((credit) => credit > 0)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
