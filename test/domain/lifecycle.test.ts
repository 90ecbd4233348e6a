import { describe, expect, it } from 'vitest';
import {
  applyStageChange,
  diffLead,
  hasReached,
  parseStage,
  reachedIndex,
  stageIndex,
} from '../../src/domain/lifecycle.js';
import type { Lead } from '../../src/domain/types.js';
import { buildDummyLead } from '../fixtures/lead.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9); // Mon 2 Nov 2026 09:00Z

function fakeLead(overrides: Partial<Lead> = {}): Lead {
  return buildDummyLead({ ownerId: 'U1', ownerName: 'Rita', createdAt: T0, ...overrides });
}

describe('stage order and reach', () => {
  it('stageIndex follows Lead → MQL → SQL → Opportunity → Customer', () => {
    expect(stageIndex('lead')).toBe(0);
    expect(stageIndex('mql')).toBe(1);
    expect(stageIndex('sql')).toBe(2);
    expect(stageIndex('opportunity')).toBe(3);
    expect(stageIndex('customer')).toBe(4);
  });

  it('a lead at SQL has reached MQL even without an MQL date (skipped)', () => {
    const lead = fakeLead({ stage: 'sql', stageDates: { sql: T0 } });
    expect(reachedIndex(lead)).toBe(2);
    expect(hasReached(lead, 'mql')).toBe(true);
    expect(hasReached(lead, 'opportunity')).toBe(false);
  });

  it('a lead moved back still counts the furthest stage it reached', () => {
    const lead = fakeLead({ stage: 'mql', stageDates: { mql: T0, sql: T0 + DAY, opportunity: T0 + 2 * DAY } });
    expect(reachedIndex(lead)).toBe(3);
    expect(hasReached(lead, 'opportunity')).toBe(true);
  });

  it('a lost lead counts by the stage it was lost from', () => {
    const lead = fakeLead({ stage: 'lost', lostFrom: 'sql', stageDates: { mql: T0, sql: T0, lost: T0 + DAY } });
    expect(reachedIndex(lead)).toBe(2);
    expect(hasReached(lead, 'customer')).toBe(false);
  });
});

describe('applyStageChange', () => {
  it('Lead straight to SQL dates MQL and SQL with the move, and records value and time', () => {
    const lead = fakeLead();
    const moved = applyStageChange(lead, 'sql', T0 + DAY, { value: 25_000 });
    expect(moved.stage).toBe('sql');
    expect(moved.stageDates).toEqual({ mql: T0 + DAY, sql: T0 + DAY });
    expect(moved.value).toBe(25_000);
    expect(moved.updatedAt).toBe(T0 + DAY);
    expect(lead.stage).toBe('lead'); // the input is untouched
    expect(lead.stageDates).toEqual({});
  });

  it('keeps the first date of a stage reached twice', () => {
    const back = fakeLead({ stage: 'mql', stageDates: { mql: T0, sql: T0 + DAY } });
    const again = applyStageChange(back, 'opportunity', T0 + 5 * DAY);
    expect(again.stageDates).toEqual({ mql: T0, sql: T0 + DAY, opportunity: T0 + 5 * DAY });
  });

  it('moving backwards changes the stage and keeps every date', () => {
    const lead = fakeLead({ stage: 'opportunity', stageDates: { mql: T0, sql: T0, opportunity: T0 + DAY } });
    const back = applyStageChange(lead, 'sql', T0 + 2 * DAY);
    expect(back.stage).toBe('sql');
    expect(back.stageDates).toEqual(lead.stageDates);
    expect(back.updatedAt).toBe(T0 + 2 * DAY);
  });

  it('lost remembers where from, when and why; value is kept unless given', () => {
    const lead = fakeLead({ stage: 'opportunity', value: 40_000, stageDates: { mql: T0, sql: T0, opportunity: T0 } });
    const lost = applyStageChange(lead, 'lost', T0 + 3 * DAY, { lostReason: 'went with a competitor' });
    expect(lost).toMatchObject({ stage: 'lost', lostFrom: 'opportunity', lostReason: 'went with a competitor' });
    expect(lost.stageDates.lost).toBe(T0 + 3 * DAY);
    expect(lost.value).toBe(40_000);
  });

  it('reopening a lost lead clears the loss and dates only the stages past where it was lost', () => {
    const lost = fakeLead({
      stage: 'lost',
      lostFrom: 'sql',
      lostReason: 'no budget',
      stageDates: { mql: T0, sql: T0, lost: T0 + DAY },
    });
    const won = applyStageChange(lost, 'customer', T0 + 10 * DAY, { value: 18_000 });
    expect(won).toMatchObject({ stage: 'customer', lostFrom: null, lostReason: null, value: 18_000 });
    expect(won.stageDates).toEqual({ mql: T0, sql: T0, opportunity: T0 + 10 * DAY, customer: T0 + 10 * DAY });
  });

  it('the same stage returns the very same lead', () => {
    const lead = fakeLead({ stage: 'mql', stageDates: { mql: T0 } });
    expect(applyStageChange(lead, 'mql', T0 + DAY, { value: 1 })).toBe(lead);
  });

  it('value: null clears it', () => {
    const lead = fakeLead({ value: 5_000 });
    expect(applyStageChange(lead, 'mql', T0, { value: null }).value).toBeNull();
  });
});

describe('parseStage', () => {
  it.each([
    ['lead', 'lead'],
    ['MQL', 'mql'],
    [' sql ', 'sql'],
    ['Opportunity', 'opportunity'],
    ['opp', 'opportunity'],
    ['customer', 'customer'],
    ['won', 'customer'],
    ['LOST', 'lost'],
  ])('%j → %s', (text, stage) => {
    expect(parseStage(text)).toEqual({ ok: true, value: stage });
  });

  it.each(['closed', '', 'constructor', 'toString'])('rejects %j and lists the forms', (text) => {
    const parsed = parseStage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('lead, mql, sql, opportunity (or opp), customer (or won) or lost');
  });
});

describe('diffLead', () => {
  it('lists only what changed, before and after', () => {
    const before = fakeLead({ stage: 'lead' });
    const after = applyStageChange(before, 'sql', T0 + DAY, { value: 25_000 });
    expect(diffLead(before, after)).toEqual({
      before: { stage: 'lead', value: null, stageDates: {}, updatedAt: T0 },
      after: { stage: 'sql', value: 25_000, stageDates: { mql: T0 + DAY, sql: T0 + DAY }, updatedAt: T0 + DAY },
    });
  });

  it('compares stage dates and touches by content, not identity', () => {
    const before = fakeLead({ stageDates: { mql: T0 }, touches: [{ source: 'email', campaign: null, at: T0 }] });
    const same = { ...before, stageDates: { mql: T0 }, touches: [{ source: 'email', campaign: null, at: T0 }] };
    expect(diffLead(before, same)).toEqual({ before: {}, after: {} });
    const touched = {
      ...before,
      touches: [...before.touches, { source: 'webinar', campaign: 'fall-demo', at: T0 + DAY }],
    };
    expect(Object.keys(diffLead(before, touched).after)).toEqual(['touches']);
  });

  it('recorded values do not change when the lead is mutated later', () => {
    const before = fakeLead({ touches: [] });
    const after = { ...before, touches: [{ source: 'email', campaign: null, at: T0 }] };
    const diff = diffLead(before, after);
    after.touches.push({ source: 'linkedin', campaign: null, at: T0 + DAY });
    expect(diff.after.touches).toHaveLength(1);
  });
});
