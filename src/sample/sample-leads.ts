// The sample's leads: who they are, where they came from (≈15% unknown, more for some reps), which campaign was
// running then, how they arrived, and the touches some of them had afterwards.

import { type Channel, type Lead, type Touch, UNKNOWN_SOURCE } from '../domain/types.js';
import { buildPicker, type Random } from './random.js';
import { DAY_MS, drawArrival, findSampleDay, type SampleCalendar } from './sample-calendar.js';
import { drawJourney } from './sample-funnel.js';
import { buildCompanyName, buildContactName, SAMPLE_OWNERS } from './sample-names.js';

/** Some reps almost never ask "where did you hear about us?": the hygiene section should show who. */
const UNKNOWN_CHANCE_BY_OWNER = [0.08, 0.1, 0.12, 0.35, 0.1, 0.15, 0.08, 0.25, 0.1, 0.12];
const drawChannel = buildPicker<Channel>({ phone: 60, email: 22, 'web-form': 18 } as Record<Channel, number>);
const TOUCH_CHANCE = 0.2;
/** Paid search was scaled up four months ago, so most SQLs the leak window judges came from it. */
const PAID_SEARCH_RAMP_DAYS = 120;

/** The campaign running for a source in a month of the year, if any. */
export function findCampaign(source: string, monthOfYear: number, random: Random): string | null {
  switch (source) {
    case 'trade-show':
      if (monthOfYear === 4 || monthOfYear === 5) return 'spring-expo';
      return monthOfYear === 9 || monthOfYear === 10 ? 'fall-expo' : null;
    case 'google-ads':
      if (monthOfYear >= 7 && monthOfYear <= 9) return 'q3-google-ads';
      return monthOfYear >= 10 ? 'q4-google-ads' : null;
    case 'thomasnet':
      return random.chance(0.8) ? 'thomasnet-premium' : null;
    case 'linkedin':
      return random.chance(0.7) ? 'linkedin-abm' : null;
    default:
      return null;
  }
}

function buildSourcePicker(expo: boolean, recent: boolean) {
  return buildPicker({
    thomasnet: 24,
    // Paid search was scaled up lately, which is why its leak weighs on the whole funnel.
    'google-ads': recent ? 45 : 16,
    'trade-show': expo ? 22 : 3,
    referral: 10,
    linkedin: 9,
    'organic-search': 13,
  });
}

const SOURCE_PICKERS = [false, true].map((expo) => [false, true].map((recent) => buildSourcePicker(expo, recent)));

function drawSource(random: Random, monthOfYear: number, recent: boolean): string {
  const expo = monthOfYear === 4 || monthOfYear === 5 || monthOfYear === 9 || monthOfYear === 10;
  return SOURCE_PICKERS[Number(expo)]![Number(recent)]!(random);
}

function drawTouches(random: Random, calendar: SampleCalendar, lead: Lead, until: number): Touch[] {
  if (!random.chance(TOUCH_CHANCE)) return [];
  const count = random.chance(0.3) ? 2 : 1;
  const touches: Touch[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(lead.createdAt + random.next() * (until - lead.createdAt));
    const source = drawSource(random, findSampleDay(calendar, at).monthOfYear, false);
    if (source === lead.source) continue;
    touches.push({ source, campaign: findCampaign(source, findSampleDay(calendar, at).monthOfYear, random), at });
  }
  return touches.sort((a, b) => a.at - b.at);
}

export function buildSampleLeads(random: Random, calendar: SampleCalendar, count: number): Lead[] {
  const arrivals = new Float64Array(count);
  for (let i = 0; i < count; i++) arrivals[i] = drawArrival(calendar, random);
  arrivals.sort();
  const leads = new Array<Lead>(count);
  for (let i = 0; i < count; i++) leads[i] = buildSampleLead(random, calendar, i, arrivals[i]!);
  return leads;
}

function buildSampleLead(random: Random, calendar: SampleCalendar, index: number, createdAt: number): Lead {
  const { asOf } = calendar;
  const day = findSampleDay(calendar, createdAt);
  const ownerIndex = random.integer(0, SAMPLE_OWNERS.length - 1);
  const owner = SAMPLE_OWNERS[ownerIndex]!;
  const unknown = random.chance(UNKNOWN_CHANCE_BY_OWNER[ownerIndex] ?? 0.15);
  const source = unknown
    ? UNKNOWN_SOURCE
    : drawSource(random, day.monthOfYear, createdAt >= asOf - PAID_SEARCH_RAMP_DAYS * DAY_MS);
  const journey = drawJourney(random, source, createdAt, asOf);
  const lead: Lead = {
    id: `L-${String(index + 1).padStart(6, '0')}`,
    company: buildCompanyName(index),
    contact: buildContactName(random.pick),
    source,
    campaign: unknown ? null : findCampaign(source, day.monthOfYear, random),
    channel: drawChannel(random),
    ...journey,
    ownerId: owner.id,
    ownerName: owner.name,
    createdAt,
    touches: [],
    notes: null,
    updatedAt: createdAt,
  };
  const ended = journey.stageDates.customer ?? journey.stageDates.lost ?? asOf;
  lead.touches = drawTouches(random, calendar, lead, ended);
  lead.updatedAt = Math.max(createdAt, ...Object.values(journey.stageDates), ...lead.touches.map((touch) => touch.at));
  return lead;
}
