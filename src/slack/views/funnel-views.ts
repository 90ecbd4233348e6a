// The reply of `/funnel`: counts and rates of a period's new leads, and the weakest stage with what it costs, or
// why there is no leak to report.

import { sourceLabel } from '../../domain/catalog.js';
import type { LostReasonsAtStage } from '../../domain/lost-reasons.js';
import { formatPercent } from '../../domain/money.js';
import { formatFigure } from '../../domain/runway-format.js';
import {
  type FunnelCounts,
  type LeakVerdict,
  type Period,
  STAGE_LABELS,
  type TimeToConvert,
  type TransitionAssessment,
  type TransitionRate,
} from '../../domain/types.js';
import type { VisitorRate } from '../../domain/visits.js';
import { context, escapeSlackText, header, type KnownBlock, section } from '../blocks.js';
import { buildLostReasonBlocks, buildTimeToConvertText } from './funnel-detail-views.js';
import { formatAmount } from './numbers.js';
import { buildFallbackText, type Reply } from './reply.js';

/** Website visits in the period and visitor → lead per source (sources with visits recorded). */
export interface FunnelVisits {
  total: number;
  rates: readonly VisitorRate[];
}

export interface FunnelView {
  period: Period;
  visits?: FunnelVisits;
  /** Filters as the person gave them (source slug, campaign slug). */
  source?: string;
  campaign?: string;
  funnel: readonly FunnelCounts[];
  transitions: readonly TransitionRate[];
  verdict: LeakVerdict;
  currency: string;
  /** The cohort's time to convert per transition, and its lost leads by reason. */
  timeToConvert?: readonly TimeToConvert[];
  lostReasons?: readonly LostReasonsAtStage[];
}

function buildCountsText(funnel: readonly FunnelCounts[], transitions: readonly TransitionRate[]): string {
  return funnel
    .map((row, i) => {
      const into = transitions[i - 1];
      const rate = into === undefined ? '' : ` (${formatPercent(into.rate)} of ${STAGE_LABELS[into.from]})`;
      return `*${STAGE_LABELS[row.stage]}* ${row.reached}${rate}`;
    })
    .join('\n');
}

/** "Visits 33,800 · visitor → lead: Google Ads 2.2% (61 of 2,770), …": the funnel starts at the website. */
function buildVisitsText(visits: FunnelVisits): string {
  const rates = visits.rates.map(
    (rate) =>
      `${escapeSlackText(sourceLabel(rate.source))} ${formatPercent(rate.rate, 1)} ` +
      `(${formatFigure(rate.leads)} of ${formatFigure(rate.visits)})`,
  );
  const perSource = rates.length === 0 ? '' : `\nVisitor → lead: ${rates.join(' · ')}`;
  return `*Visits* ${formatFigure(visits.total)}${perSource}`;
}

function buildComparison(weakest: TransitionAssessment): string {
  const range = `95% interval ${formatPercent(weakest.low)}–${formatPercent(weakest.high)}`;
  const kind = weakest.expectedKind === 'target' ? 'target' : 'usual rate';
  return `${formatPercent(weakest.rate)} (${weakest.converted} of ${weakest.mature}, ${range}) vs ${kind} ${formatPercent(weakest.expected)}`;
}

function buildLeakText(weakest: TransitionAssessment, currency: string): string {
  const step = `${STAGE_LABELS[weakest.from]} → ${STAGE_LABELS[weakest.to]}`;
  const missing = Math.round(weakest.missingConversions);
  const lines = [
    `:rotating_light: *Weakest stage: ${step}* converts ${buildComparison(weakest)}.`,
    `About ${missing} missing conversion${missing === 1 ? '' : 's'}, costing about *${formatAmount(Math.round(weakest.moneyLost), currency)}*.`,
  ];
  const drivers = weakest.drivingSources.map(
    (driver) => `${escapeSlackText(sourceLabel(driver.source))} (${driver.converted} of ${driver.mature})`,
  );
  if (drivers.length > 0) lines.push(`Driven by: ${drivers.join(', ')}.`);
  return lines.join('\n');
}

function buildFilterNote(view: FunnelView): string | null {
  const parts = [
    view.source === undefined ? null : `source: ${escapeSlackText(sourceLabel(view.source))}`,
    view.campaign === undefined ? null : `campaign: ${escapeSlackText(view.campaign)}`,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : `Only ${parts.join(' · ')}`;
}

export function buildFunnelReply(view: FunnelView): Reply {
  const title = `Funnel · ${view.period.label}`;
  const filter = buildFilterNote(view);
  const leads = view.funnel[0]?.reached ?? 0;
  const blocks: KnownBlock[] = [header(title)];
  if (filter !== null) blocks.push(context([filter]));
  if (view.visits !== undefined) blocks.push(section(buildVisitsText(view.visits)));
  blocks.push(
    section(
      leads === 0
        ? `No new leads in ${escapeSlackText(view.period.label)}.`
        : buildCountsText(view.funnel, view.transitions),
    ),
  );
  const { verdict } = view;
  const verdictText =
    verdict.kind === 'leak'
      ? buildLeakText(verdict.weakest, view.currency)
      : `:white_check_mark: No significant leak: ${escapeSlackText(verdict.reason)}.`;
  blocks.push(section(verdictText));
  if (leads > 0 && view.timeToConvert !== undefined) blocks.push(section(buildTimeToConvertText(view.timeToConvert)));
  if (leads > 0 && view.lostReasons !== undefined)
    blocks.push(...buildLostReasonBlocks(view.lostReasons, view.currency));
  blocks.push(
    context([
      'Rates are of the leads created in the period; the leak check judges only leads old enough to have converted.',
    ]),
  );
  const summary =
    verdict.kind === 'leak'
      ? `weakest stage ${STAGE_LABELS[verdict.weakest.from]} → ${STAGE_LABELS[verdict.weakest.to]}`
      : 'no significant leak';
  return { text: buildFallbackText(`${title}: ${leads} new leads, ${summary}`), blocks };
}
