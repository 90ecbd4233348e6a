// Website visits, recorded per month and source: a month's total, the visits that fall in a period, and the
// visitor → lead rate per source.
//
// A row without a source is the whole site's count for the month. When a month has one, it is the month's total;
// otherwise the total is the sum of the per-source rows. Per-source rates only ever use per-source rows.

import { isInPeriod } from './funnel.js';
import { createZoneClock, readZoneClock, type TimeZoneInput } from './local-time.js';
import { AMOUNT_MAX_CHARS } from './money.js';
import { monthPeriod } from './periods.js';
import { forEachInSteps, runAllSteps, type Steps } from './steps.js';
import type { Lead, Parsed, Period, Visit } from './types.js';

/** The visits of one month: of one source, or (source undefined) of the whole site; null when none are recorded. */
export function computeMonthVisits(visits: readonly Visit[], month: string, source?: string): number | null {
  const rows = visits.filter((row) => row.month === month);
  if (source !== undefined) return rows.find((row) => row.source === source)?.visits ?? null;
  const total = rows.find((row) => row.source === null);
  if (total) return total.visits;
  const bySource = rows.filter((row) => row.source !== null);
  return bySource.length === 0 ? null : bySource.reduce((sum, row) => sum + row.visits, 0);
}

/**
 * Leads per visit in a month: with a site total recorded, all the month's new leads over it; otherwise the new leads
 * of the sources that have visits recorded over those visits (a trade-show lead never visited). Null without visits.
 */
export function computeMonthVisitorRate(
  visits: readonly Visit[],
  month: string,
  created: { total: number; bySource: ReadonlyMap<string, number> },
): number | null {
  const rows = visits.filter((row) => row.month === month);
  const total = rows.find((row) => row.source === null);
  if (total) return total.visits > 0 ? created.total / total.visits : null;
  let leads = 0;
  let count = 0;
  for (const row of rows) {
    leads += created.bySource.get(row.source ?? '') ?? 0;
    count += row.visits;
  }
  return count > 0 ? leads / count : null;
}

/** Every month and source with a record, as `month` → sources (null for the site total). */
function listRecordedMonths(visits: readonly Visit[]): Map<string, Set<string | null>> {
  const months = new Map<string, Set<string | null>>();
  for (const row of visits) {
    const sources = months.get(row.month) ?? new Set();
    sources.add(row.source);
    months.set(row.month, sources);
  }
  return months;
}

/**
 * Visits in a period: each recorded month that overlaps it counts for the share of the month the period covers, as
 * spend does (visits are known by month only). Null when no recorded month overlaps the period.
 */
export function computeVisitsInPeriod(
  visits: readonly Visit[],
  period: Period,
  timeZone: TimeZoneInput,
  source?: string,
): number | null {
  const clock = readZoneClock(timeZone);
  let total: number | null = null;
  for (const [month, sources] of listRecordedMonths(visits)) {
    if (source !== undefined && !sources.has(source)) continue;
    const range = monthPeriod(month, clock);
    const overlap = Math.min(range.end, period.end) - Math.max(range.start, period.start);
    if (overlap <= 0) continue;
    const count = computeMonthVisits(visits, month, source) ?? 0;
    total = (total ?? 0) + (count * overlap) / (range.end - range.start);
  }
  return total;
}

export interface VisitorRate {
  source: string;
  visits: number;
  /** Leads of that source created in the period. */
  leads: number;
  /** leads / visits; null with no visits. */
  rate: number | null;
}

/** Visitor → lead per source, for every source with visits recorded in the period; most visits first. */
export function computeVisitorRates(
  leads: readonly Lead[],
  visits: readonly Visit[],
  period: Period,
  timeZone: string,
): VisitorRate[] {
  return runAllSteps(computeVisitorRatesInSteps(leads, visits, period, timeZone));
}

/** computeVisitorRates in steps (steps.ts): the leads of the period are counted per source in one walk. */
export function* computeVisitorRatesInSteps(
  leads: readonly Lead[],
  visits: readonly Visit[],
  period: Period,
  timeZone: string,
): Steps<VisitorRate[]> {
  const sources = new Set(visits.flatMap((row) => (row.source === null ? [] : [row.source])));
  const created = new Map<string, number>();
  if (sources.size > 0) {
    yield* forEachInSteps(leads.length, (i) => {
      const lead = leads[i]!;
      if (sources.has(lead.source) && isInPeriod(lead.createdAt, period)) {
        created.set(lead.source, (created.get(lead.source) ?? 0) + 1);
      }
    });
  }
  const rates: VisitorRate[] = [];
  const clock = createZoneClock(timeZone);
  for (const source of sources) {
    const count = computeVisitsInPeriod(visits, period, clock, source);
    if (count === null) continue;
    const leadCount = created.get(source) ?? 0;
    rates.push({ source, visits: count, leads: leadCount, rate: count > 0 ? leadCount / count : null });
  }
  return rates.sort((a, b) => b.visits - a.visits || (a.source < b.source ? -1 : 1));
}

/** More visits than this in a month is a typo (the store refuses it too). */
export const MAX_VISIT_COUNT = 1_000_000_000;

/** A month's visits: `12400`, `12,400`, `12 400` or `12.4k`; a whole number, not negative. */
export function parseVisitCount(text: string): Parsed<number> {
  const trimmed = text.trim();
  const form = 'Give the visits as a whole number, e.g. 12400, 12,400 or 12.4k.';
  if (trimmed.length > AMOUNT_MAX_CHARS) {
    return { ok: false, error: `A number is at most ${AMOUNT_MAX_CHARS} characters; that one has ${trimmed.length}.` };
  }
  const match = /^(\d+(?:[,_ ]\d{3})*(?:\.\d+)?)\s*([km])?$/i.exec(trimmed);
  if (!match) return { ok: false, error: `"${trimmed}" is not a number of visits. ${form}` };
  const number = Number((match[1] ?? '').replace(/[,_ ]/g, ''));
  const scale = match[2] === undefined ? 1 : match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  const visits = Math.round(number * scale * 1000) / 1000;
  if (!Number.isInteger(visits)) return { ok: false, error: `"${trimmed}" is not a whole number of visits. ${form}` };
  if (visits > MAX_VISIT_COUNT) return { ok: false, error: `${trimmed} visits in a month is not plausible. ${form}` };
  return { ok: true, value: visits };
}
