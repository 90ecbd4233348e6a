// Working hours for the follow-up reminder: Monday to Friday, 09:00–17:00 in the team's time zone (DIGEST_TZ). A
// lead logged on Friday at 16:00 with FOLLOW_UP_HOURS=4 is reminded about on Monday at 12:00, not on Saturday.

import { addLocalDays, readLocalDateTime, startOfLocalDay } from './local-time.js';

export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 17;
const HOUR_MS = 3_600_000;

function isWorkday(instant: number, timeZone: string): boolean {
  const local = readLocalDateTime(instant, timeZone);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** The working window [open, close) of the local day holding `instant`, or null on a weekend. */
function workWindow(instant: number, timeZone: string): { open: number; close: number } | null {
  if (!isWorkday(instant, timeZone)) return null;
  const day = startOfLocalDay(instant, timeZone);
  // Hours are added to local midnight on the wall clock: a DST change happens at night, outside the window.
  const local = readLocalDateTime(day, timeZone);
  const at = (hour: number) => day + (hour - local.hour) * HOUR_MS;
  return { open: at(WORKDAY_START_HOUR), close: at(WORKDAY_END_HOUR) };
}

/** The instant `hours` working hours after `start` (time outside the windows does not count). */
export function addWorkingHours(start: number, hours: number, timeZone: string): number {
  let remaining = Math.max(0, hours) * HOUR_MS;
  let cursor = start;
  // A year of days is far more than any FOLLOW_UP_HOURS needs; the bound keeps a bad input from looping forever.
  for (let day = 0; day < 400; day += 1) {
    const window = workWindow(cursor, timeZone);
    if (window !== null && cursor < window.close) {
      const from = Math.max(cursor, window.open);
      if (from + remaining <= window.close) return from + remaining;
      remaining -= window.close - from;
    }
    cursor = startOfLocalDay(addLocalDays(startOfLocalDay(cursor, timeZone), 1, timeZone), timeZone);
  }
  return cursor;
}
