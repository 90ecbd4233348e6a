import { describe, expect, it } from 'vitest';
import { listMonths } from '../../../commands/grammar/plan-grammar.js';
import { parseRoiCommand } from '../../../commands/grammar/roi-grammar.js';
import { parseTargetPlanValues } from '../../../commands/grammar/target-plan-values.js';
import { parseVisitCount } from '../../../src/domain/visits.js';

// Wednesday 25 November 2026, 15:00 UTC.
const ctx = { now: Date.UTC(2026, 10, 25, 15, 0), timeZone: 'UTC' };

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

describe('the /roi forms of the year’s plan', () => {
  it('reads the runway of this year or of the year named', () => {
    expect(roi('runway')).toEqual({ verb: 'runway', year: 2026 });
    expect(roi('Runway 2027')).toEqual({ verb: 'runway', year: 2027 });
    expect(roiError('runway next')).toBe(
      '"next" is not a year: write it as YYYY, e.g. 2026. Use /roi runway [YYYY], e.g. /roi runway 2026.',
    );
    expect(roiError('runway 1999')).toContain('is not a year');
  });

  it('reads a month of visits, for a source or the whole site', () => {
    expect(roi('visits 2026-11 12400 source:organic-search')).toEqual({
      verb: 'visits',
      month: '2026-11',
      visits: 12_400,
      mode: 'add',
      source: 'organic-search',
    });
    expect(roi('visits 2026-9 12.4k')).toEqual({ verb: 'visits', month: '2026-09', visits: 12_400, mode: 'add' });
    expect(roi('visits 2026-9 set:12.4k')).toEqual({ verb: 'visits', month: '2026-09', visits: 12_400, mode: 'set' });
    expect(roi('visits 2026-9 SET: 900')).toMatchObject({ visits: 900, mode: 'set' });
    expect(roiError('visits 2026-11 set:')).toContain('set: needs a number of visits');
    expect(roiError('visits 2026-11')).toContain('Which month, and how many visits?');
    expect(roiError('visits 2026-11 12400 more')).toContain('Which month, and how many visits?');
    expect(roiError(`visits 2026-11 ${'1'.repeat(65)}`)).toContain('A number is at most 64 characters');
    expect(roiError('visits 2026-11 100 category:media')).toContain('This command takes only source:');
  });

  it('opens the year’s plan form for this year or the year named', () => {
    expect(roi('target plan')).toEqual({ verb: 'target-plan', year: 2026 });
    expect(roi('target PLAN 2027')).toEqual({ verb: 'target-plan', year: 2027 });
  });

  it('spreads a target over a range of months, at most two years', () => {
    expect(roi('target mql 40 month:2026-01..2026-12')).toEqual({
      verb: 'target',
      stage: 'mql',
      figure: { kind: 'count', count: 40 },
      month: '2026-01',
      through: '2026-12',
    });
    expect(roi('target visits 9000')).toMatchObject({ stage: 'visits', figure: { kind: 'count', count: 9000 } });
    expect(roiError('target sql 20 month:2026-01..2028-06')).toBe(
      'month: 30 months is more than the 24 a plan covers at once.',
    );
    expect(roiError('target sql 20 month:2026-01..2026-13')).toContain('a range is written 2026-01..2026-12');
    expect(roiError('target leeds 20')).toContain('"leeds" is not a stage to plan: use visits, lead, mql');
    expect(listMonths('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});

describe('parseVisitCount', () => {
  it.each([
    ['12400', 12_400],
    ['12,400', 12_400],
    ['12 400', 12_400],
    ['12.4k', 12_400],
    ['1.2M', 1_200_000],
    ['0', 0],
  ])('reads %s as %d', (text, expected) => {
    expect(parseVisitCount(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['-5', 'is not a number of visits'],
    ['12.45', 'is not a whole number'],
    ['1,2,3', 'is not a number of visits'],
    ['2000m', 'is not plausible'],
  ])('refuses %s', (text, message) => {
    const parsed = parseVisitCount(text);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });
});

describe('parseTargetPlanValues', () => {
  const line = (value: string) => ({ values: { type: 'plain_text_input', value } });

  it('turns the lines into targets for the months given, count and rate of a month in one target', () => {
    const parsed = parseTargetPlanValues(
      {
        count_sql: line('-, -, 25, -, -, -, -, -, -, -, -, 30'),
        rate_sql: line('-, -, 40%, -, -, -, -, -, -, -, -, -'),
        count_visits: line(''),
      },
      2026,
    );
    expect(parsed).toEqual({
      ok: true,
      targets: [
        { month: '2026-03', stage: 'sql', count: 25, rate: 0.4 },
        { month: '2026-12', stage: 'sql', count: 30 },
      ],
    });
  });

  it('names the month and the problem, line by line', () => {
    expect(parseTargetPlanValues({ count_lead: line('1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, x') }, 2026)).toEqual({
      ok: false,
      errors: { count_lead: 'December: "x" is not a count (a whole number, e.g. 120).' },
    });
    expect(parseTargetPlanValues({ rate_mql: line('40, -, -, -, -, -, -, -, -, -, -, -') }, 2026)).toEqual({
      ok: false,
      errors: { rate_mql: 'January: "40" is not a rate (a percentage up to 100%, e.g. 35%).' },
    });
  });
});
