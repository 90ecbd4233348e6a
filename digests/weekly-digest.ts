// The Monday ROI digest: last week's and the quarter's KPIs, ROI per campaign and per source under a named
// attribution model, the ROI and trend charts, and the hygiene lists (leads without a source, stale opportunities,
// how many leads look logged twice).
// Pure: it describes the charts and leaves drawing and uploading to the runner.

import { buildModelName, buildRoiFallback, buildTrendFallback } from '../src/charts/fallback.js';
import { sourceLabel } from '../src/domain/catalog.js';
import { formatMoney, formatRoi } from '../src/domain/money.js';
import { formatLocalMonthDay } from '../src/domain/periods.js';
import type { Hygiene, MetricSettings, RoiRow, WeeklyDigestData } from '../src/domain/types.js';
import { context, divider, fields, header, type KnownBlock, section } from '../src/slack/blocks.js';
import { buildAgreementLine, buildChannelLine } from '../src/slack/views/inquiry-views.js';
import {
  buildChartPlaceholder,
  buildKpiFields,
  buildLeadLabel,
  buildListSections,
  buildMessageText,
  buildMoreNote,
  buildOwnerMention,
  escapeLabel,
} from './format.js';
import { buildDigestMoreBlocks } from './more-details.js';
import type { ChartSpec, DigestMessage } from './types.js';

/** Rows of a ROI list before "and N more": the chart and `/roi` show the rest. */
export const ROI_LIST_ROWS = 8;
/** Lines of a hygiene list before "and N more". */
export const HYGIENE_LIST_ROWS = 5;

function buildRoiLine(row: RoiRow, rank: number, settings: MetricSettings): string {
  const name = row.kind === 'source' ? sourceLabel(row.key) : row.key;
  const money = (amount: number) => formatMoney(amount, settings.currency, { compact: true });
  const customers = `${Math.round(row.customers * 10) / 10} customer${row.customers === 1 ? '' : 's'}`;
  return `${rank}. *${escapeLabel(name)}* ${formatRoi(row.roi)} · spend ${money(row.spend)} · revenue ${money(row.revenue)} · ${customers}`;
}

function buildRoiList(title: string, rows: readonly RoiRow[], settings: MetricSettings): KnownBlock[] {
  const model = buildModelName(rows[0]?.model ?? 'first-touch');
  const heading = `*${title}* · ${model} attribution, quarter to date`;
  if (rows.length === 0) return [section(`${heading}\nNothing to show yet.`)];
  const shown = rows.slice(0, ROI_LIST_ROWS);
  const lines = shown.map((row, i) => buildRoiLine(row, i + 1, settings));
  const more = buildMoreNote(rows.length, shown.length);
  return buildListSections(heading, more === null ? lines : [...lines, more]);
}

function buildHygieneBlocks(hygiene: Hygiene, settings: MetricSettings): KnownBlock[] {
  const owners = hygiene.withoutSourceByOwner;
  const ownerLines = owners
    .slice(0, HYGIENE_LIST_ROWS)
    .map((row) => `• ${buildOwnerMention(row.ownerId, row.ownerName)}: ${row.withoutSource} of ${row.total} new leads`);
  const ownerMore = buildMoreNote(owners.length, ownerLines.length);
  const stale = hygiene.staleOpportunities;
  const staleLines = stale.slice(0, HYGIENE_LIST_ROWS).map((lead) => {
    const value = lead.value === null ? 'no value' : formatMoney(lead.value, settings.currency);
    const since = formatLocalMonthDay(lead.since, settings.timeZone);
    return `• ${buildLeadLabel(lead)} · ${value} · ${escapeLabel(lead.ownerName, 40)} · unchanged since ${since}`;
  });
  const staleMore = buildMoreNote(stale.length, staleLines.length);
  return [
    section('*Hygiene*'),
    ...(owners.length === 0
      ? [section('Every new lead last week has a source. :tada:')]
      : buildListSections(
          '*New leads without a source*, by owner',
          ownerMore ? [...ownerLines, ownerMore] : ownerLines,
        )),
    ...(stale.length === 0
      ? [section('No opportunity has gone 30 days without a change.')]
      : buildListSections(
          '*Opportunities with no change in 30 days*',
          staleMore ? [...staleLines, staleMore] : staleLines,
        )),
    section(buildDuplicatesLine(hygiene.duplicatePairs)),
  ];
}

/** One line: how inquiries arrive and how often tracked and said agree (`/roi sources` has the detail). */
function buildInquiryLine(data: WeeklyDigestData): KnownBlock[] {
  const mix = data.inquiryMix;
  if (mix === undefined) return [];
  const line = `Inquiries, quarter to date: ${buildChannelLine(mix)} · ${buildAgreementLine(mix)} · /roi sources for more`;
  return [context([escapeLabel(line, 1000)])];
}

function buildDuplicatesLine(pairs: number): string {
  if (pairs === 0) return 'No lead looks logged twice.';
  const count = pairs === 1 ? '1 pair of leads looks' : `${pairs.toLocaleString('en-US')} pairs of leads look`;
  return `*Likely duplicates*: ${count} like one company logged twice — \`/lead duplicates\` lists them with merge buttons.`;
}

function buildCharts(data: WeeklyDigestData): ChartSpec[] {
  return [
    {
      id: 'roi',
      title: 'ROI by campaign',
      altText: buildRoiFallback(data.roiByCampaign),
      render: (renderer) => renderer.renderRoiByCampaign(data.roiByCampaign, data.settings),
    },
    {
      id: 'trend',
      title: 'New leads by source',
      altText: buildTrendFallback(data.trend),
      render: (renderer) => renderer.renderTrend(data.trend),
    },
  ];
}

function buildQuietWeek(data: WeeklyDigestData, title: string): DigestMessage {
  const blocks = [
    header(title),
    section(`Nothing happened in ${data.week.label}: no lead was created or changed and no spend was recorded.`),
  ];
  return { text: buildMessageText(blocks), blocks, charts: [] };
}

export function buildWeeklyDigest(data: WeeklyDigestData): DigestMessage {
  const { settings } = data;
  const title = `ROI Runway — week of ${formatLocalMonthDay(data.week.start, settings.timeZone)}`;
  if (!data.hadActivity) return buildQuietWeek(data, title);
  const charts = buildCharts(data);
  const [roiChart, trendChart] = charts;
  const blocks: KnownBlock[] = [
    header(title),
    context([`${data.week.label} · ${data.quarter.label} · amounts in ${settings.currency}`]),
    section('*Last week* · change against the week before'),
    fields(buildKpiFields(data.weekKpis, data.previousWeekKpis, settings)),
    section(`*${data.quarter.label}*`),
    fields(buildKpiFields(data.quarterKpis, null, settings)),
    ...buildInquiryLine(data),
    ...buildDigestMoreBlocks(data),
    divider(),
    ...buildRoiList('ROI by campaign', data.roiByCampaign, settings),
    ...(roiChart ? [buildChartPlaceholder(roiChart)] : []),
    ...buildRoiList('ROI by source', data.roiBySource, settings),
    ...(trendChart ? [buildChartPlaceholder(trendChart)] : []),
    divider(),
    ...buildHygieneBlocks(data.hygiene, settings),
  ];
  return { text: buildMessageText(blocks), blocks, charts };
}
