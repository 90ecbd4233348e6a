// Unit economics next to ROI: cost per stage, CAC and blended CAC, CLV and CLV:CAC, and the pipeline — on the
// `/roi <campaign>` card, above the `/roi` ranking, and behind the digest's "More" buttons.

import { formatMoney, formatPercent, formatRoi } from '../../domain/money.js';
import { CAMPAIGN_WIN_RATE_MIN_DECIDED, type CampaignPipeline, type PipelineSummary } from '../../domain/pipeline.js';
import type { KpiSet, MetricSettings } from '../../domain/types.js';
import type { CampaignEconomics } from '../../domain/unit-economics.js';
import { escapeSlackText, fields, type KnownBlock, type SectionBlock, section, truncate } from '../blocks.js';
import { packSections } from './funnel-detail-views.js';
import { formatAmount, formatRatioMoney } from './numbers.js';

/** Campaigns listed in the pipeline detail before "and N more". */
export const PIPELINE_LIST_ROWS = 10;

/** Money to the whole unit: a pipeline is an estimate, its cents mean nothing. */
function formatWhole(amount: number, currency: string): string {
  return formatMoney(Math.round(amount), currency);
}

/** "4.8:1", "n/a": how many times over a customer repays what winning one cost. */
export function formatClvToCac(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'n/a';
  return `${(Math.round(ratio * 10) / 10).toLocaleString('en-US', { minimumFractionDigits: 1 })}:1`;
}

/** "1 open opportunity", "3 open opportunities". */
function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

const OPPORTUNITY = ['opportunity', 'opportunities'] as const;

/** "CLV = average won deal × 1 purchase a year × 3 years; CLV:CAC divides by blended CAC". */
export function buildClvNote(settings: Pick<MetricSettings, 'purchasesPerYear' | 'retentionYears'>): string {
  const purchases = `${settings.purchasesPerYear.toLocaleString('en-US')} purchase${settings.purchasesPerYear === 1 ? '' : 's'} a year`;
  const years = `${settings.retentionYears.toLocaleString('en-US')} year${settings.retentionYears === 1 ? '' : 's'}`;
  return `CLV = average won deal × ${purchases} × ${years}; CLV:CAC divides by blended CAC (salaries and overhead included)`;
}

/** "$21,000" and how it comes about: open value × the win rate applied, or why there is none. */
function buildPipelineField(pipeline: CampaignPipeline, currency: string): string {
  const value = formatWhole(pipeline.pipelineValue, currency);
  if (pipeline.openOpportunities === 0) return `*Pipeline*\n${value} · no open opportunity`;
  const open = countOf(pipeline.openOpportunities, 'open opportunity', 'open opportunities');
  const how =
    pipeline.winRate === null
      ? 'no deal decided yet, so no win rate'
      : `${formatAmount(pipeline.openValue, currency)} × ${formatPercent(pipeline.winRate)} win rate`;
  return `*Pipeline*\n${value} · ${open}, ${how}`;
}

/** Which win rate a campaign's pipeline used, and why. */
export function buildWinRateNote(pipeline: CampaignPipeline): string {
  if (pipeline.winRateBasis === 'campaign') {
    return `Win rate: this campaign's own (${pipeline.won} of ${pipeline.decided} decided opportunities won)`;
  }
  const own = `this campaign has ${pipeline.decided} decided, its own counts from ${CAMPAIGN_WIN_RATE_MIN_DECIDED}`;
  return `Win rate: the team's; ${own}`;
}

/** The campaign card's second set of fields: cost per stage, blended CAC (when there are hidden costs), CLV, pipeline. */
export function buildCampaignEconomicsFields(economics: CampaignEconomics, settings: MetricSettings): SectionBlock {
  const money = (amount: number | null) => formatRatioMoney(amount, settings.currency);
  const list = [
    `*Cost per MQL / SQL / Opp*\n${money(economics.costPerMql)} / ${money(economics.costPerSql)} / ${money(economics.costPerOpportunity)}`,
    ...(economics.hiddenSpend > 0 ? [`*Blended CAC*\n${money(economics.blendedCac)}`] : []),
    `*CLV*\n${money(economics.clv)}`,
    `*CLV:CAC*\n${formatClvToCac(economics.clvToCac)}`,
    buildPipelineField(economics.pipeline, settings.currency),
  ];
  return fields(list);
}

/** Footnotes of the card's unit economics: the spend split, the CLV formula, the win rate used. */
export function buildCampaignEconomicsNotes(economics: CampaignEconomics, settings: MetricSettings): string[] {
  const notes: string[] = [];
  if (economics.hiddenSpend > 0) {
    const direct = formatAmount(economics.directSpend, settings.currency);
    const hidden = formatAmount(economics.hiddenSpend, settings.currency);
    notes.push(`Cost = ${direct} direct + ${hidden} salaries and overhead; CAC and cost per stage use direct spend`);
  }
  notes.push(buildClvNote(settings));
  if (economics.pipeline.openOpportunities > 0) notes.push(buildWinRateNote(economics.pipeline));
  return notes;
}

/** The period's KPIs over every lead, above the `/roi` ranking. */
export function buildPeriodKpiFields(kpis: KpiSet, settings: MetricSettings): SectionBlock {
  const money = (amount: number | null) => formatRatioMoney(amount, settings.currency);
  return fields([
    `*New leads*\n${kpis.leads.toLocaleString('en-US')}`,
    `*Customers*\n${kpis.customers.toLocaleString('en-US')}`,
    `*Revenue*\n${formatAmount(kpis.revenue, settings.currency)}`,
    `*Direct spend*\n${formatAmount(kpis.spend, settings.currency)}`,
    `*ROI*\n${formatRoi(kpis.roi)}`,
    `*CAC / blended CAC*\n${money(kpis.cac)} / ${money(kpis.blendedCac)}`,
    `*CLV*\n${money(kpis.clv)}`,
    `*CLV:CAC*\n${formatClvToCac(kpis.clvToCac)}`,
    `*Pipeline*\n${formatWhole(kpis.pipelineValue, settings.currency)}`,
  ]);
}

function buildPipelineLine(row: CampaignPipeline, currency: string): string {
  const name = escapeSlackText(truncate(row.campaign, 60));
  const rate =
    row.winRate === null
      ? 'no win rate yet'
      : `${formatPercent(row.winRate)} ${row.winRateBasis === 'campaign' ? 'own' : 'team'} win rate`;
  return `• *${name}* ${formatWhole(row.pipelineValue, currency)} · ${row.openOpportunities} open, ${formatAmount(row.openValue, currency)} × ${rate}`;
}

/** The pipeline now: the team's total and how it is made, then the campaigns with open opportunities, largest first. */
export function buildPipelineByCampaignBlocks(summary: PipelineSummary, currency: string): KnownBlock[] {
  const { team, withoutCampaign } = summary;
  const rate =
    team.winRate === null
      ? 'no opportunity has been decided yet, so there is no win rate to weigh them by'
      : `× ${formatPercent(team.winRate)} team win rate (${team.won} of ${team.decided} decided opportunities won)`;
  const total = `*Pipeline now: ${formatWhole(team.pipelineValue, currency)}* = ${formatAmount(team.openValue, currency)} open in ${countOf(team.openOpportunities, ...OPPORTUNITY)} ${rate}`;
  const open = summary.campaigns.filter((row) => row.openOpportunities > 0);
  if (open.length === 0 && withoutCampaign.openOpportunities === 0) return [section(`${total}\nNo open opportunity.`)];
  const lines = open.slice(0, PIPELINE_LIST_ROWS).map((row) => buildPipelineLine(row, currency));
  if (open.length > PIPELINE_LIST_ROWS) lines.push(`_and ${open.length - PIPELINE_LIST_ROWS} more campaigns_`);
  if (withoutCampaign.openOpportunities > 0) {
    lines.push(
      `• _no campaign_ ${formatWhole(withoutCampaign.pipelineValue, currency)} · ${withoutCampaign.openOpportunities} open, ${formatAmount(withoutCampaign.openValue, currency)}`,
    );
  }
  return packSections([total, ...lines]);
}
