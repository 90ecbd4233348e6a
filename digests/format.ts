// Pieces both Monday digests are built from: KPI fields, bounded lists, chart placeholders and the plain-text
// version of a message. Everything a user typed (company, owner, campaign names) goes through escapeLabel.

import { formatChange, formatMoney, formatPercent, formatRoi } from '../src/domain/money.js';
import type { KpiSet, LeadRef, MetricSettings } from '../src/domain/types.js';
import { context, escapeSlackText, type KnownBlock, section, truncate } from '../src/slack/blocks.js';
import { SLACK_LIMITS } from '../src/slack/limits.js';
import type { ChartSpec } from './types.js';

/** Longest name shown in a list line; a 500-character company name would otherwise crowd out the rest. */
export const LABEL_MAX = 60;
export const CHART_BLOCK_PREFIX = 'chart:';

/** Shortened first, then escaped, so the cut never lands inside an entity. */
/** A lead's name in bold, linked to its Notion page when it has one. */
export function buildLeadLabel(lead: LeadRef): string {
  const name = escapeLabel(lead.company);
  return lead.notionUrl ? `*<${lead.notionUrl}|${name}>*` : `*${name}*`;
}

export function escapeLabel(text: string, max = LABEL_MAX): string {
  return escapeSlackText(truncate(text, max));
}

/** A mention for a real Slack user id (`U…`/`W…`); anything else is shown as the escaped name. */
export function buildOwnerMention(ownerId: string, ownerName: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(ownerId) ? `<@${ownerId}>` : escapeLabel(ownerName);
}

export function buildMoreNote(total: number, shown: number): string | null {
  return total > shown ? `_and ${total - shown} more_` : null;
}

/**
 * Sections holding a heading and its lines, split where one would pass Slack's 3000-character limit, so a long
 * list moves to a second block instead of losing its tail.
 */
export function buildListSections(heading: string, lines: readonly string[]): KnownBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const chunks: string[] = [truncate(heading, max)];
  for (const line of lines) {
    const last = chunks[chunks.length - 1] ?? '';
    if (last.length + 1 + line.length <= max) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return chunks.map((chunk) => section(chunk));
}

/** Change of a ratio in percentage points: "▲ 10 pts"; relative change of a ratio means little to readers. */
export function buildPointChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '—';
  const points = Math.round((current - previous) * 100);
  if (points === 0) return '—';
  return `${points > 0 ? '▲' : '▼'} ${Math.abs(points).toLocaleString('en-US')} pts`;
}

interface KpiFigure {
  name: string;
  value: string;
  change: string | null;
}

function buildKpiFigures(current: KpiSet, previous: KpiSet | null, settings: MetricSettings): KpiFigure[] {
  const money = (amount: number | null) => (amount === null ? '—' : formatMoney(amount, settings.currency));
  const compact = (amount: number) => formatMoney(amount, settings.currency, { compact: true });
  const change = (pick: (kpis: KpiSet) => number | null) =>
    previous === null ? null : formatChange(pick(current), pick(previous));
  const points = (pick: (kpis: KpiSet) => number | null) =>
    previous === null ? null : buildPointChange(pick(current), pick(previous));
  return [
    { name: 'Leads', value: `${current.leads}`, change: change((k) => k.leads) },
    { name: 'Customers', value: `${current.customers}`, change: change((k) => k.customers) },
    { name: 'Revenue', value: compact(current.revenue), change: change((k) => k.revenue) },
    { name: 'Spend', value: compact(current.spend), change: change((k) => k.spend) },
    { name: 'ROI', value: formatRoi(current.roi), change: points((k) => k.roi) },
    { name: 'CAC', value: money(current.cac), change: change((k) => k.cac) },
    { name: 'CPL', value: money(current.cpl), change: change((k) => k.cpl) },
    { name: 'Source coverage', value: formatPercent(current.sourceCoverage), change: points((k) => k.sourceCoverage) },
  ];
}

/** Eight KPI fields ("*Leads*\n40 · ▲ 25%"), with the change against `previous` when there is one. */
export function buildKpiFields(current: KpiSet, previous: KpiSet | null, settings: MetricSettings): string[] {
  return buildKpiFigures(current, previous, settings).map(
    (figure) => `*${figure.name}*\n${figure.value}${figure.change === null ? '' : ` · ${figure.change}`}`,
  );
}

/** Where a chart goes: until its image is uploaded (or if that fails) the chart's words stand in for it. */
export function buildChartPlaceholder(spec: ChartSpec): KnownBlock {
  const text = `:bar_chart: *${escapeSlackText(spec.title)}*: ${escapeSlackText(spec.altText)}`;
  return context([text], `${CHART_BLOCK_PREFIX}${spec.id}`);
}

function buildBlockText(block: KnownBlock): string[] {
  switch (block.type) {
    case 'header':
      return [`*${block.text.text}*`];
    case 'section':
      return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text.replace('\n', ': '))];
    case 'context':
      return block.elements.flatMap((element) => ('text' in element ? [element.text] : []));
    case 'image':
      return [block.alt_text];
    default:
      return [];
  }
}

/** The plain-text version of a message: every block's words in order, within Slack's 40,000 characters. */
export function buildMessageText(blocks: readonly KnownBlock[]): string {
  const lines = blocks.flatMap(buildBlockText).filter((line) => line.trim() !== '');
  return truncate(lines.join('\n'), SLACK_LIMITS.messageText);
}
