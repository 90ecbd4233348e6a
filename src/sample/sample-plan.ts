// The sample's money side: monthly spend per campaign (plus salaries and overhead, so blended CAC differs from CAC)
// and a 12-month plan of targets. Amounts scale with the number of leads so ROI stays realistic at any size.

import { readLocalDateTime } from '../domain/local-time.js';
import { monthPeriod } from '../domain/periods.js';
import type { FunnelStage, Spend, SpendCategory, Target, TargetStage } from '../domain/types.js';
import type { SampleCalendar } from './sample-calendar.js';

interface SpendLine {
  campaign: string | null;
  source: string | null;
  category: SpendCategory;
  amount: number;
}

/** What the supplier spends in a month of the year, per 1,000 leads over the six months. */
export function buildMonthSpendLines(monthOfYear: number): SpendLine[] {
  const lines: SpendLine[] = [
    { campaign: null, source: null, category: 'salaries', amount: 60_000 },
    { campaign: null, source: null, category: 'overhead', amount: 15_000 },
    { campaign: null, source: null, category: 'tools', amount: 3_600 },
    { campaign: 'thomasnet-premium', source: 'thomasnet', category: 'media', amount: 12_000 },
    { campaign: 'linkedin-abm', source: 'linkedin', category: 'media', amount: 14_000 },
    { campaign: 'linkedin-abm', source: 'linkedin', category: 'tools', amount: 1_600 },
    { campaign: null, source: 'organic-search', category: 'agency', amount: 8_000 },
  ];
  const quarter = Math.ceil(monthOfYear / 3);
  if (quarter === 3 || quarter === 4) {
    const campaign = quarter === 3 ? 'q3-google-ads' : 'q4-google-ads';
    lines.push({ campaign, source: 'google-ads', category: 'media', amount: quarter === 3 ? 36_000 : 44_000 });
    lines.push({ campaign, source: 'google-ads', category: 'agency', amount: 6_000 });
  } else {
    lines.push({ campaign: null, source: 'google-ads', category: 'media', amount: 24_000 });
  }
  const expo = { 4: 'spring-expo', 5: 'spring-expo', 9: 'fall-expo', 10: 'fall-expo' }[monthOfYear];
  if (expo && (monthOfYear === 4 || monthOfYear === 9)) {
    lines.push({
      campaign: expo,
      source: 'trade-show',
      category: 'event',
      amount: expo === 'spring-expo' ? 88_000 : 100_000,
    });
    lines.push({ campaign: expo, source: 'trade-show', category: 'agency', amount: 12_000 });
  } else if (expo) {
    lines.push({ campaign: expo, source: 'trade-show', category: 'event', amount: 18_000 });
  }
  return lines;
}

/** Every month the sample's days touch, oldest first. */
function listSampleMonths(calendar: SampleCalendar): { month: string; monthOfYear: number }[] {
  const months = new Map<string, number>();
  for (const day of calendar.days) months.set(day.month, day.monthOfYear);
  return [...months].map(([month, monthOfYear]) => ({ month, monthOfYear }));
}

export function buildSampleSpend(calendar: SampleCalendar, leadsPerSixMonths: number): Spend[] {
  const scale = leadsPerSixMonths / 1000;
  const spend: Spend[] = [];
  for (const { month, monthOfYear } of listSampleMonths(calendar)) {
    const updatedAt = Math.min(monthPeriod(month, calendar.clock).end - 1, calendar.asOf);
    for (const line of buildMonthSpendLines(monthOfYear)) {
      const id = `S-${String(spend.length + 1).padStart(6, '0')}`;
      spend.push({ id, ...line, month, amount: Math.round(line.amount * scale), updatedAt });
    }
  }
  return spend;
}

/** Planned conversion into each stage, a little below what a healthy month delivers, except where the leak is. */
export const SAMPLE_TARGET_RATES: Record<Exclude<FunnelStage, 'lead'>, number> = {
  mql: 0.55,
  sql: 0.5,
  opportunity: 0.66,
  customer: 0.33,
};

/** Planned website visits per planned lead: what the site must draw for the web's share of the leads. */
export const SAMPLE_VISITS_PER_LEAD = 33;

/**
 * The plan: twelve months (a 12-month runway) from the sample's first full month — its first days fall mid-month,
 * and a whole month's plan for them would read as a shortfall — count and rate per stage, and the visits the site
 * should draw.
 */
export function buildSampleTargets(calendar: SampleCalendar, leadsPerSixMonths: number): Target[] {
  const firstDay = calendar.days[0];
  const startsMidMonth = firstDay !== undefined && readLocalDateTime(firstDay.start, calendar.clock).day > 1;
  const months = listSampleMonths(calendar)
    .map(({ month }) => month)
    .slice(startsMidMonth ? 1 : 0);
  const last = months.at(-1)!;
  for (let ahead = 1; months.length < 12; ahead++) months.push(shiftMonth(last, ahead));
  const plannedAt = calendar.days[0]!.start;
  const targets: Target[] = [];
  for (const month of months) {
    let count = Math.round(leadsPerSixMonths / 6);
    const add = (stage: TargetStage, rate: number | null, planned = count) => {
      const id = `T-${String(targets.length + 1).padStart(6, '0')}`;
      targets.push({ id, month, stage, count: planned, rate, updatedAt: plannedAt });
    };
    add('lead', null);
    for (const [stage, rate] of Object.entries(SAMPLE_TARGET_RATES) as [FunnelStage, number][]) {
      count = Math.round(count * rate);
      add(stage, rate);
    }
    add('visits', null, Math.round((leadsPerSixMonths / 6) * SAMPLE_VISITS_PER_LEAD));
  }
  return targets;
}

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year!, number! - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
