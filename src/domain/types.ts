import type { InquiryMix } from './inquiry-mix.js';

// The vocabulary of ROI Runway. Every layer (store, commands, digests, Notion sync) speaks in these types.
// Times are epoch milliseconds (UTC instants); months are 'YYYY-MM' strings in the configured time zone.

import type { Runway } from './runway-types.js';

export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type Stage = FunnelStage | 'lost';
export const STAGES: readonly Stage[] = [...FUNNEL_STAGES, 'lost'];

/** How a stage is written for people (and in Notion's Stage select). */
export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  lost: 'Lost',
};

/** A transition is named by the stage it leaves: 'lead' is Lead → MQL, 'opportunity' is Opportunity → Customer. */
export type TransitionFrom = Exclude<FunnelStage, 'customer'>;
export const TRANSITIONS: readonly TransitionFrom[] = ['lead', 'mql', 'sql', 'opportunity'];

/**
 * What a Target can plan: website visits (recorded with `/roi visits`) and the funnel stages. Visits come before
 * Lead: the runway starts there when a team records them.
 */
export const TARGET_STAGES = ['visits', ...FUNNEL_STAGES] as const;
export type TargetStage = (typeof TARGET_STAGES)[number];
export const TARGET_STAGE_LABELS: Readonly<Record<TargetStage, string>> = { visits: 'Visits', ...STAGE_LABELS };

export const CHANNELS = ['phone', 'email', 'web-form', 'chat', 'in-person', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SPEND_CATEGORIES = ['media', 'agency', 'event', 'tools', 'salaries', 'overhead'] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];
/** Categories that only blended CAC counts (the hidden costs). */
export const HIDDEN_COST_CATEGORIES: readonly SpendCategory[] = ['salaries', 'overhead'];

export const ATTRIBUTION_MODELS = ['first-touch', 'last-touch', 'linear', 'u-shaped'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** The slug every lead without a known source carries. */
export const UNKNOWN_SOURCE = 'unknown';

/** One interaction of a lead with a source and/or campaign. The lead's own Source/Campaign is its first touch. */
export interface Touch {
  source: string | null;
  campaign: string | null;
  at: number;
}

/** The date each stage after Lead was first reached. Skipped stages get the date of the move that skipped them. */
export type StageDates = Partial<Record<Exclude<Stage, 'lead'>, number>>;

export interface Lead {
  /** Our stable id, also stored in Notion's `Lead ID` property: the idempotency key of the sync. */
  id: string;
  company: string;
  contact: string | null;
  /** Catalog slug; UNKNOWN_SOURCE when nobody knows. */
  source: string;
  campaign: string | null;
  channel: Channel;
  stage: Stage;
  /** For a lost lead, the funnel stage it was lost from. */
  lostFrom: FunnelStage | null;
  /** Expected deal value; once the lead is a Customer, the won revenue. */
  value: number | null;
  ownerId: string;
  ownerName: string;
  createdAt: number;
  stageDates: StageDates;
  /** Further touches after the first (the lead's Source/Campaign), oldest first. */
  touches: Touch[];
  lostReason: string | null;
  notes: string | null;
  /** Last change to any field, whoever made it. */
  updatedAt: number;
  /** The source and campaign a tracking number or UTM values gave (the inquiry webhook); absent when none did. */
  trackedSource?: string;
  trackedCampaign?: string;
  /** Where the caller said they heard of us, as the rep answered the bot's question; absent until answered. */
  reportedSource?: string;
}

export interface Spend {
  id: string;
  campaign: string | null;
  source: string | null;
  /** 'YYYY-MM' */
  month: string;
  amount: number;
  category: SpendCategory;
  updatedAt: number;
}

/** A tracking phone number (E.164) mapped to the campaign and/or source whose ads, listing or booth show it. */
export interface TrackingNumber {
  id: string;
  /** E.164, e.g. '+15550102000': the key it is looked up and synced by. */
  number: string;
  campaign: string | null;
  source: string | null;
  updatedAt: number;
}

/** One inquiry the webhook accepted (a call, a form); repeats of one lead are separate inquiries. */
export interface Inquiry {
  /** The sender's id: the same id twice is one inquiry. */
  id: string;
  receivedAt: number;
  channel: Channel;
  leadId: string;
  /** True when the inquiry created its lead (not a repeat of a known one). */
  createdLead: boolean;
  trackedSource: string | null;
  trackedCampaign: string | null;
}

export interface Target {
  id: string;
  /** 'YYYY-MM' */
  month: string;
  /**
   * The stage the plan is about: Count = leads reaching it that month (visits, for Visits), Rate = conversion into it
   * from the previous stage.
   */
  stage: TargetStage;
  count: number | null;
  rate: number | null;
  updatedAt: number;
}

/** Website visits of one month, from one source or (source null) the whole site not split by source. */
export interface Visit {
  id: string;
  /** 'YYYY-MM' */
  month: string;
  /** Catalog slug; null for the site's total. */
  source: string | null;
  visits: number;
  updatedAt: number;
}

/** A half-open time range [start, end) with a human label; `all` uses start = -Infinity. */
export interface Period {
  key: string;
  label: string;
  start: number;
  end: number;
}

/** What the metrics read: a snapshot of the store. */
export interface Dataset {
  leads: readonly Lead[];
  spend: readonly Spend[];
  targets: readonly Target[];
  /** Monthly website visits; absent or empty when the team records none. */
  visits?: readonly Visit[];
}

/** Settings that change numbers, passed in from config. */
export interface MetricSettings {
  currency: string;
  grossMargin: number;
  timeZone: string;
  /** CLV = average deal × purchases per customer × retention years. */
  purchasesPerYear: number;
  retentionYears: number;
}

export const DEFAULT_METRIC_SETTINGS: Readonly<MetricSettings> = {
  currency: 'USD',
  grossMargin: 1,
  timeZone: 'UTC',
  purchasesPerYear: 1,
  retentionYears: 3,
};

/** Someone who changes data: a Slack user, or the Notion sync. */
export interface Actor {
  id: string;
  name: string;
}

export const NOTION_ACTOR: Readonly<Actor> = { id: 'notion', name: 'Notion' };
/** Who records what the inquiry webhook brings (a call-tracking or form tool), and owns leads that came without one. */
export const INGEST_ACTOR: Readonly<Actor> = { id: 'ingest', name: 'Inquiry webhook' };
/** Who `npm run import` changes data as: no Slack user, so nobody is sent a DM about it. */
export const IMPORT_ACTOR: Readonly<Actor> = { id: 'csv-importer', name: 'CSV importer' };

export type LeadEventKind =
  | 'create'
  | 'source'
  | 'campaign'
  | 'touch'
  | 'stage'
  | 'value'
  | 'lost'
  | 'edit'
  | 'undo'
  | 'remote'
  | 'delete'
  /** Another lead merged into this one (its record is in the store's lead_merges). */
  | 'merge';

/** Every change to a lead: who, when, and the fields before and after. */
export interface LeadEvent {
  id: number;
  leadId: string;
  kind: LeadEventKind;
  actorId: string;
  /** When the change took effect (may be backdated with on:<date>). */
  at: number;
  /** When it was recorded. */
  recordedAt: number;
  before: Partial<Lead> | null;
  after: Partial<Lead>;
  /** For 'undo' events: the event that was undone. */
  undoes?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Metric results. Computed by src/domain (pure), rendered by digests/ and commands/.

/** Leads of a cohort that reached each funnel stage (skipped stages count as reached). */
export interface FunnelCounts {
  stage: FunnelStage;
  reached: number;
}

export interface TransitionRate {
  from: TransitionFrom;
  to: FunnelStage;
  /** Leads of the cohort that reached `from`. */
  reached: number;
  /** Of those, leads that reached `to`. */
  converted: number;
  /** converted / reached; null when reached = 0. */
  rate: number | null;
}

export interface TimeToConvert {
  from: TransitionFrom;
  to: FunnelStage;
  /** Number of observed conversions. */
  samples: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Cost and return of one campaign or source under one attribution model. */
export interface RoiRow {
  /** Campaign or source slug. */
  key: string;
  kind: 'campaign' | 'source';
  model: AttributionModel;
  /** All spend recorded against it in the period (every category). */
  spend: number;
  /** Media spend only (media, agency, event, tools): the denominator of ROAS. */
  mediaSpend: number;
  /** Attributed new leads (fractional under multi-touch models). */
  leads: number;
  mqls: number;
  sqls: number;
  opportunities: number;
  customers: number;
  /** Attributed won revenue. */
  revenue: number;
  /** (revenue × gross margin − spend) / spend; null without spend. */
  roi: number | null;
  /** revenue / media spend; null without media spend. */
  roas: number | null;
  /** spend / leads; null without leads. */
  cpl: number | null;
  /** spend / customers; null without customers. */
  cac: number | null;
}

/**
 * How a campaign or source stands once lag is taken into account: `too-early` while most of its leads are younger than
 * the time leads usually take to close (maturity below TOO_EARLY_BELOW), then `paying` (projected ROI ≥ 0) or `losing`.
 * `no-spend`: nothing was spent, so there is no ROI to judge.
 */
export type RoiVerdict = 'too-early' | 'paying' | 'losing' | 'no-spend';

/** The month ('YYYY-MM') cumulative attributed margin passed cumulative spend, or is projected to. */
export type Payback =
  | { kind: 'paid-back'; month: string }
  | { kind: 'projected'; month: string }
  | { kind: 'not-within'; months: number }
  | { kind: 'no-spend' };

/**
 * Lag-aware ROI of the leads one campaign or source brought in during a period (its cohort: leads created in
 * [period.start, min(period.end, asOf)), credited under the model), against its spend in the period.
 */
export interface RoiProjection {
  key: string;
  kind: 'campaign' | 'source';
  model: AttributionModel;
  /** The cohort's days: [start, end), end = min(period end, asOf). */
  start: number;
  end: number;
  /** Spend booked to it in the period (every category, prorated like RoiRow.spend). */
  spend: number;
  /** Leads of the cohort (fractional under multi-touch models). */
  leads: number;
  /** Of them, customers by asOf, and their value: revenue won so far. */
  customers: number;
  wonSoFar: number;
  /** Of them, leads neither won nor lost, and the revenue they are expected to bring (Σ chance × value). */
  openLeads: number;
  expectedRevenue: number;
  /** (won so far × margin − spend) / spend; null without spend. */
  roiSoFar: number | null;
  /** ((won so far + expected) × margin − spend) / spend; null without spend. */
  projectedRoi: number | null;
  /** 80% interval of the projected ROI (10th–90th percentile of the simulation); null without spend. */
  interval: { low: number; high: number } | null;
  /** Share of the cohort that is decided (won or lost) or older than the usual time to close; null without leads. */
  maturity: number | null;
  /** When maturity will reach TOO_EARLY_BELOW if no lead closes before (null once it has). */
  judgedBy: number | null;
  verdict: RoiVerdict;
  payback: Payback;
}

export interface KpiSet {
  leads: number;
  mqls: number;
  sqls: number;
  opportunities: number;
  customers: number;
  revenue: number;
  /** Direct spend: every category except salaries and overhead. */
  spend: number;
  /** Spend including salaries and overhead. */
  totalSpend: number;
  roi: number | null;
  roas: number | null;
  cpl: number | null;
  costPerMql: number | null;
  costPerSql: number | null;
  costPerOpportunity: number | null;
  cac: number | null;
  blendedCac: number | null;
  clv: number | null;
  /** CLV / blended CAC: what a customer brings over what winning one costs, every cost included. */
  clvToCac: number | null;
  /** Open opportunity value × historical win rate. */
  pipelineValue: number;
  /** Share of new leads with a known source; null without leads. */
  sourceCoverage: number | null;
}

/** One transition judged by the leak detector. */
export interface TransitionAssessment {
  from: TransitionFrom;
  to: FunnelStage;
  /** Days after reaching `from` by which a lead counts as mature: the p90 time to convert (30 with little history). */
  maturityDays: number;
  /** Leads old enough to have converted (their age ≥ the p90 time-to-convert of this transition). */
  mature: number;
  converted: number;
  rate: number | null;
  /** 95% Wilson interval of `rate`. */
  low: number | null;
  high: number | null;
  /** What the rate is compared with. */
  expected: number | null;
  expectedKind: 'target' | 'baseline' | 'none';
  /** True when the whole interval lies below `expected`. */
  significant: boolean;
  /** max(0, expected × mature − converted). */
  missingConversions: number;
  /** Chance that a lead converting here goes on to become a customer (historical). */
  downstreamRate: number;
  averageWonValue: number;
  /** missingConversions × downstreamRate × averageWonValue. */
  moneyLost: number;
  /** Sources whose own rate is furthest below expected, worst first, by missing conversions. */
  drivingSources: { source: string; mature: number; converted: number; rate: number | null; missing: number }[];
}

export type LeakVerdict =
  | { kind: 'leak'; weakest: TransitionAssessment; transitions: TransitionAssessment[] }
  | { kind: 'none'; reason: string; transitions: TransitionAssessment[] };

export interface PlanVsActualRow {
  stage: TargetStage;
  planned: number | null;
  /** Leads that reached the stage in the month (visits recorded, for Visits); null for Visits when none are. */
  actual: number | null;
  plannedRate: number | null;
  /** The month cohort's rate into the stage; null when there is nothing to divide or it is too early to judge. */
  actualRate: number | null;
  /** False while the month's leads are too young for their rate into the stage to mean anything. */
  rateJudged: boolean;
}

export interface LeadRef {
  id: string;
  company: string;
  stage: Stage;
  ownerName: string;
  /** When the lead last changed stage (or was created). */
  since: number;
  value: number | null;
  /** The lead's Notion page, when Notion is configured and the lead has been pushed. */
  notionUrl?: string;
}

export interface Hygiene {
  /** New leads of the week without a known source, by owner, most first. */
  withoutSourceByOwner: { ownerId: string; ownerName: string; withoutSource: number; total: number }[];
  /** Open opportunities with no change in 30 days, oldest first. */
  staleOpportunities: LeadRef[];
  /** Pairs of leads that look like one company logged twice, in the whole book (duplicates.ts). */
  duplicatePairs: number;
}

/** Everything the Monday digests show, computed once. */
export interface WeeklyDigestData {
  asOf: number;
  settings: MetricSettings;
  week: Period;
  previousWeek: Period;
  quarter: Period;
  weekKpis: KpiSet;
  previousWeekKpis: KpiSet;
  quarterKpis: KpiSet;
  /** Quarter to date, first touch, best ROI first. */
  roiByCampaign: RoiRow[];
  roiBySource: RoiRow[];
  /** Lag-aware ROI of the quarter's leads, first touch, ranked (roi-projection.compareRoiProjections). */
  roiProjectionsByCampaign: RoiProjection[];
  roiProjectionsBySource: RoiProjection[];
  /** Cohort funnel of the last 90 days. */
  funnel: FunnelCounts[];
  transitions: TransitionRate[];
  timeToConvert: TimeToConvert[];
  leak: LeakVerdict;
  /** The reported month's plan vs actual per stage (a month of `runway`). */
  planVsActual: PlanVsActualRow[];
  /** The 12-month Results Runway of the year the reported week ends in. */
  runway: Runway;
  /** Leads sitting in the weakest transition's `from` stage, longest first. */
  stuckLeads: LeadRef[];
  hygiene: Hygiene;
  /** 12 ISO weeks ending with `week`: new leads per source. */
  trend: { weekStart: number; label: string; bySource: Record<string, number> }[];
  /** False when nothing happened in the week: the digest is skipped with a note. */
  hadActivity: boolean;
  /** Quarter to date: inquiries by channel and tracked vs said; set once the inquiry webhook is in use. */
  inquiryMix?: InquiryMix;
}

/** The answer of every parse* function at a boundary: a value, or a reason a person can act on. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
