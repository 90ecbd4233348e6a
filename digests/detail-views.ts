// What a "More" button under the digest answers, to the person who clicked only: one topic of detail for the windows
// the digest reported on. Pure: the handler computes the detail and sends what these return.

import type { DigestDetail } from '../src/domain/digest-detail.js';
import { formatLocalDate, formatLocalMonthDay } from '../src/domain/periods.js';
import { CAMPAIGN_WIN_RATE_MIN_DECIDED } from '../src/domain/pipeline.js';
import type { KpiSet, MetricSettings } from '../src/domain/types.js';
import { context, fields, header, type KnownBlock, section } from '../src/slack/blocks.js';
import { buildLostReasonBlocks, buildTimeToConvertText } from '../src/slack/views/funnel-detail-views.js';
import { formatRatioMoney } from '../src/slack/views/numbers.js';
import type { Reply } from '../src/slack/views/reply.js';
import { buildClvNote, buildPipelineByCampaignBlocks, formatClvToCac } from '../src/slack/views/roi-detail-views.js';
import { buildMessageText } from './format.js';

export const STALE_MORE_BUTTON =
  'I cannot tell which digest that button belongs to any more. /roi and /funnel answer the same questions for any period.';

const COST_FIGURES: { name: string; pick: (kpis: KpiSet) => number | null }[] = [
  { name: 'Cost per lead', pick: (kpis) => kpis.cpl },
  { name: 'Cost per MQL', pick: (kpis) => kpis.costPerMql },
  { name: 'Cost per SQL', pick: (kpis) => kpis.costPerSql },
  { name: 'Cost per opportunity', pick: (kpis) => kpis.costPerOpportunity },
  { name: 'CAC', pick: (kpis) => kpis.cac },
  { name: 'Blended CAC', pick: (kpis) => kpis.blendedCac },
  { name: 'CLV', pick: (kpis) => kpis.clv },
];

function buildCostBlocks(detail: Extract<DigestDetail, { topic: 'cost' }>, settings: MetricSettings): KnownBlock[] {
  const { weekKpis: week, quarterKpis: quarter } = detail;
  const money = (amount: number | null) => formatRatioMoney(amount, settings.currency);
  const list = COST_FIGURES.map(({ name, pick }) => `*${name}*\n${money(pick(week))} · ${money(pick(quarter))}`);
  list.push(`*CLV:CAC*\n${formatClvToCac(week.clvToCac)} · ${formatClvToCac(quarter.clvToCac)}`);
  return [
    section(`*Cost per stage*: each figure is *last week* (${detail.week.label}) · *${detail.quarter.label}*`),
    fields(list),
    context([
      'Direct spend (media, agency, event, tools) ÷ the leads that reached each stage in the period; blended CAC adds salaries and overhead',
      buildClvNote(settings),
    ]),
  ];
}

function buildDetailBlocks(detail: DigestDetail, settings: MetricSettings): KnownBlock[] {
  switch (detail.topic) {
    case 'time':
      return [
        section(buildTimeToConvertText(detail.timeToConvert)),
        context([
          `Leads created in the ${detail.window.label}: days from reaching a stage to reaching the next; a skipped stage measures no time and is left out`,
        ]),
      ];
    case 'cost':
      return buildCostBlocks(detail, settings);
    case 'lost':
      return [
        ...buildLostReasonBlocks(detail.lostReasons, settings.currency),
        context([`Leads created in the ${detail.window.label}, by the stage they were lost from`]),
      ];
    case 'pipeline':
      return [
        ...buildPipelineByCampaignBlocks(detail.pipeline, settings.currency),
        context([
          `As of ${formatLocalDate(detail.pipeline.asOf, settings.timeZone)}: open opportunities × win rate, a campaign's own from ${CAMPAIGN_WIN_RATE_MIN_DECIDED} decided opportunities, the team's before; deals follow the lead's own campaign`,
        ]),
      ];
  }
}

/** The reply to a "More" click: a header naming the digest it belongs to, then the topic's detail. */
export function buildDigestDetailReply(detail: DigestDetail, settings: MetricSettings): Reply {
  const week = formatLocalMonthDay(detail.week.start, settings.timeZone);
  const blocks = [header(`More from the digest of the week of ${week}`), ...buildDetailBlocks(detail, settings)];
  // The blocks' words are escaped mrkdwn already, so they make the notification text as they are.
  return { text: buildMessageText(blocks), blocks };
}
