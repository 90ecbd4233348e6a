// How one lead reads in a reply: its fields as a person checks them after a change, and the stage moves it can
// make next.

import { sourceLabel } from '../../domain/catalog.js';
import { computeNextStage } from '../../domain/funnel.js';
import { formatMoney } from '../../domain/money.js';
import { formatLocalMonthDay } from '../../domain/periods.js';
import { type Lead, STAGE_LABELS, type Stage, type Touch } from '../../domain/types.js';
import { escapeSlackText, truncate } from '../blocks.js';

/**
 * Longest company name a card or a list line shows: as long as a name typed in Slack may be. A name typed into
 * Notion can be longer, and would otherwise push the lead id and the other fields out of Slack's limits.
 */
export const SHOWN_NAME_MAX = 200;

function buildNameText(lead: Lead): string {
  return escapeSlackText(truncate(lead.company, SHOWN_NAME_MAX));
}

export interface LeadFormat {
  currency: string;
  timeZone: string;
}

function describeTouch(touch: Touch, timeZone: string): string {
  const what = [touch.source === null ? null : sourceLabel(touch.source), touch.campaign].filter(Boolean).join(' / ');
  return `${what} (${formatLocalMonthDay(touch.at, timeZone)})`;
}

/** "SQL", or "Lost (from SQL)". */
export function buildStageText(lead: Lead): string {
  if (lead.stage !== 'lost') return STAGE_LABELS[lead.stage];
  return lead.lostFrom === null ? 'Lost' : `Lost (from ${STAGE_LABELS[lead.lostFrom]})`;
}

/** The lead's fields as mrkdwn section fields; everything a person typed is escaped. */
export function buildLeadFields(lead: Lead, format: LeadFormat): string[] {
  const list = [
    `*Lead*\n${buildNameText(lead)} (${escapeSlackText(lead.id)})`,
    `*Stage*\n${buildStageText(lead)}`,
    `*Source*\n${escapeSlackText(sourceLabel(lead.source))}`,
    `*Campaign*\n${lead.campaign === null ? '—' : escapeSlackText(lead.campaign)}`,
    `*Value*\n${lead.value === null ? '—' : formatMoney(lead.value, format.currency)}`,
    `*Owner*\n${escapeSlackText(lead.ownerName)}`,
  ];
  if (lead.touches.length > 0) {
    const touches = lead.touches.map((touch) => describeTouch(touch, format.timeZone)).join(', ');
    list.push(`*Touches*\n${escapeSlackText(touches)}`);
  }
  if (lead.contact !== null) list.push(`*Contact*\n${escapeSlackText(lead.contact)}`);
  if (lead.lostReason !== null) list.push(`*Lost reason*\n${escapeSlackText(lead.lostReason)}`);
  return list;
}

/** One line for a list of leads: name, id, stage, source, owner, value. */
export function buildLeadLine(lead: Lead, format: LeadFormat): string {
  const value = lead.value === null ? '' : ` · ${formatMoney(lead.value, format.currency)}`;
  const source = escapeSlackText(sourceLabel(lead.source));
  return `*${buildNameText(lead)}* (${escapeSlackText(lead.id)}) · ${buildStageText(lead)} · ${source} · ${escapeSlackText(lead.ownerName)}${value}`;
}

export interface StageMove {
  stage: Stage;
  label: string;
  style?: 'primary' | 'danger';
}

/** The moves offered under a lead: its next funnel stage, Won (when that is not the next one already), Lost. */
export function buildStageMoves(lead: Lead): StageMove[] {
  const moves: StageMove[] = [];
  if (lead.stage === 'lost') return [{ stage: 'lead', label: 'Reopen as Lead' }];
  // A customer is done: winning again or losing it are not funnel moves.
  if (lead.stage === 'customer') return moves;
  if (lead.stage !== 'opportunity') {
    const next = computeNextStage(lead.stage);
    moves.push({ stage: next, label: `Move to ${STAGE_LABELS[next]}`, style: 'primary' });
  }
  moves.push({ stage: 'customer', label: 'Won', style: 'primary' });
  moves.push({ stage: 'lost', label: 'Lost', style: 'danger' });
  return moves;
}
