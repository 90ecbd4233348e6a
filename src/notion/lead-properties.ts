// A Lead as a row of the Leads data source, both ways. Reading is lenient: a person typed the row, so a value we
// cannot use falls back to what we knew before (or a neutral default) instead of rejecting the whole row.

import { z } from 'zod';
import { normalizeCampaign, normalizeSlug, resolveSource } from '../domain/catalog.js';
import { parseStage } from '../domain/lifecycle.js';
import {
  CHANNELS,
  FUNNEL_STAGES,
  type FunnelStage,
  type Lead,
  NOTION_ACTOR,
  STAGE_LABELS,
  type Stage,
  type StageDates,
  type Touch,
  UNKNOWN_SOURCE,
} from '../domain/types.js';
import {
  buildInstant,
  fitOptionName,
  fitText,
  type PlainRecord,
  readInstant,
  readNumber,
  readOptionalText,
  readText,
} from './values.js';

type DatedStage = keyof StageDates;

export const STAGE_DATE_PROPERTIES: Readonly<Record<DatedStage, string>> = {
  mql: 'MQL date',
  sql: 'SQL date',
  opportunity: 'Opportunity date',
  customer: 'Customer date',
  lost: 'Lost date',
};

const NO_VALUE = '–';
const TOUCH_SEPARATOR = ' · ';

/** One line per touch, oldest first: `2026-10-03T14:00:00.000Z · trade-show · spring-expo` (– for none). */
export function buildTouchesText(touches: readonly Touch[]): string {
  return touches
    .map((touch) =>
      [new Date(touch.at).toISOString(), touch.source ?? NO_VALUE, touch.campaign ?? NO_VALUE].join(TOUCH_SEPARATOR),
    )
    .join('\n');
}

/** Lines that do not read as a touch (a date first, then a source or a campaign) are left out. */
export function parseTouchesText(text: string): Touch[] {
  const touches: Touch[] = [];
  for (const line of text.split('\n')) {
    const [when, source, campaign] = line.split('·').map((part) => part.trim());
    const at = Date.parse(when ?? '');
    const touch = { source: parseSlugPart(source), campaign: parseSlugPart(campaign), at };
    if (!Number.isNaN(at) && (touch.source !== null || touch.campaign !== null)) touches.push(touch);
  }
  return touches.sort((a, b) => a.at - b.at);
}

function parseSlugPart(part: string | undefined): string | null {
  if (part === undefined || part === NO_VALUE) return null;
  return normalizeSlug(part) || null;
}

export function buildLeadPlain(lead: Lead): PlainRecord {
  const plain: PlainRecord = {
    Name: fitText(lead.company),
    'Lead ID': lead.id,
    Source: fitOptionName(lead.source),
    Campaign: lead.campaign === null ? null : fitOptionName(lead.campaign),
    Channel: lead.channel,
    Stage: STAGE_LABELS[lead.stage],
    Value: lead.value,
    Owner: fitText(lead.ownerName),
    'Owner ID': lead.ownerId,
    Created: buildInstant(lead.createdAt),
    Touches: fitText(buildTouchesText(lead.touches)),
    'Lost reason': fitText(lead.lostReason ?? ''),
    Contact: fitText(lead.contact ?? ''),
    Notes: fitText(lead.notes ?? ''),
    'Tracked source': lead.trackedSource === undefined ? null : fitOptionName(lead.trackedSource),
    'Tracked campaign': lead.trackedCampaign === undefined ? null : fitOptionName(lead.trackedCampaign),
    'Said source': lead.reportedSource === undefined ? null : fitOptionName(lead.reportedSource),
  };
  for (const [stage, name] of Object.entries(STAGE_DATE_PROPERTIES) as [DatedStage, string][]) {
    plain[name] = buildInstant(lead.stageDates[stage]);
  }
  return plain;
}

export interface LeadReadContext {
  /** Our id for the row: its link's, its Lead ID, or '' for a row typed into Notion (the store assigns one). */
  id: string;
  /** The lead as we have it, for the values a row leaves empty. */
  previous: Lead | null;
  /** The page's created_time, used when `Created` is empty. */
  createdTime: number;
  /** The page's last_edited_time. */
  editedTime: number;
  /** Team-added sources, matched like catalog ones. */
  customSources: readonly string[];
}

const channelSchema = z.enum(CHANNELS);

/**
 * Tracked and said sources are optional columns: a database may not have them, so an empty one keeps what we knew
 * (the sync never clears them from Notion's side) and a filled one is read like a Source.
 */
function readTrackedAndSaid(plain: PlainRecord, context: LeadReadContext): Partial<Lead> {
  const { previous, customSources } = context;
  const fields: Partial<Lead> = {};
  const tracked = readText(plain, 'Tracked source');
  const trackedCampaign = parseCampaignName(readText(plain, 'Tracked campaign'));
  const said = readText(plain, 'Said source');
  const trackedSource = tracked === '' ? previous?.trackedSource : parseSourceName(tracked, customSources);
  const campaign = trackedCampaign ?? previous?.trackedCampaign;
  const reportedSource = said === '' ? previous?.reportedSource : parseSourceName(said, customSources);
  if (trackedSource !== undefined) fields.trackedSource = trackedSource;
  if (campaign !== undefined) fields.trackedCampaign = campaign;
  if (reportedSource !== undefined) fields.reportedSource = reportedSource;
  return fields;
}

export function parseLeadPlain(plain: PlainRecord, context: LeadReadContext): Lead {
  const { previous } = context;
  const stageName = readText(plain, 'Stage');
  const parsedStage = parseStage(stageName);
  const stage: Stage = parsedStage.ok ? parsedStage.value : stageName === '' ? 'lead' : (previous?.stage ?? 'lead');
  const lostFrom = stage === 'lost' ? buildLostFrom(previous, parseStageDates(plain)) : null;
  const known = previous?.stageDates ?? {};
  const stageDates = fillReachedStageDates(stage, lostFrom, parseStageDates(plain), known, context.editedTime);
  const channel = channelSchema.safeParse(readText(plain, 'Channel'));
  return {
    id: context.id,
    company: readText(plain, 'Name') || previous?.company || 'Untitled lead',
    contact: readOptionalText(plain, 'Contact'),
    source: parseSourceName(readText(plain, 'Source'), context.customSources),
    campaign: parseCampaignName(readText(plain, 'Campaign')),
    channel: channel.success ? channel.data : (previous?.channel ?? 'other'),
    stage,
    lostFrom,
    value: readNumber(plain, 'Value'),
    ownerId: readText(plain, 'Owner ID') || previous?.ownerId || NOTION_ACTOR.id,
    ownerName: readText(plain, 'Owner') || previous?.ownerName || NOTION_ACTOR.name,
    createdAt: readInstant(plain, 'Created') ?? previous?.createdAt ?? context.createdTime,
    stageDates,
    touches: parseTouchesText(readText(plain, 'Touches')),
    lostReason: readOptionalText(plain, 'Lost reason'),
    notes: readOptionalText(plain, 'Notes'),
    updatedAt: context.editedTime,
    ...readTrackedAndSaid(plain, context),
  };
}

function parseStageDates(plain: PlainRecord): StageDates {
  const dates: StageDates = {};
  for (const [stage, name] of Object.entries(STAGE_DATE_PROPERTIES) as [DatedStage, string][]) {
    const at = readInstant(plain, name);
    if (at !== null) dates[stage] = at;
  }
  return dates;
}

/**
 * A stage set in Notion without its date (someone picked "Customer" in the Stage column) keeps the date we already
 * had, or is dated by the edit, as are the stages it skipped: the funnel counts a stage by its date, so an undated
 * stage would not count at all.
 */
function fillReachedStageDates(
  stage: Stage,
  lostFrom: FunnelStage | null,
  dates: StageDates,
  known: StageDates,
  at: number,
): StageDates {
  const reached = stage === 'lost' ? (lostFrom ?? 'lead') : stage;
  const missing: (keyof StageDates)[] = [];
  for (const passed of FUNNEL_STAGES.slice(1, FUNNEL_STAGES.indexOf(reached) + 1)) {
    if (passed !== 'lead') missing.push(passed);
  }
  if (stage === 'lost') missing.push('lost');
  const filled: StageDates = { ...dates };
  for (const passed of missing) filled[passed] ??= known[passed] ?? at;
  return filled;
}

/** Notion has no "lost from" column: keep ours, or take the stage the lead was at, or the furthest dated stage. */
function buildLostFrom(previous: Lead | null, dates: StageDates): FunnelStage {
  if (previous?.stage === 'lost' && previous.lostFrom !== null) return previous.lostFrom;
  if (previous && previous.stage !== 'lost') return previous.stage;
  const dated = FUNNEL_STAGES.filter((stage) => stage !== 'lead' && dates[stage] !== undefined);
  return dated.at(-1) ?? 'lead';
}

/** A catalog source or alias as typed in Notion becomes its slug; anything else is kept as a slug of its own. */
export function parseSourceName(name: string, customSources: readonly string[]): string {
  if (name === '') return UNKNOWN_SOURCE;
  const match = resolveSource(name, customSources);
  if (match.kind === 'exact') return match.slug;
  return normalizeSlug(name) || UNKNOWN_SOURCE;
}

export function parseCampaignName(name: string): string | null {
  if (name === '') return null;
  const campaign = normalizeCampaign(name);
  return campaign.ok ? campaign.value : normalizeSlug(name) || null;
}
