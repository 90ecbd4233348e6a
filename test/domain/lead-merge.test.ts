import { describe, expect, it } from 'vitest';
import { computeMergedLead } from '../../src/domain/lead-merge.js';
import { buildDummyLead } from '../fixtures/lead.js';

const day = (date: number) => Date.UTC(2026, 10, date, 12);
const NOW = day(25);

describe('computeMergedLead', () => {
  it('keeps the survivor’s id, name and owner, the earliest creation and the first source, and both leads’ touches', () => {
    const older = buildDummyLead({
      id: 'L-000007',
      company: 'Northgate Robotcs',
      source: 'thomasnet',
      campaign: 'spring-expo',
      channel: 'email',
      ownerId: 'U0DAVE',
      ownerName: 'dave',
      createdAt: day(2),
      touches: [{ source: 'webinar', campaign: null, at: day(6) }],
    });
    const survivor = buildDummyLead({
      id: 'L-000003',
      company: 'Northgate Robotics',
      source: 'linkedin',
      campaign: null,
      createdAt: day(4),
      touches: [{ source: null, campaign: 'fall-mailer', at: day(5) }],
    });

    const merged = computeMergedLead(survivor, older, NOW);

    expect(merged).toMatchObject({
      id: 'L-000003',
      company: 'Northgate Robotics',
      ownerId: 'U0REP1',
      createdAt: day(2),
      source: 'thomasnet',
      campaign: 'spring-expo',
      channel: 'email',
      updatedAt: NOW,
    });
    // The survivor's own source (LinkedIn, at its creation) becomes a touch; every touch once, oldest first.
    expect(merged.touches).toEqual([
      { source: 'linkedin', campaign: null, at: day(4) },
      { source: null, campaign: 'fall-mailer', at: day(5) },
      { source: 'webinar', campaign: null, at: day(6) },
    ]);
  });

  it('takes the other lead’s source and campaign when the first lead’s source is unknown', () => {
    const first = buildDummyLead({ id: 'L-000001', source: 'unknown', createdAt: day(1) });
    const second = buildDummyLead({ id: 'L-000002', source: 'referral', campaign: 'fall-mailer', createdAt: day(3) });

    const merged = computeMergedLead(first, second, NOW);

    expect(merged).toMatchObject({ source: 'referral', campaign: 'fall-mailer', touches: [] });
  });

  it('keeps a later lead’s campaign as a touch, not as the first campaign', () => {
    const first = buildDummyLead({ id: 'L-000001', source: 'thomasnet', campaign: null, createdAt: day(1) });
    const second = buildDummyLead({ id: 'L-000002', source: 'linkedin', campaign: 'fall-mailer', createdAt: day(3) });

    const merged = computeMergedLead(second, first, NOW);

    expect(merged).toMatchObject({
      id: 'L-000002',
      source: 'thomasnet',
      campaign: null,
      touches: [{ source: 'linkedin', campaign: 'fall-mailer', at: day(3) }],
    });
  });

  it('takes the furthest stage with its value, and the earliest date of every stage reached', () => {
    const survivor = buildDummyLead({
      id: 'L-000001',
      stage: 'mql',
      stageDates: { mql: day(9) },
      value: 5_000,
      contact: null,
      notes: 'wants a quote',
    });
    const other = buildDummyLead({
      id: 'L-000002',
      stage: 'opportunity',
      stageDates: { mql: day(6), sql: day(7), opportunity: day(8) },
      value: 40_000,
      contact: 'Jane Roe',
      notes: 'old note',
    });

    const merged = computeMergedLead(survivor, other, NOW);

    expect(merged).toMatchObject({
      stage: 'opportunity',
      value: 40_000,
      stageDates: { mql: day(6), sql: day(7), opportunity: day(8) },
      contact: 'Jane Roe',
      notes: 'wants a quote',
    });
  });

  it('prefers an open lead over a lost one that got as far, and keeps a loss only when the merged lead is lost', () => {
    const lost = buildDummyLead({
      id: 'L-000001',
      stage: 'lost',
      lostFrom: 'mql',
      lostReason: 'price',
      stageDates: { mql: day(3), lost: day(5) },
    });
    const open = buildDummyLead({ id: 'L-000002', stage: 'mql', stageDates: { mql: day(8) } });

    expect(computeMergedLead(lost, open, NOW)).toMatchObject({
      stage: 'mql',
      lostFrom: null,
      lostReason: null,
      stageDates: { mql: day(3) },
    });
    const furtherLost = { ...lost, lostFrom: 'sql' as const, stageDates: { mql: day(3), sql: day(4), lost: day(5) } };
    expect(computeMergedLead(open, furtherLost, NOW)).toMatchObject({
      stage: 'lost',
      lostFrom: 'sql',
      lostReason: 'price',
      stageDates: { mql: day(3), sql: day(4), lost: day(5) },
    });
  });
});
