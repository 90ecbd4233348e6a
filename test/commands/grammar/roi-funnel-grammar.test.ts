import { describe, expect, it } from 'vitest';
import { parseFunnelCommand } from '../../../commands/grammar/funnel-grammar.js';
import { parseRoiCommand } from '../../../commands/grammar/roi-grammar.js';
import { parsePlanFigure } from '../../../commands/grammar/values.js';

// Wednesday 25 November 2026, 15:00 UTC: this quarter is Q4 2026, this month 2026-11.
const NOW = Date.UTC(2026, 10, 25, 15, 0);
const ctx = { now: NOW, timeZone: 'UTC' };

function roi(text: string) {
  const parsed = parseRoiCommand(text, ctx);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function roiError(text: string): string {
  const parsed = parseRoiCommand(text, ctx);
  if (parsed.ok) throw new Error(`expected an error for "${text}"`);
  return parsed.error;
}

describe('parseRoiCommand', () => {
  it('ranks every campaign this quarter by first touch when given nothing', () => {
    const ranking = roi('');
    expect(ranking.verb).toBe('ranking');
    if (ranking.verb !== 'ranking') return;
    expect(ranking.model).toBe('first-touch');
    expect(ranking.period.key).toBe('this-quarter');
    expect([ranking.period.start, ranking.period.end]).toEqual([Date.UTC(2026, 9, 1), Date.UTC(2027, 0, 1)]);
  });

  it('ranks another period or model when the text is only that', () => {
    const ranking = roi('last-quarter model:linear');
    expect(ranking.verb === 'ranking' && [ranking.period.key, ranking.model]).toEqual(['last-quarter', 'linear']);
  });

  it('reads a campaign card over all time, or over a trailing period of one or two words', () => {
    const card = roi('spring-expo');
    expect(card.verb === 'campaign' && [card.campaign, card.period.key, card.model]).toEqual([
      'spring-expo',
      'all',
      'first-touch',
    ]);
    const quarter = roi('Spring Expo 2026-Q3 model:u');
    expect(quarter.verb === 'campaign' && [quarter.campaign, quarter.period.key, quarter.model]).toEqual([
      'spring-expo',
      '2026-Q3',
      'u-shaped',
    ]);
    const spaced = roi('spring-expo last 90d');
    expect(spaced.verb === 'campaign' && [spaced.campaign, spaced.period.key]).toEqual(['spring-expo', 'last-90d']);
  });

  it('reads a source card', () => {
    const card = roi('source thomasnet ytd');
    expect(card.verb === 'source' && [card.source, card.period.key]).toEqual(['thomasnet', 'ytd']);
    expect(roiError('source')).toContain('Which source?');
  });

  it('records spend this month as media by default, or as told', () => {
    expect(roi('cost spring-expo 25k')).toEqual({
      verb: 'cost',
      campaign: 'spring-expo',
      amount: 25_000,
      mode: 'add',
      month: '2026-11',
      category: 'media',
    });
    expect(roi('cost Spring Expo $1,200 month:2026-10 category:event')).toEqual({
      verb: 'cost',
      campaign: 'spring-expo',
      amount: 1200,
      mode: 'add',
      month: '2026-10',
      category: 'event',
    });
  });

  it("replaces the month's spend only with set:", () => {
    expect(roi('cost q4-google-ads set:5000')).toMatchObject({ campaign: 'q4-google-ads', amount: 5000, mode: 'set' });
    expect(roi('cost Q4 Google Ads SET: $5,000 month:2026-10')).toMatchObject({
      campaign: 'q4-google-ads',
      amount: 5000,
      mode: 'set',
      month: '2026-10',
    });
    expect(roi('cost q4-google-ads 5000')).toMatchObject({ amount: 5000, mode: 'add' });
    expect(roiError('cost q4-google-ads set:')).toContain('set: needs an amount');
    expect(roiError('cost set:5k')).toContain('Which campaign, and how much?');
    expect(roiError('cost q4-google-ads set:-5')).toContain('negative');
  });

  it('explains a wrong amount, month or category', () => {
    expect(roiError('cost spring-expo lots')).toContain('Amounts look like 25k');
    expect(roiError('cost spring-expo 25k month:2026-13')).toContain('months run from 01 to 12');
    expect(roiError('cost spring-expo 25k category:food')).toContain('category:media');
    expect(roiError('cost 25k')).toContain('/roi cost <campaign> <amount>');
  });

  it('records a target as a count or a rate', () => {
    expect(roi('target mql 40')).toEqual({
      verb: 'target',
      stage: 'mql',
      figure: { kind: 'count', count: 40 },
      month: '2026-11',
    });
    expect(roi('target sql 35% month:2027-01')).toEqual({
      verb: 'target',
      stage: 'sql',
      figure: { kind: 'rate', rate: 0.35 },
      month: '2027-01',
    });
    expect(roi('target sql 0.35')).toEqual({
      verb: 'target',
      stage: 'sql',
      figure: { kind: 'rate', rate: 0.35 },
      month: '2026-11',
    });
  });

  it('refuses targets that cannot be plans', () => {
    expect(roiError('target lead 35%')).toContain('count');
    expect(roiError('target lost 5')).toContain('not Lost');
    expect(roiError('target sql 140%')).toContain('more than 100%');
    expect(roiError('target sql 1.5')).toContain('neither a count nor a rate');
  });

  it('reads the digest actions, preview by default', () => {
    expect(roi('digest')).toEqual({ verb: 'digest', mode: 'preview' });
    expect(roi('digest now')).toEqual({ verb: 'digest', mode: 'now' });
    expect(roiError('digest later')).toContain('/roi digest [preview|now]');
  });

  it('refuses an unknown model and options of another form', () => {
    expect(roiError('spring-expo model:best')).toContain('model:first-touch');
    expect(roiError('spring-expo month:2026-10')).toContain('only model:');
  });
});

describe('parsePlanFigure', () => {
  it('tells counts from rates', () => {
    expect(parsePlanFigure('12')).toEqual({ ok: true, value: { kind: 'count', count: 12 } });
    expect(parsePlanFigure('12.5%')).toEqual({ ok: true, value: { kind: 'rate', rate: 0.125 } });
    expect(parsePlanFigure('.4')).toEqual({ ok: true, value: { kind: 'rate', rate: 0.4 } });
    expect(parsePlanFigure('1.0')).toEqual({ ok: true, value: { kind: 'rate', rate: 1 } });
    expect(parsePlanFigure('-3').ok).toBe(false);
  });
});

describe('parseFunnelCommand', () => {
  it('looks at the last 90 days by default', () => {
    const parsed = parseFunnelCommand('', ctx);
    expect(parsed.ok && parsed.value.verb === 'funnel' && parsed.value.period.key).toBe('last-90d');
  });

  it('reads a period and the source and campaign filters', () => {
    const parsed = parseFunnelCommand('last-quarter source:thomasnet campaign:"Spring Expo"', ctx);
    expect(parsed.ok && parsed.value).toMatchObject({ verb: 'funnel', source: 'thomasnet', campaign: 'spring-expo' });
    expect(parsed.ok && parsed.value.verb === 'funnel' && parsed.value.period.start).toBe(Date.UTC(2026, 6, 1));
  });

  it('explains an unknown period and offers help', () => {
    const parsed = parseFunnelCommand('next-year', ctx);
    expect(parsed.ok ? '' : parsed.error).toContain('Unknown period "next-year"');
    expect(parseFunnelCommand('help', ctx)).toEqual({ ok: true, value: { verb: 'help' } });
  });
});
