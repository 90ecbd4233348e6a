// Wall-clock arithmetic in an IANA time zone using only Intl. Instants are epoch ms; a "wall" value is the local
// date-time written as if it were UTC (Date.UTC of the local fields), which makes calendar arithmetic DST-free.

export const DAY_MS = 86_400_000;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * One time zone's reader of local fields. Building its Intl formatter costs about 80 µs and reading a date with it
 * about 9 µs, so a walk over many dates makes one clock (createZoneClock) and passes it on; every function here also
 * takes a zone's name, and then makes a clock for that call. Nothing is kept between calls.
 */
export interface ZoneClock {
  readonly timeZone: string;
  readonly fields: Intl.DateTimeFormat;
}

/** A zone's name, or a clock already made for it. */
export type TimeZoneInput = string | ZoneClock;

export function createZoneClock(timeZone: string): ZoneClock {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return { timeZone, fields };
}

/** The clock of a zone: the one given, or one made for this call. */
export function readZoneClock(timeZone: TimeZoneInput): ZoneClock {
  return typeof timeZone === 'string' ? createZoneClock(timeZone) : timeZone;
}

/** True when Intl knows the zone (config validates DIGEST_TZ with this). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    createZoneClock(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function readLocalDateTime(instant: number, timeZone: TimeZoneInput): LocalDateTime {
  const fields = new Map<string, number>();
  for (const part of readZoneClock(timeZone).fields.formatToParts(instant)) {
    if (part.type !== 'literal') fields.set(part.type, Number(part.value));
  }
  const millisecond = instant - Math.floor(instant / 1000) * 1000;
  return {
    year: fields.get('year') ?? 1970,
    month: fields.get('month') ?? 1,
    day: fields.get('day') ?? 1,
    // Some ICU versions still print midnight as 24 even with h23.
    hour: (fields.get('hour') ?? 0) % 24,
    minute: fields.get('minute') ?? 0,
    second: fields.get('second') ?? 0,
    millisecond,
  };
}

export function toWall(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/** Local offset from UTC at an instant, in ms (Paris in winter: +3_600_000). */
export function offsetAt(instant: number, timeZone: TimeZoneInput): number {
  return toWall(readLocalDateTime(instant, timeZone)) - instant;
}

/**
 * The instant a wall-clock time happens. The offsets a day before and after bracket any DST change; each gives a
 * candidate that is right only if the zone really has that offset there. A repeated time (autumn) takes its first
 * occurrence; a skipped time (spring) moves forward by the gap, as clocks do.
 */
export function wallToInstant(wall: number, timeZone: TimeZoneInput): number {
  const clock = readZoneClock(timeZone);
  const offsets = [offsetAt(wall - DAY_MS, clock), offsetAt(wall + DAY_MS, clock)];
  const valid = offsets.map((offset) => wall - offset).filter((instant) => offsetAt(instant, clock) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  return wall - Math.min(...offsets);
}

/**
 * wallToInstant for walks over consecutive days or months: a step almost always keeps the offset of the step before,
 * and checking that guess costs one Intl call instead of four. When the guess is wrong (a DST change) the full
 * search decides. Meant for midnights and month starts, which no zone repeats.
 */
export function wallToInstantNear(wall: number, guessOffset: number, timeZone: TimeZoneInput): number {
  const clock = readZoneClock(timeZone);
  const guess = wall - guessOffset;
  return offsetAt(guess, clock) === guessOffset ? guess : wallToInstant(wall, clock);
}

export function startOfLocalDay(instant: number, timeZone: TimeZoneInput): number {
  const clock = readZoneClock(timeZone);
  const local = readLocalDateTime(instant, clock);
  return wallToInstant(Date.UTC(local.year, local.month - 1, local.day), clock);
}

/** Same local time of day, n calendar days later (a day across a DST change is 23 or 25 hours). */
export function addLocalDays(instant: number, days: number, timeZone: TimeZoneInput): number {
  const clock = readZoneClock(timeZone);
  const local = readLocalDateTime(instant, clock);
  return wallToInstant(toWall({ ...local, day: local.day + days }), clock);
}

/** Elapsed time from a to b in 24-hour days, fractional; negative when b is before a. */
export function daysBetween(a: number, b: number): number {
  return (b - a) / DAY_MS;
}

function shortMonthDay(local: LocalDateTime): string {
  return `${MONTH_NAMES[local.month - 1]?.slice(0, 3)} ${local.day}`;
}

/** 'Nov 23, 2026' */
export function formatLocalDate(instant: number, timeZone: TimeZoneInput): string {
  const local = readLocalDateTime(instant, timeZone);
  return `${shortMonthDay(local)}, ${local.year}`;
}

/** 'Nov 23' */
export function formatLocalMonthDay(instant: number, timeZone: TimeZoneInput): string {
  return shortMonthDay(readLocalDateTime(instant, timeZone));
}

/** Days of a half-open range, by first and last day: 'Nov 23 – Nov 29', or with years when they differ or asked. */
export function formatLocalDayRange(start: number, end: number, timeZone: TimeZoneInput, withYear = false): string {
  const clock = readZoneClock(timeZone);
  const first = readLocalDateTime(start, clock);
  const last = readLocalDateTime(end - 1, clock);
  if (first.year !== last.year) return `${formatLocalDate(start, clock)} – ${formatLocalDate(end - 1, clock)}`;
  const range = `${shortMonthDay(first)} – ${shortMonthDay(last)}`;
  return withYear ? `${range}, ${last.year}` : range;
}
