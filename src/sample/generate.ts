// Sample data for the demo, the tests and the benchmarks: an industrial supplier's last six months, generated from a
// seed (same seed, same company), with one genuine funnel leak for the digest to find.

import type { Lead, Spend, Target, Visit } from '../domain/types.js';
import { createRandom } from './random.js';
import { buildSampleCalendar } from './sample-calendar.js';
import { buildSampleLeads } from './sample-leads.js';
import { buildSampleSpend, buildSampleTargets } from './sample-plan.js';
import { buildSampleVisits } from './sample-visits.js';

export { loadSample } from './load-sample.js';
export { LEAK_DAYS, LEAK_SOURCE } from './sample-funnel.js';

export interface SampleOptions {
  seed?: number;
  /** The sample ends here: leads arrive during the 182 days before. */
  asOf: number;
  leads?: number;
  timeZone?: string;
}

export interface SampleData {
  leads: Lead[];
  spend: Spend[];
  targets: Target[];
  visits: Visit[];
}

export function generateSampleData(options: SampleOptions): SampleData {
  const { seed = 42, asOf, leads = 1000, timeZone = 'America/Chicago' } = options;
  const random = createRandom(seed);
  const calendar = buildSampleCalendar(asOf, timeZone);
  const sampleLeads = buildSampleLeads(random, calendar, leads);
  return {
    leads: sampleLeads,
    spend: buildSampleSpend(calendar, leads),
    targets: buildSampleTargets(calendar, leads),
    // A stream of its own, so adding visits left every lead of a given seed as it was.
    visits: buildSampleVisits(createRandom(seed + 1), calendar, sampleLeads),
  };
}
