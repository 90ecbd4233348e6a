// Named reporting periods (this-week, 2026-Q3, …) as half-open instant ranges in the team's time zone.
// Weeks start Monday 00:00 local time.

import {
  addLocalDays,
  DAY_MS,
  formatLocalDate,
  formatLocalDayRange,
  MONTH_NAMES,
  readLocalDateTime,
  readZoneClock,
  type TimeZoneInput,
  wallToInstant,
  type ZoneClock,
} from './local-time.js';
import type { Parsed, Period } from './types.js';

export {
  addLocalDays,
  daysBetween,
  formatLocalDate,
  formatLocalMonthDay,
  isValidTimeZone,
  startOfLocalDay,
} from './local-time.js';

export const PERIOD_KEYS = [
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'last-30d',
  'last-90d',
  'ytd',
  'all',
  'YYYY-MM',
  'YYYY-Qn',
] as const;

const PERIOD_HELP = `Periods: ${PERIOD_KEYS.slice(0, -2).join(', ')}, a month like 2026-10 or a quarter like 2026-Q3.`;

/** Monday 00:00 local of the week containing the instant, as a wall value. */
function mondayWall(instant: number, timeZone: ZoneClock): number {
  const local = readLocalDateTime(instant, timeZone);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  return Date.UTC(local.year, local.month - 1, local.day - ((weekday + 6) % 7));
}

/** ISO 8601 week key of the week starting at a Monday wall value: the Thursday's year owns the week. */
function isoWeekKey(monday: number): string {
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday-to-Sunday week containing the instant; key is the ISO week ('2026-W48'). */
export function weekContaining(instant: number, zone: TimeZoneInput): Period {
  const timeZone = readZoneClock(zone);
  const monday = mondayWall(instant, timeZone);
  const start = wallToInstant(monday, timeZone);
  const end = wallToInstant(monday + 7 * DAY_MS, timeZone);
  return { key: isoWeekKey(monday), label: formatLocalDayRange(start, end, timeZone, true), start, end };
}

export function previousWeek(period: Period, zone: TimeZoneInput): Period {
  const timeZone = readZoneClock(zone);
  return weekContaining(period.start - 1, timeZone);
}

export function monthKey(instant: number, zone: TimeZoneInput): string {
  const timeZone = readZoneClock(zone);
  const local = readLocalDateTime(instant, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}`;
}

function buildMonth(year: number, month: number, timeZone: ZoneClock): Period {
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    label: `${MONTH_NAMES[month - 1]} ${year}`,
    start: wallToInstant(Date.UTC(year, month - 1, 1), timeZone),
    end: wallToInstant(Date.UTC(year, month, 1), timeZone),
  };
}

function buildQuarter(year: number, quarter: number, timeZone: ZoneClock): Period {
  return {
    key: `${year}-Q${quarter}`,
    label: `Q${quarter} ${year}`,
    start: wallToInstant(Date.UTC(year, (quarter - 1) * 3, 1), timeZone),
    end: wallToInstant(Date.UTC(year, quarter * 3, 1), timeZone),
  };
}

export function monthContaining(instant: number, zone: TimeZoneInput): Period {
  const timeZone = readZoneClock(zone);
  const local = readLocalDateTime(instant, timeZone);
  return buildMonth(local.year, local.month, timeZone);
}

export function quarterContaining(instant: number, zone: TimeZoneInput): Period {
  const timeZone = readZoneClock(zone);
  const local = readLocalDateTime(instant, timeZone);
  return buildQuarter(local.year, Math.ceil(local.month / 3), timeZone);
}

const MONTH_PATTERN = /^(\d{4})-(\d{1,2})$/;

/** 'YYYY-MM' (a one-digit month is accepted and padded). */
export function parseMonth(text: string): Parsed<string> {
  const trimmed = text.trim();
  const match = MONTH_PATTERN.exec(trimmed);
  if (!match) return { ok: false, error: `"${trimmed}" is not a month: write it as YYYY-MM, e.g. 2026-10.` };
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return { ok: false, error: `"${trimmed}" is not a month: months run from 01 to 12, e.g. 2026-10.` };
  }
  return { ok: true, value: `${match[1]}-${String(month).padStart(2, '0')}` };
}

/** The period of a valid 'YYYY-MM' month; throws on anything else (parse user text with parseMonth first). */
export function monthPeriod(month: string, zone: TimeZoneInput): Period {
  const timeZone = readZoneClock(zone);
  const parsed = parseMonth(month);
  if (!parsed.ok) throw new Error(parsed.error);
  const [year, monthNumber] = parsed.value.split('-').map(Number);
  return buildMonth(year ?? 1970, monthNumber ?? 1, timeZone);
}

/** 'YYYY-MM-DD' → local midnight of that day. */
export function parseLocalDate(text: string, zone: TimeZoneInput): Parsed<number> {
  const timeZone = readZoneClock(zone);
  const trimmed = text.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const fail = { ok: false as const, error: `"${trimmed}" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-23.` };
  if (!match) return fail;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  // Date.UTC rolls 2026-02-30 over to March 2: a round trip catches impossible days.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return fail;
  return { ok: true, value: wallToInstant(wall, timeZone) };
}

function parseQuarter(text: string, timeZone: ZoneClock): Parsed<Period> | null {
  const match = /^(\d{4})-q(\d+)$/.exec(text);
  if (!match) return null;
  const quarter = Number(match[2]);
  if (quarter < 1 || quarter > 4) {
    return { ok: false, error: `"${text.toUpperCase()}" is not a quarter: quarters are Q1 to Q4, e.g. 2026-Q3.` };
  }
  return { ok: true, value: buildQuarter(Number(match[1]), quarter, timeZone) };
}

function relabel(period: Period, key: string, label: string): Period {
  return { ...period, key, label };
}

function buildNamedPeriod(key: string, now: number, timeZone: ZoneClock): Period | null {
  const dayRange = (start: number, end: number) => formatLocalDayRange(start, end, timeZone);
  const trailing = (days: number): Period => {
    const start = addLocalDays(now, -days, timeZone);
    return { key, label: `last ${days} days (${dayRange(start, now)})`, start, end: now };
  };
  switch (key) {
    case 'this-week':
    case 'last-week': {
      const thisWeek = weekContaining(now, timeZone);
      const week = key === 'this-week' ? thisWeek : previousWeek(thisWeek, timeZone);
      return relabel(week, key, `${key.replace('-', ' ')} (${dayRange(week.start, week.end)})`);
    }
    case 'this-month':
    case 'last-month': {
      const thisMonth = monthContaining(now, timeZone);
      const month = key === 'this-month' ? thisMonth : monthContaining(thisMonth.start - 1, timeZone);
      return relabel(month, key, `${key.replace('-', ' ')} (${month.label})`);
    }
    case 'this-quarter':
    case 'last-quarter': {
      const thisQuarter = quarterContaining(now, timeZone);
      const quarter = key === 'this-quarter' ? thisQuarter : quarterContaining(thisQuarter.start - 1, timeZone);
      return relabel(quarter, key, `${key.replace('-', ' ')} (${quarter.label})`);
    }
    case 'last-30d':
      return trailing(30);
    case 'last-90d':
      return trailing(90);
    case 'ytd': {
      const year = readLocalDateTime(now, timeZone).year;
      const start = wallToInstant(Date.UTC(year, 0, 1), timeZone);
      return { key, label: `year to date (${formatLocalDate(start, timeZone)} – today)`, start, end: now };
    }
    case 'all':
      return { key, label: 'all time', start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };
    default:
      return null;
  }
}

/** A period typed by a person, relative to `now`. Case-insensitive; spaces and underscores read as dashes. */
export function parsePeriod(text: string, now: number, zone: TimeZoneInput): Parsed<Period> {
  const timeZone = readZoneClock(zone);
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (key === '') return { ok: false, error: `Which period? ${PERIOD_HELP}` };
  const named = buildNamedPeriod(key, now, timeZone);
  if (named) return { ok: true, value: named };
  const quarter = parseQuarter(key, timeZone);
  if (quarter) return quarter.ok ? quarter : { ok: false, error: `${quarter.error} ${PERIOD_HELP}` };
  if (MONTH_PATTERN.test(key)) {
    const month = parseMonth(key);
    return month.ok
      ? { ok: true, value: monthPeriod(month.value, timeZone) }
      : { ok: false, error: `${month.error} ${PERIOD_HELP}` };
  }
  return { ok: false, error: `Unknown period "${text.trim()}". ${PERIOD_HELP}` };
}
