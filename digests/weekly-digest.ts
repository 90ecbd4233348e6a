// The Monday ROI digest: last week's and the quarter's KPIs, the lag-aware ROI per campaign and per source under a
// named attribution model (judged ones ranked, young ones apart with their projection: never called −100%), the ROI
// and trend charts, and the hygiene lists (leads without a source, stale opportunities, how many leads look logged
// twice).
// Pure: it describes the charts and leaves drawing and uploading to the runner.

import { buildModelName, buildRoiFallback, buildTrendFallback } from '../src/charts/fallback.js';
import { formatMoney, formatRoi } from '../src/domain/money.js';
import { formatLocalMonthDay } from '../src/domain/periods.js';
import { formatProjectedRoi, formatRoiStanding } from '../src/domain/projection-words.js';
import { groupRoiProjections, isJudged } from '../src/domain/roi-projection.js';
import type { Hygiene, MetricSettings, RoiProjection, WeeklyDigestData } from '../src/domain/types.js';
import { context, divider, fields, header, type KnownBlock, section } from '../src/slack/blocks.js';
import { buildAgreementLine, buildChannelLine } from '../src/slack/views/inquiry-views.js';
import { buildRoiKeyName } from '../src/slack/views/roi-notes.js';
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

/**
 * One campaign or source: a judged one with its ROI so far and its projection, a young one with its projection and
 * when it can be judged (never its loss so far), one without spend with what it brought in.
 */
function buildRoiLine(projection: RoiProjection, marker: string, settings: MetricSettings): string {
  const name = escapeLabel(buildRoiKeyName(projection.key, projection.kind));
  const money = (amount: number) => formatMoney(amount, settings.currency, { compact: true });
  const customers = `${Math.round(projection.customers * 10) / 10} customer${projection.customers === 1 ? '' : 's'}`;
  const leads = `${Math.round(projection.leads * 10) / 10} lead${projection.leads === 1 ? '' : 's'}`;
  switch (projection.verdict) {
    case 'too-early':
      return `${marker} *${name}* ${formatRoiStanding(projection, settings.timeZone)} · spend ${money(projection.spend)} · ${leads}`;
    case 'no-spend':
      return (
        `${marker} *${name}* no spend · revenue ${money(projection.wonSoFar)} · ${customers} · ` +
        `${money(projection.expectedRevenue)} expected`
      );
    default:
      return (
        `${marker} *${name}* ${formatRoi(projection.roiSoFar)} · spend ${money(projection.spend)} · ` +
        `revenue ${money(projection.wonSoFar)} · ${customers} · ${formatProjectedRoi(projection)}`
      );
  }
}

/** Judged rows numbered by projected ROI, then the too-early ones and those without spend, ROI_LIST_ROWS at most. */
function buildRoiLines(projections: readonly RoiProjection[], settings: MetricSettings): string[] {
  const groups = groupRoiProjections(projections);
  let room = ROI_LIST_ROWS;
  const take = (rows: readonly RoiProjection[]) => {
    const taken = rows.slice(0, room);
    room -= taken.length;
    return taken;
  };
  const ranked = take(projections.filter(isJudged));
  const young = take(groups['too-early']);
  const unspent = take(groups['no-spend']);
  const lines = ranked.map((row, i) => buildRoiLine(row, `${i + 1}.`, settings));
  if (young.length > 0) {
    lines.push('_Too early to judge: most of their leads are younger than leads usually take to close_');
    lines.push(...young.map((row) => buildRoiLine(row, '•', settings)));
  }
  lines.push(...unspent.map((row) => buildRoiLine(row, '•', settings)));
  const more = buildMoreNote(projections.length, ranked.length + young.length + unspent.length);
  return more === null ? lines : [...lines, more];
}

function buildRoiList(title: string, projections: readonly RoiProjection[], settings: MetricSettings): KnownBlock[] {
  const model = buildModelName(projections[0]?.model ?? 'first-touch');
  const heading = `*${title}* · ${model} attribution, quarter to date`;
  if (projections.length === 0) return [section(`${heading}\nNothing to show yet.`)];
  return buildListSections(heading, buildRoiLines(projections, settings));
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
      altText: buildRoiFallback(data.roiProjectionsByCampaign, data.settings.timeZone),
      render: (renderer) => renderer.renderRoiByCampaign(data.roiProjectionsByCampaign, data.settings),
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
    ...buildRoiList('ROI by campaign', data.roiProjectionsByCampaign, settings),
    ...(roiChart ? [buildChartPlaceholder(roiChart)] : []),
    ...buildRoiList('ROI by source', data.roiProjectionsBySource, settings),
    ...(trendChart ? [buildChartPlaceholder(trendChart)] : []),
    divider(),
    ...buildHygieneBlocks(data.hygiene, settings),
  ];
  return { text: buildMessageText(blocks), blocks, charts };
}
