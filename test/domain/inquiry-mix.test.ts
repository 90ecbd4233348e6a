import { describe, expect, it } from 'vitest';
import { computeInquiryMix } from '../../src/domain/inquiry-mix.js';
import { applyTrackedSource, decideAttributionBasis, resolveTrackedSource } from '../../src/domain/inquiry-sources.js';
import type { Inquiry, Lead, Period, TrackingNumber } from '../../src/domain/types.js';
import { buildDummyLead } from '../fixtures/lead.js';

const NOV: Period = {
  key: '2026-11',
  label: 'November 2026',
  start: Date.UTC(2026, 10, 1),
  end: Date.UTC(2026, 11, 1),
};
const day = (d: number) => Date.UTC(2026, 10, d, 10);

function lead(id: string, fields: Partial<Lead>): Lead {
  return buildDummyLead({ id, createdAt: day(3), source: 'unknown', ...fields });
}

function inquiry(id: string, leadId: string, fields: Partial<Inquiry> = {}): Inquiry {
  return {
    id,
    leadId,
    receivedAt: day(3),
    channel: 'phone',
    createdLead: true,
    trackedSource: null,
    trackedCampaign: null,
    ...fields,
  };
}

describe('computeInquiryMix on a hand-computed month', () => {
  // Thomasnet-tracked: 4 answered, 3 said Thomasnet (75%); Google-Ads-tracked: 2 answered, 0 agree (0%); one
  // tracked lead unanswered and one rep-logged lead (no tracking) are not in the table.
  const leads = [
    lead('L-1', { source: 'thomasnet', trackedSource: 'thomasnet', reportedSource: 'thomasnet' }),
    lead('L-2', { source: 'thomasnet', trackedSource: 'thomasnet', reportedSource: 'thomasnet' }),
    lead('L-3', { source: 'thomasnet', trackedSource: 'thomasnet', reportedSource: 'thomasnet' }),
    lead('L-4', { source: 'referral', trackedSource: 'thomasnet', reportedSource: 'referral', channel: 'web-form' }),
    lead('L-5', { source: 'trade-show', trackedSource: 'google-ads', reportedSource: 'trade-show' }),
    lead('L-6', { source: 'referral', trackedSource: 'google-ads', reportedSource: 'referral', channel: 'email' }),
    lead('L-7', { source: 'google-ads', trackedSource: 'google-ads' }),
    lead('L-8', { source: 'linkedin', channel: 'email' }),
    lead('L-9', { source: 'unknown' }),
    // Created in October: outside the month.
    lead('L-0', { createdAt: Date.UTC(2026, 9, 30), trackedSource: 'thomasnet', reportedSource: 'referral' }),
  ];
  // L-1…L-7 came through the webhook (channels as on the leads), plus a repeat call from L-1 on Nov 20; L-8 and L-9
  // were logged by reps.
  const inquiries = [
    ...leads.slice(0, 7).map((l) => inquiry(`q-${l.id}`, l.id, { channel: l.channel })),
    inquiry('q-repeat', 'L-1', { createdLead: false, receivedAt: day(20) }),
    inquiry('q-old', 'L-0', { receivedAt: Date.UTC(2026, 9, 30) }),
  ];

  const mix = computeInquiryMix(leads, inquiries, NOV);

  it('gives agreement per tracked source and overall', () => {
    expect(mix.agreement).toEqual([
      { source: 'thomasnet', both: 4, agree: 3, rate: 0.75 },
      { source: 'google-ads', both: 2, agree: 0, rate: 0 },
    ]);
    expect(mix.both).toBe(6);
    expect(mix.agree).toBe(3);
    expect(mix.agreementRate).toBe(0.5);
  });

  it('counts inquiries by channel: 8 webhook inquiries (one a repeat) + 2 rep-logged leads', () => {
    // phone: L-1, L-2, L-3, L-5, L-7, repeat, L-9 = 7; email: L-6, L-8 = 2; web-form: L-4 = 1; total 10.
    expect(mix.inquiries).toBe(10);
    expect(mix.channels).toEqual([
      { channel: 'phone', count: 7, share: 0.7 },
      { channel: 'email', count: 2, share: 0.2 },
      { channel: 'web-form', count: 1, share: 0.1 },
    ]);
  });

  it('says which source attribution used for each new lead', () => {
    expect(mix.basis).toEqual({ said: 6, tracked: 1, logged: 1, unknown: 1 });
  });
});

describe('tracked source', () => {
  const numbers: TrackingNumber[] = [
    { id: 'N-000002', number: '+15550102000', campaign: 'other-expo', source: null, updatedAt: 0 },
    { id: 'N-000001', number: '+15550102000', campaign: 'spring-expo', source: 'trade-show', updatedAt: 0 },
  ];

  it('takes the number mapping first (oldest mapping of a number), then catalog UTM values', () => {
    const input = { trackingNumber: '+15550102000', utmSource: 'google', utmCampaign: 'q4' };
    expect(resolveTrackedSource(input, numbers)).toEqual({
      source: 'trade-show',
      campaign: 'spring-expo',
      via: 'number',
      unmappedNumber: false,
    });
    expect(resolveTrackedSource({ ...input, trackingNumber: '+15550109999' }, numbers)).toEqual({
      source: 'google-ads',
      campaign: 'q4',
      via: 'utm',
      unmappedNumber: true,
    });
  });

  it('never makes an unknown UTM word into a source', () => {
    const input = { trackingNumber: null, utmSource: 'facebook-story', utmCampaign: null };
    expect(resolveTrackedSource(input, numbers)).toEqual({
      source: null,
      campaign: null,
      via: null,
      unmappedNumber: false,
    });
  });

  it('sets the Source of a lead without one, and makes a second tracked source a touch', () => {
    const fresh = buildDummyLead({ source: 'unknown' });
    const tracked = { source: 'thomasnet', campaign: 'spring-expo', via: 'number' as const, unmappedNumber: false };
    const first = applyTrackedSource(fresh, tracked, day(5));
    expect(first).toMatchObject({ source: 'thomasnet', campaign: 'spring-expo', trackedSource: 'thomasnet' });
    expect(decideAttributionBasis(first)).toBe('tracked');
    const second = applyTrackedSource(first, { ...tracked, source: 'google-ads', campaign: null }, day(6));
    expect(second.trackedSource).toBe('thomasnet');
    expect(second.touches).toEqual([{ source: 'google-ads', campaign: null, at: day(6) }]);
  });
});
