import { describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { buildLeadPlain, parseLeadPlain, parseTouchesText } from '../../src/notion/lead-properties.js';
import { buildSpendPlain, parseSpendPlain, parseTargetPlain } from '../../src/notion/properties.js';
import { buildPropertyValue, buildRichText, fitOptionName } from '../../src/notion/values.js';

const T = Date.UTC(2026, 9, 5, 14, 0);
const DAY = 86_400_000;

const dummyLead: Lead = {
  id: 'L-000042',
  company: 'Acme Corp',
  contact: 'Jane Roe',
  source: 'thomasnet',
  campaign: 'spring-expo',
  channel: 'web-form',
  stage: 'lost',
  lostFrom: 'sql',
  value: 18_000,
  ownerId: 'U0MARIA',
  ownerName: 'Maria Lopez',
  createdAt: T,
  stageDates: { mql: T + DAY, sql: T + 2 * DAY, lost: T + 9 * DAY },
  touches: [
    { source: 'linkedin', campaign: null, at: T + 3 * DAY },
    { source: null, campaign: 'q4-webinar', at: T + 4 * DAY },
  ],
  lostReason: 'budget cut',
  notes: 'Call back in Q1',
  updatedAt: T + 9 * DAY,
};

function readBack(plain: ReturnType<typeof buildLeadPlain>, previous: Lead | null, editedTime = T + 10 * DAY) {
  return parseLeadPlain(plain, { id: 'L-000042', previous, createdTime: T - DAY, editedTime, customSources: [] });
}

describe('Notion text limits', () => {
  it('splits long text into objects of at most 2000 characters', () => {
    expect(buildRichText('x'.repeat(4500)).map((item) => item.text.content.length)).toEqual([2000, 2000, 500]);
    expect(buildRichText('')).toEqual([]);
  });

  it('never splits an emoji across two objects', () => {
    const chunks = buildRichText(`${'a'.repeat(1999)}😀b`).map((item) => item.text.content);
    expect(chunks).toEqual(['a'.repeat(1999), '😀b']);
  });

  it('cuts text beyond 100 objects of 2000 characters, with a visible ellipsis', () => {
    const chunks = buildRichText('y'.repeat(250_000));
    expect(chunks).toHaveLength(100);
    const text = chunks.map((item) => item.text.content).join('');
    expect(text).toHaveLength(200_000);
    expect(text.endsWith('y…')).toBe(true);
  });

  it('replaces commas in select option names and keeps them within 100 characters', () => {
    expect(fitOptionName('spring, expo')).toBe('spring; expo');
    expect(fitOptionName('z'.repeat(150))).toHaveLength(100);
    expect(buildPropertyValue('select', 'a,b')).toEqual({ select: { name: 'a;b' } });
    expect(buildPropertyValue('select', null)).toEqual({ select: null });
  });
});

describe('a lead as a Notion row', () => {
  it('reads back exactly what it writes, touches and stage dates included', () => {
    const plain = buildLeadPlain(dummyLead);
    expect(plain).toMatchObject({
      Stage: 'Lost',
      'SQL date': '2026-10-07T14:00:00.000Z',
      'Opportunity date': null,
      Touches: '2026-10-08T14:00:00.000Z · linkedin · –\n2026-10-09T14:00:00.000Z · – · q4-webinar',
    });
    expect(readBack(plain, dummyLead)).toEqual({ ...dummyLead, updatedAt: T + 10 * DAY });
  });

  it('understands what a person types into a new row, and falls back where it cannot', () => {
    const typed = {
      Name: '',
      'Lead ID': '',
      Source: 'Google',
      Campaign: 'Spring Expo 2026',
      Channel: 'fax',
      Stage: 'opportunity',
      Value: null,
      Created: null,
      Touches: 'called twice\n2026-10-08 · Trade Show · –',
    };
    expect(readBack(typed, null)).toMatchObject({
      company: 'Untitled lead',
      source: 'google-ads',
      campaign: 'spring-expo-2026',
      channel: 'other',
      stage: 'opportunity',
      lostFrom: null,
      // Picked in Notion without dates: dated by the edit, like the stages it skipped.
      stageDates: { mql: T + 10 * DAY, sql: T + 10 * DAY, opportunity: T + 10 * DAY },
      ownerId: 'notion',
      createdAt: T - DAY,
      touches: [{ source: 'trade-show', campaign: null, at: Date.UTC(2026, 9, 8) }],
    });
  });

  it('keeps the stage a lead was lost from, since Notion has no column for it', () => {
    const open = { ...dummyLead, stage: 'opportunity' as const, lostFrom: null, stageDates: {} };
    expect(readBack({ ...buildLeadPlain(open), Stage: 'Lost' }, open).lostFrom).toBe('opportunity');
    expect(readBack({ ...buildLeadPlain(dummyLead), 'Lost date': null }, null).lostFrom).toBe('sql');
  });

  it('keeps the date we had for a stage whose date was cleared in Notion', () => {
    const read = readBack({ ...buildLeadPlain(dummyLead), 'MQL date': null }, dummyLead);
    expect(read.stageDates).toEqual(dummyLead.stageDates);
  });

  it('skips lines of the Touches text that are not touches', () => {
    expect(parseTouchesText('hello\n\n2026-13-40 · x · y\n2026-10-08T10:00:00Z · – · –')).toEqual([]);
  });
});

describe('spend and target rows', () => {
  it('are named by their natural key and read back', () => {
    const spend = {
      id: 'S-000001',
      campaign: null,
      source: 'trade-show',
      month: '2026-10',
      amount: 4000,
      category: 'event' as const,
      updatedAt: T,
    };
    const plain = buildSpendPlain(spend);
    expect(plain).toEqual({
      Name: '(no campaign) · 2026-10 · event',
      Campaign: null,
      Source: 'trade-show',
      Month: '2026-10-01',
      Amount: 4000,
      Category: 'event',
    });
    expect(parseSpendPlain(plain, 'S-000001', T, [])).toEqual(spend);
  });

  it('leave a row that is still being typed (no month, no stage) for later', () => {
    expect(parseSpendPlain({ Name: 'x', Amount: 10, Category: 'media', Month: null }, '', T, [])).toBeNull();
    expect(parseTargetPlain({ Name: 'x', Month: '2026-10-01', Stage: 'Lost', Count: 3 }, '', T)).toBeNull();
  });
});
