import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  daysBetween,
  formatLocalDate,
  isValidTimeZone,
  monthContaining,
  monthKey,
  monthPeriod,
  PERIOD_KEYS,
  parseLocalDate,
  parseMonth,
  parsePeriod,
  previousWeek,
  quarterContaining,
  startOfLocalDay,
  weekContaining,
} from '../../src/domain/periods.js';
import type { Period } from '../../src/domain/types.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

function mustParse(text: string, now: number, timeZone: string): Period {
  const parsed = parsePeriod(text, now, timeZone);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('weekContaining across DST changes', () => {
  it('Paris spring forward: the week of 2026-03-29 starts Monday 23 March 00:00 +01:00 and lasts 167 hours', () => {
    const week = weekContaining(at('2026-03-29T12:00:00Z'), 'Europe/Paris');
    expect(iso(week.start)).toBe('2026-03-22T23:00:00.000Z');
    // Ends Monday 30 March 00:00 +02:00 = 29 March 22:00Z; 7 × 24 − 1 = 167 hours.
    expect(iso(week.end)).toBe('2026-03-29T22:00:00.000Z');
    expect((week.end - week.start) / HOUR).toBe(167);
    expect(week.label).toBe('Mar 23 – Mar 29, 2026');
    expect(week.key).toBe('2026-W13');
  });

  it('Paris fall back: the week of 2026-10-25 lasts 169 hours', () => {
    const week = weekContaining(at('2026-10-25T01:30:00Z'), 'Europe/Paris');
    // Monday 19 Oct 00:00 +02:00 = 18 Oct 22:00Z; Monday 26 Oct 00:00 +01:00 = 25 Oct 23:00Z.
    expect(iso(week.start)).toBe('2026-10-18T22:00:00.000Z');
    expect(iso(week.end)).toBe('2026-10-25T23:00:00.000Z');
    expect((week.end - week.start) / HOUR).toBe(169);
  });

  it('New York: March 8 and November 1 2026 changes', () => {
    const spring = weekContaining(at('2026-03-10T12:00:00Z'), 'America/New_York');
    // 8 March is a Sunday, so the week of the 10th starts Monday 9 March 00:00 EDT (−4) = 04:00Z, after the change,
    // and is a plain 168 hours.
    expect(iso(spring.start)).toBe('2026-03-09T04:00:00.000Z');
    expect((spring.end - spring.start) / HOUR).toBe(168);
    const springChange = weekContaining(at('2026-03-08T12:00:00Z'), 'America/New_York');
    // Monday 2 March 00:00 EST (−5) = 05:00Z to Monday 9 March 00:00 EDT = 04:00Z: 167 hours.
    expect(iso(springChange.start)).toBe('2026-03-02T05:00:00.000Z');
    expect((springChange.end - springChange.start) / HOUR).toBe(167);
    const autumn = weekContaining(at('2026-11-01T12:00:00Z'), 'America/New_York');
    // Monday 26 Oct 00:00 EDT = 04:00Z to Monday 2 Nov 00:00 EST = 05:00Z: 169 hours.
    expect(iso(autumn.start)).toBe('2026-10-26T04:00:00.000Z');
    expect((autumn.end - autumn.start) / HOUR).toBe(169);
  });

  it('a Sunday late evening local time still belongs to the week that started six days before', () => {
    // 2026-11-29 23:30 in New York is 2026-11-30 04:30Z, already Monday in UTC.
    const week = weekContaining(at('2026-11-30T04:30:00Z'), 'America/New_York');
    expect(iso(week.start)).toBe('2026-11-23T05:00:00.000Z');
    expect(week.label).toBe('Nov 23 – Nov 29, 2026');
  });

  it('a week across the new year carries both years and the ISO week of its Thursday', () => {
    const week = weekContaining(at('2027-01-01T12:00:00Z'), 'UTC');
    expect(iso(week.start)).toBe('2026-12-28T00:00:00.000Z');
    expect(week.label).toBe('Dec 28, 2026 – Jan 3, 2027');
    // Thursday 31 Dec 2026 is in 2026: 2026 has 53 ISO weeks (1 Jan 2026 is a Thursday).
    expect(week.key).toBe('2026-W53');
    expect(previousWeek(week, 'UTC').key).toBe('2026-W52');
  });
});

describe('parsePeriod', () => {
  const now = at('2026-11-25T15:00:00Z'); // Wednesday 25 Nov 2026, 10:00 in New York
  const ny = 'America/New_York';

  it('this-week ends at the end of the week and shows its days', () => {
    const week = mustParse('This-Week', now, ny);
    expect(week.key).toBe('this-week');
    expect(week.label).toBe('this week (Nov 23 – Nov 29)');
    expect(iso(week.start)).toBe('2026-11-23T05:00:00.000Z');
    expect(iso(week.end)).toBe('2026-11-30T05:00:00.000Z');
  });

  it('last-week is the seven days before this week', () => {
    const week = mustParse('last-week', now, ny);
    expect(week.label).toBe('last week (Nov 16 – Nov 22)');
    expect(iso(week.end)).toBe('2026-11-23T05:00:00.000Z');
  });

  it('months and quarters follow local midnights, across the November DST change', () => {
    const month = mustParse('this-month', now, ny);
    expect(month.label).toBe('this month (November 2026)');
    // 1 Nov 00:00 EDT = 04:00Z; 1 Dec 00:00 EST = 05:00Z.
    expect([iso(month.start), iso(month.end)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z']);
    expect(mustParse('last-month', now, ny).label).toBe('last month (October 2026)');
    const quarter = mustParse('this-quarter', now, ny);
    expect(quarter.label).toBe('this quarter (Q4 2026)');
    expect(iso(quarter.end)).toBe('2027-01-01T05:00:00.000Z');
    expect(mustParse('last-quarter', now, ny).label).toBe('last quarter (Q3 2026)');
  });

  it('last-quarter in January is Q4 of the year before', () => {
    const quarter = mustParse('last-quarter', at('2027-01-15T12:00:00Z'), 'Europe/Paris');
    expect(quarter.label).toBe('last quarter (Q4 2026)');
    // 1 Oct 2026 00:00 +02:00 = 30 Sep 22:00Z; 1 Jan 2027 00:00 +01:00 = 31 Dec 23:00Z.
    expect([iso(quarter.start), iso(quarter.end)]).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  });

  it('last-30d runs from the same local time 30 days ago to now, across DST (30 days + 1 hour)', () => {
    const period = mustParse('last-30d', now, ny);
    // 26 Oct 10:00 EDT = 14:00Z; 25 Nov 10:00 EST = 15:00Z.
    expect(iso(period.start)).toBe('2026-10-26T14:00:00.000Z');
    expect(period.end).toBe(now);
    expect(daysBetween(period.start, period.end)).toBeCloseTo(30 + 1 / 24, 10);
    expect(mustParse('last-90d', now, ny).label).toBe('last 90 days (Aug 27 – Nov 25)');
  });

  it('ytd, all, explicit months and quarters', () => {
    const ytd = mustParse('ytd', now, ny);
    expect(iso(ytd.start)).toBe('2026-01-01T05:00:00.000Z');
    expect(ytd.end).toBe(now);
    const all = mustParse('ALL', now, ny);
    expect(all).toEqual({ key: 'all', label: 'all time', start: -Infinity, end: Infinity });
    const october = mustParse('2026-10', now, ny);
    expect([october.key, october.label]).toEqual(['2026-10', 'October 2026']);
    const q3 = mustParse('2026-q3', now, ny);
    expect([q3.key, q3.label, iso(q3.start)]).toEqual(['2026-Q3', 'Q3 2026', '2026-07-01T04:00:00.000Z']);
  });

  it.each([
    ['2026-13', 'months run from 01 to 12'],
    ['2026-00', 'months run from 01 to 12'],
    ['2026-Q5', 'quarters are Q1 to Q4'],
    ['2026-Q0', 'quarters are Q1 to Q4'],
    ['yesterday', 'Unknown period "yesterday"'],
    ['', 'Which period?'],
  ])('rejects %j and lists the forms', (text, reason) => {
    const parsed = parsePeriod(text, now, ny);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain(reason);
    expect(parsed.error).toContain('this-week');
    expect(parsed.error).toContain('2026-Q3');
  });

  it('the help list names every fixed key and both patterns', () => {
    expect(PERIOD_KEYS).toContain('last-90d');
    expect(PERIOD_KEYS).toContain('YYYY-MM');
    expect(PERIOD_KEYS).toContain('YYYY-Qn');
  });
});

describe('calendar helpers', () => {
  it('monthKey, monthContaining and quarterContaining read the local calendar, not UTC', () => {
    // 31 Dec 2026 23:30Z is already 1 Jan 2027 00:30 in Paris.
    const instant = at('2026-12-31T23:30:00Z');
    expect(monthKey(instant, 'Europe/Paris')).toBe('2027-01');
    expect(monthKey(instant, 'America/New_York')).toBe('2026-12');
    expect(monthContaining(instant, 'Europe/Paris').label).toBe('January 2027');
    expect(quarterContaining(instant, 'Europe/Paris').key).toBe('2027-Q1');
    expect(quarterContaining(instant, 'America/New_York').key).toBe('2026-Q4');
  });

  it('monthPeriod covers the whole month; March in Paris is 31 days − 1 hour', () => {
    const march = monthPeriod('2026-03', 'Europe/Paris');
    expect((march.end - march.start) / HOUR).toBe(31 * 24 - 1);
    expect(() => monthPeriod('2026-13', 'UTC')).toThrow(/01 to 12/);
  });

  it('parseMonth pads and rejects', () => {
    expect(parseMonth(' 2026-1 ')).toEqual({ ok: true, value: '2026-01' });
    expect(parseMonth('2026-10')).toEqual({ ok: true, value: '2026-10' });
    expect(parseMonth('2026-13').ok).toBe(false);
    expect(parseMonth('Oct 2026').ok).toBe(false);
  });

  it('parseLocalDate gives local midnight and rejects impossible days', () => {
    const parsed = parseLocalDate('2026-11-01', 'America/New_York');
    expect(parsed).toEqual({ ok: true, value: at('2026-11-01T04:00:00Z') });
    expect(parseLocalDate('2026-02-30', 'UTC').ok).toBe(false);
    expect(parseLocalDate('2026-2-3', 'UTC').ok).toBe(false);
    expect(parseLocalDate('2028-02-29', 'UTC')).toEqual({ ok: true, value: at('2028-02-29T00:00:00Z') });
  });

  it('a midnight skipped by DST (São Paulo, 4 Nov 2018) starts the day at 01:00 local', () => {
    // Clocks jumped from 00:00 −03:00 to 01:00 −02:00, i.e. at 03:00Z.
    expect(parseLocalDate('2018-11-04', 'America/Sao_Paulo')).toEqual({ ok: true, value: at('2018-11-04T03:00:00Z') });
    expect(startOfLocalDay(at('2018-11-04T15:00:00Z'), 'America/Sao_Paulo')).toBe(at('2018-11-04T03:00:00Z'));
  });

  it('addLocalDays keeps the local time of day across a DST change (a 25-hour day)', () => {
    // 31 Oct 2026 08:00 EDT = 12:00Z; 1 Nov 08:00 EST = 13:00Z.
    expect(iso(addLocalDays(at('2026-10-31T12:00:00Z'), 1, 'America/New_York'))).toBe('2026-11-01T13:00:00.000Z');
    expect(iso(addLocalDays(at('2026-11-01T13:00:00Z'), -1, 'America/New_York'))).toBe('2026-10-31T12:00:00.000Z');
  });

  it('startOfLocalDay, daysBetween and formatLocalDate', () => {
    expect(iso(startOfLocalDay(at('2026-03-29T20:00:00Z'), 'Europe/Paris'))).toBe('2026-03-28T23:00:00.000Z');
    expect(daysBetween(at('2026-11-01T00:00:00Z'), at('2026-11-02T12:00:00Z'))).toBe(1.5);
    expect(daysBetween(at('2026-11-02T00:00:00Z'), at('2026-11-01T00:00:00Z'))).toBe(-1);
    expect(formatLocalDate(at('2026-11-23T03:00:00Z'), 'UTC')).toBe('Nov 23, 2026');
    expect(formatLocalDate(at('2026-11-23T03:00:00Z'), 'America/New_York')).toBe('Nov 22, 2026');
  });

  it('isValidTimeZone', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
