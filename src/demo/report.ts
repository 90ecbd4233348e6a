// Readable copies of the digest for people without Slack: a Markdown file and a terminal summary.

import { sourceLabel } from '../domain/catalog.js';
import { formatChange, formatMoney, formatPercent, formatRoi } from '../domain/money.js';
import { formatRoiStanding } from '../domain/projection-words.js';
import { buildStageNoun, formatFigure } from '../domain/runway-format.js';
import type { KpiSet, MetricSettings, RoiProjection, WeeklyDigestData } from '../domain/types.js';
import type { KnownBlock } from '../slack/blocks.js';

interface DigestLike {
  text: string;
  blocks: KnownBlock[];
}

/** Slack mrkdwn to Markdown: bold, italics, links and mentions, then the HTML escapes Slack needs undone. */
export function buildMarkdownFromMrkdwn(text: string): string {
  return text
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1**$2**')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1*$2*')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function buildBlockMarkdown(block: KnownBlock, imageFiles: Record<string, string>): string {
  switch (block.type) {
    case 'header':
      return `## ${block.text.text}`;
    case 'section': {
      const parts = [block.text?.text ?? '', ...(block.fields ?? []).map((f) => `- ${f.text.replace(/\n/g, ' — ')}`)];
      return parts.filter(Boolean).map(buildMarkdownFromMrkdwn).join('\n');
    }
    case 'context':
      return block.elements.map((e) => ('text' in e ? `> ${buildMarkdownFromMrkdwn(e.text)}` : '')).join('\n');
    case 'divider':
      return '---';
    case 'image': {
      const id = 'slack_file' in block && block.slack_file && 'id' in block.slack_file ? block.slack_file.id : '';
      const file = (id && imageFiles[id]) || ('image_url' in block ? block.image_url : '');
      return `![${block.alt_text}](${file})`;
    }
    default:
      return '';
  }
}

/** `imageFiles` maps the file id placed in an image block to the PNG written beside the Markdown. */
export function buildDigestMarkdown(messages: readonly DigestLike[], imageFiles: Record<string, string>): string {
  return `${messages
    .map((m) =>
      m.blocks
        .map((b) => buildBlockMarkdown(b, imageFiles))
        .filter(Boolean)
        .join('\n\n'),
    )
    .join('\n\n---\n\n')}\n`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function buildKpiLines(week: KpiSet, previous: KpiSet, quarter: KpiSet, currency: string): string[] {
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, currency, { compact: true }));
  const rows: [string, string, string, string][] = [
    ['Leads', String(week.leads), formatChange(week.leads, previous.leads), String(quarter.leads)],
    ['Customers', String(week.customers), formatChange(week.customers, previous.customers), String(quarter.customers)],
    ['Revenue', money(week.revenue), formatChange(week.revenue, previous.revenue), money(quarter.revenue)],
    ['Spend', money(week.spend), formatChange(week.spend, previous.spend), money(quarter.spend)],
    ['ROI', formatRoi(week.roi), '', formatRoi(quarter.roi)],
    ['CAC (blended)', money(week.blendedCac), '', money(quarter.blendedCac)],
    ['CPL', money(week.cpl), '', money(quarter.cpl)],
    ['Source coverage', formatPercent(week.sourceCoverage), '', formatPercent(quarter.sourceCoverage)],
  ];
  return [
    `  ${pad('', 17)}${pad('last week', 12)}${pad('vs prior', 10)}quarter to date`,
    ...rows.map(([name, w, change, q]) => `  ${pad(name, 17)}${pad(w, 12)}${pad(change, 10)}${q}`),
  ];
}

/** One line per campaign: its leads of the quarter, what they won, and the lag-aware verdict with its projection. */
function buildRoiLines(projections: readonly RoiProjection[], settings: MetricSettings): string[] {
  const money = (n: number) => formatMoney(n, settings.currency, { compact: true });
  return [
    `  ${pad('campaign', 20)}${pad('spend', 10)}${pad('leads', 8)}${pad('won', 10)}verdict`,
    ...projections
      .slice(0, 10)
      .map(
        (r) =>
          `  ${pad(r.key, 20)}${pad(money(r.spend), 10)}${pad(r.leads.toFixed(0), 8)}${pad(money(r.wonSoFar), 10)}` +
          formatRoiStanding(r, settings.timeZone),
      ),
  ];
}

function buildLeakLines(data: WeeklyDigestData): string[] {
  if (data.leak.kind === 'none') return [`  No significant leak: ${data.leak.reason}`];
  const w = data.leak.weakest;
  const currency = data.settings.currency;
  const sources = w.drivingSources.map((s) => `${sourceLabel(s.source)} (${formatPercent(s.rate)})`).join(', ');
  return [
    `  Weakest stage: ${w.from.toUpperCase()} → ${w.to.toUpperCase()} converts ${formatPercent(w.rate)} ` +
      `(95% CI ${formatPercent(w.low)}–${formatPercent(w.high)}) vs ${formatPercent(w.expected)} ${w.expectedKind}`,
    `  It costs about ${formatMoney(Math.round(w.moneyLost), currency)} (${w.missingConversions.toFixed(0)} missing conversions ` +
      `× ${formatPercent(w.downstreamRate)} downstream × ${formatMoney(w.averageWonValue, currency, { compact: true })} average deal)`,
    ...(sources ? [`  Driven by: ${sources}`] : []),
  ];
}

function buildRunwayLine(data: WeeklyDigestData): string {
  const { runway } = data;
  const gap = runway.biggestGap;
  const behind =
    gap === null
      ? 'every stage on or ahead of plan'
      : `biggest gap ${buildStageNoun(gap.stage)}, ${formatFigure(-gap.gap)} short of the year's plan (${formatRoi(gap.share)})`;
  return `  Results Runway ${runway.year}: ${behind}`;
}

export function buildTerminalSummary(
  data: WeeklyDigestData,
  run: { outDir: string; files: readonly string[]; seconds: number },
): string {
  const currency = data.settings.currency;
  return `${[
    `ROI Runway — Monday digest for ${data.week.label}`,
    '',
    ...buildKpiLines(data.weekKpis, data.previousWeekKpis, data.quarterKpis, currency),
    '',
    'ROI by campaign (leads of the quarter to date, first touch; projected with an 80% interval):',
    ...buildRoiLines(data.roiProjectionsByCampaign, data.settings),
    '',
    ...buildLeakLines(data),
    buildRunwayLine(data),
    '',
    `Wrote ${run.outDir}/digest.json, ${run.outDir}/digest.md and ${run.files.map((f) => `${run.outDir}/${f}`).join(', ')}`,
    `Done in ${run.seconds.toFixed(1)} s.`,
  ].join('\n')}\n`;
}
