// The funnel's detail: how long each transition takes, and why leads were lost. Shown by `/funnel` and behind the
// digest's "More" buttons.

import type { LostReasonsAtStage } from '../../domain/lost-reasons.js';
import { STAGE_LABELS, type TimeToConvert } from '../../domain/types.js';
import { escapeSlackText, type KnownBlock, section, truncate } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { formatAmount } from './numbers.js';

/** Longest lost reason shown; people type whole sentences into it. */
export const LOST_REASON_MAX = 80;

/** "3.5 days", "12 days", "1 day"; one decimal below ten days, where it still means something. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  const rounded = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return `${rounded.toLocaleString('en-US')} ${rounded === 1 ? 'day' : 'days'}`;
}

function buildTimeLine(row: TimeToConvert): string {
  const name = `${STAGE_LABELS[row.from]} → ${STAGE_LABELS[row.to]}`;
  // A lead that skipped the stage converted without a measurable time, so "none yet" would not be true.
  if (row.samples === 0) return `• ${name}: no measured conversion yet`;
  const conversions = `${row.samples.toLocaleString('en-US')} conversion${row.samples === 1 ? '' : 's'}`;
  return `• ${name}: median ${formatDays(row.medianDays)}, p90 ${formatDays(row.p90Days)} (${conversions})`;
}

/** "*Time to convert* …" and a line per transition: median, 90th percentile and how many conversions they rest on. */
export function buildTimeToConvertText(rows: readonly TimeToConvert[]): string {
  return ['*Time to convert* (median, 90th percentile)', ...rows.map(buildTimeLine)].join('\n');
}

/** Lines packed into as few sections as Slack's 3000-character ceiling allows; a line is never split. */
export function packSections(lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines) {
    const last = texts[texts.length - 1];
    if (last !== undefined && last.length + 1 + line.length <= SLACK_LIMITS.sectionText) {
      texts[texts.length - 1] = `${last}\n${line}`;
    } else texts.push(line);
  }
  return texts.map((text) => section(text));
}

function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : `${noun}s`}`;
}

function withValue(text: string, value: number, currency: string): string {
  return value > 0 ? `${text} · ${formatAmount(value, currency)}` : text;
}

function buildStageLines(stage: LostReasonsAtStage, currency: string): string[] {
  const title = withValue(
    `*Lost from ${STAGE_LABELS[stage.stage]}*: ${countOf(stage.lost, 'lead')}`,
    stage.value,
    currency,
  );
  const reasons = stage.reasons.map((row) => {
    const reason = row.reason === null ? '_no reason given_' : escapeSlackText(truncate(row.reason, LOST_REASON_MAX));
    return `• ${withValue(`${reason} — ${countOf(row.count, 'lead')}`, row.value, currency)}`;
  });
  const more =
    stage.otherReasons === 0
      ? []
      : [`_and ${countOf(stage.otherReasons, 'more reason')} (${countOf(stage.otherLeads, 'lead')})_`];
  return [title, ...reasons, ...more];
}

/**
 * Why leads were lost: per stage lost from, its count and value, then its top reasons with theirs. Reasons are what
 * people typed, so they are shortened and escaped.
 */
export function buildLostReasonBlocks(stages: readonly LostReasonsAtStage[], currency: string): KnownBlock[] {
  if (stages.length === 0) return [section('*Why leads were lost*\nNone of these leads was marked lost.')];
  const lines = ['*Why leads were lost* (top reasons per stage, value = their expected deals)'];
  for (const stage of stages) lines.push(...buildStageLines(stage, currency));
  return packSections(lines);
}
