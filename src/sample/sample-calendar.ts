// The days of the sample (six months by default) in the team's time zone: when leads arrive (business days, a slowly growing
// pipeline) and which month, hence which campaign, each day belongs to.

import {
  createZoneClock,
  offsetAt,
  readLocalDateTime,
  wallToInstantNear,
  type ZoneClock,
} from '../domain/local-time.js';
import { addLocalDays, startOfLocalDay } from '../domain/periods.js';
import type { Random } from './random.js';

export const DAY_MS = 86_400_000;
/** Six months: the default span of the sample (the demo's). */
export const SAMPLE_DAYS = 182;

export interface SampleDay {
  start: number;
  /** 'YYYY-MM' */
  month: string;
  /** 1–12 */
  monthOfYear: number;
}

export interface SampleCalendar {
  asOf: number;
  timeZone: string;
  /** The zone's clock, made once for every date the sample reads. */
  clock: ZoneClock;
  days: SampleDay[];
  /** Running sum of each day's share of new leads, for drawing a day in O(log n). */
  cumulative: Float64Array;
}

const WEEKEND_WEIGHT = 0.08;
/** The last day gets this much more traffic than the first: the marketing program is ramping up. */
const GROWTH = 0.4;

export function buildSampleCalendar(asOf: number, zone: string, span = SAMPLE_DAYS): SampleCalendar {
  // One clock for the whole walk: a day reads the zone once, and making a clock costs more than reading with it.
  const timeZone = createZoneClock(zone);
  const first = startOfLocalDay(addLocalDays(asOf, -span, timeZone), timeZone);
  const firstDay = readLocalDateTime(first, timeZone);
  const days: SampleDay[] = [];
  const weights: number[] = [];
  let offset = offsetAt(first, timeZone);
  // Day by day from the first local midnight; the wall date (local fields written as UTC) gives weekday and month.
  for (let step = 0; ; step += 1) {
    const wall = Date.UTC(firstDay.year, firstDay.month - 1, firstDay.day + step);
    const start = wallToInstantNear(wall, offset, timeZone);
    if (start >= asOf) break;
    offset = wall - start;
    const date = new Date(wall);
    const monthOfYear = date.getUTCMonth() + 1;
    days.push({ start, month: `${date.getUTCFullYear()}-${String(monthOfYear).padStart(2, '0')}`, monthOfYear });
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    weights.push((weekend ? WEEKEND_WEIGHT : 1) * (1 + (GROWTH * days.length) / span));
  }
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, index) => {
    sum += weight;
    cumulative[index] = sum;
  });
  return { asOf, timeZone: zone, clock: timeZone, days, cumulative };
}

/** A lead's arrival: a day drawn by weight, during local business hours (8:00–17:00), never after asOf. */
export function drawArrival(calendar: SampleCalendar, random: Random): number {
  const { cumulative, days } = calendar;
  const roll = random.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > roll) high = middle;
    else low = middle + 1;
  }
  const day = days[low]!;
  const at = day.start + (8 + 9 * random.next()) * 3_600_000;
  return at < calendar.asOf ? Math.floor(at) : Math.floor(day.start + random.next() * (calendar.asOf - day.start));
}

/** The calendar day an instant falls on (clamped to the sample's range). */
export function findSampleDay(calendar: SampleCalendar, instant: number): SampleDay {
  const { days } = calendar;
  let index = Math.max(0, Math.min(days.length - 1, Math.floor((instant - days[0]!.start) / DAY_MS)));
  // Days across a DST change are 23 or 25 hours long: nudge the estimate onto the right day.
  while (index > 0 && instant < days[index]!.start) index -= 1;
  while (index < days.length - 1 && instant >= days[index + 1]!.start) index += 1;
  return days[index]!;
}
