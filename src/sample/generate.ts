// Sample data for the demo, the tests and the benchmarks: an industrial supplier's last six months, generated from a
// seed (same seed, same company), with one genuine funnel leak for the digest to find.

import type { Lead, Spend, Target, Visit } from '../domain/types.js';
import { createRandom } from './random.js';
import { buildSampleCalendar, SAMPLE_DAYS } from './sample-calendar.js';
import { buildSampleLeads } from './sample-leads.js';
import { buildSampleSpend, buildSampleTargets } from './sample-plan.js';
import { buildSampleVisits } from './sample-visits.js';

export { loadSample } from './load-sample.js';
export { LEAK_DAYS, LEAK_SOURCE } from './sample-funnel.js';

export interface SampleOptions {
  seed?: number;
  /** The sample ends here: leads arrive during the `days` days before. */
  asOf: number;
  /** How many leads arrive over the whole span (1,000 by default). */
  leads?: number;
  /** The span in days (182 by default: six months). Spend and plan scale so that a month looks the same. */
  days?: number;
  timeZone?: string;
}

export interface SampleData {
  leads: Lead[];
  spend: Spend[];
  targets: Target[];
  visits: Visit[];
}

export function generateSampleData(options: SampleOptions): SampleData {
  const { seed = 42, asOf, leads = 1000, days = SAMPLE_DAYS, timeZone = 'America/Chicago' } = options;
  const random = createRandom(seed);
  const calendar = buildSampleCalendar(asOf, timeZone, days);
  // Spend and plan are written per 1,000 leads over six months: scale by the leads of six months of this span.
  const leadsPerSixMonths = (leads * SAMPLE_DAYS) / days;
  const sampleLeads = buildSampleLeads(random, calendar, leads);
  return {
    leads: sampleLeads,
    spend: buildSampleSpend(calendar, leadsPerSixMonths),
    targets: buildSampleTargets(calendar, leadsPerSixMonths),
    // A stream of its own, so adding visits left every lead of a given seed as it was.
    visits: buildSampleVisits(createRandom(seed + 1), calendar, sampleLeads),
  };
}
