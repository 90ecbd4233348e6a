// The sample's website visits: for each complete month, the visits of the sources people find the site through,
// sized from that month's leads of the source and a typical visitor → lead rate (a little noise on top). The month
// under way has no record yet: teams enter visits once the month is over.

import { monthKey, monthPeriod } from '../domain/periods.js';
import type { Lead, Visit } from '../domain/types.js';
import type { Random } from './random.js';
import type { SampleCalendar } from './sample-calendar.js';

/** Leads per visit by source: search converts better than social browsing. */
export const SAMPLE_VISITOR_RATES: Readonly<Record<string, number>> = {
  'organic-search': 0.009,
  'google-ads': 0.022,
  linkedin: 0.012,
};

export function buildSampleVisits(random: Random, calendar: SampleCalendar, leads: readonly Lead[]): Visit[] {
  const counts = new Map<string, number>();
  for (const lead of leads) {
    if (SAMPLE_VISITOR_RATES[lead.source] === undefined) continue;
    const key = `${monthKey(lead.createdAt, calendar.clock)}|${lead.source}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const months = [...new Set(calendar.days.map((day) => day.month))];
  const visits: Visit[] = [];
  for (const month of months) {
    const { end } = monthPeriod(month, calendar.clock);
    if (end > calendar.asOf) continue;
    for (const [source, rate] of Object.entries(SAMPLE_VISITOR_RATES)) {
      const leadCount = counts.get(`${month}|${source}`) ?? 0;
      const id = `V-${String(visits.length + 1).padStart(6, '0')}`;
      const count = Math.round((leadCount / rate) * random.between(0.9, 1.1));
      visits.push({ id, month, source, visits: count, updatedAt: end });
    }
  }
  return visits;
}
