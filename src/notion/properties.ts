// Spend, Target, Visit and TrackingNumber records as rows of their data sources, both ways (the registry,
// kind-mappings.ts, picks the functions of each kind). No such schema has an id column, so each row's Name is its natural key: `spring-expo · 2026-10 · media`
// (campaign, month, category), `2026-10 · SQL` (month, stage), `2026-11 · organic-search` (month, source) and
// `+15550102000` (the number in E.164) — the same keys the store uses to replace rather than duplicate.

import { z } from 'zod';
import {
  type Lead,
  SPEND_CATEGORIES,
  type Spend,
  TARGET_STAGE_LABELS,
  TARGET_STAGES,
  type Target,
  type TrackingNumber,
  type Visit,
} from '../domain/types.js';
import { parsePhoneNumber } from '../ingest/phone.js';
import { parseCampaignName, parseSourceName } from './lead-properties.js';
import { fitOptionName, type PlainRecord, readInstant, readNumber, readText } from './values.js';

export { buildLeadPlain, parseLeadPlain } from './lead-properties.js';

export type SyncedRecord = Lead | Spend | Target | Visit | TrackingNumber;

const NO_CAMPAIGN = '(no campaign)';
/** The Name part of a visits row that counts the whole site rather than one source. */
export const ALL_SOURCES = 'all sources';

export function buildSpendName(spend: Pick<Spend, 'campaign' | 'month' | 'category'>): string {
  return [spend.campaign ?? NO_CAMPAIGN, spend.month, spend.category].join(' · ');
}

export function buildTargetName(target: Pick<Target, 'month' | 'stage'>): string {
  return `${target.month} · ${TARGET_STAGE_LABELS[target.stage]}`;
}

export function buildVisitName(visit: Pick<Visit, 'month' | 'source'>): string {
  return `${visit.month} · ${visit.source ?? ALL_SOURCES}`;
}

export function buildSpendPlain(spend: Spend): PlainRecord {
  return {
    Name: buildSpendName(spend),
    Campaign: spend.campaign === null ? null : fitOptionName(spend.campaign),
    Source: spend.source === null ? null : fitOptionName(spend.source),
    Month: `${spend.month}-01`,
    Amount: spend.amount,
    Category: spend.category,
  };
}

export function buildTargetPlain(target: Target): PlainRecord {
  return {
    Name: buildTargetName(target),
    Month: `${target.month}-01`,
    Stage: TARGET_STAGE_LABELS[target.stage],
    Count: target.count,
    Rate: target.rate,
  };
}

export function buildVisitPlain(visit: Visit): PlainRecord {
  return {
    Name: buildVisitName(visit),
    Month: `${visit.month}-01`,
    Source: visit.source === null ? null : fitOptionName(visit.source),
    Visits: visit.visits,
  };
}

export function buildNumberPlain(number: TrackingNumber): PlainRecord {
  return {
    Name: number.number,
    Campaign: number.campaign === null ? null : fitOptionName(number.campaign),
    Source: number.source === null ? null : fitOptionName(number.source),
  };
}

/** A number row needs a Name that reads as a phone number (any format: it is stored in E.164) and a mapping. */
export function parseNumberPlain(plain: PlainRecord, id: string, editedTime: number, customSources: readonly string[]) {
  const number = parsePhoneNumber(readText(plain, 'Name'));
  const source = readText(plain, 'Source');
  const campaign = parseCampaignName(readText(plain, 'Campaign'));
  if (!number.ok || (source === '' && campaign === null)) return null;
  const record: TrackingNumber = {
    id,
    number: number.value,
    campaign,
    source: source === '' ? null : parseSourceName(source, customSources),
    updatedAt: editedTime,
  };
  return record;
}

const monthSchema = z.string().regex(/^\d{4}-\d{2}/);
const categorySchema = z.enum(SPEND_CATEGORIES);
const stageLabels = new Map(TARGET_STAGES.map((stage) => [TARGET_STAGE_LABELS[stage].toLowerCase(), stage]));

function readMonth(plain: PlainRecord): string | null {
  const start = readInstant(plain, 'Month') === null ? null : readText(plain, 'Month');
  const month = monthSchema.safeParse(start);
  return month.success ? month.data.slice(0, 7) : null;
}

/** A spend row needs a month, a category and an amount; a row still being typed (one missing) is left for later. */
export function parseSpendPlain(plain: PlainRecord, id: string, editedTime: number, customSources: readonly string[]) {
  const month = readMonth(plain);
  const category = categorySchema.safeParse(readText(plain, 'Category').toLowerCase());
  const amount = readNumber(plain, 'Amount');
  if (month === null || !category.success || amount === null || amount < 0) return null;
  const source = readText(plain, 'Source');
  const spend: Spend = {
    id,
    campaign: parseCampaignName(readText(plain, 'Campaign')),
    source: source === '' ? null : parseSourceName(source, customSources),
    month,
    amount,
    category: category.data,
    updatedAt: editedTime,
  };
  return spend;
}

/**
 * A visits row needs a month and a whole, non-negative count; an empty Source is the whole site's count (the Name
 * says "all sources").
 */
export function parseVisitPlain(plain: PlainRecord, id: string, editedTime: number, customSources: readonly string[]) {
  const month = readMonth(plain);
  const visits = readNumber(plain, 'Visits');
  if (month === null || visits === null || visits < 0 || !Number.isInteger(visits)) return null;
  const source = readText(plain, 'Source');
  const visit: Visit = {
    id,
    month,
    source: source === '' ? null : parseSourceName(source, customSources),
    visits,
    updatedAt: editedTime,
  };
  return visit;
}

/** A target row needs a month and a stage (Visits or a funnel stage). */
export function parseTargetPlain(plain: PlainRecord, id: string, editedTime: number): Target | null {
  const month = readMonth(plain);
  const stage = stageLabels.get(readText(plain, 'Stage').toLowerCase());
  if (month === null || stage === undefined) return null;
  return {
    id,
    month,
    stage,
    count: readNumber(plain, 'Count'),
    rate: readNumber(plain, 'Rate'),
    updatedAt: editedTime,
  };
}
