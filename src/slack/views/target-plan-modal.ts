// The "Plan the year" modal of `/roi target plan [YYYY]`: one line per stage holding twelve comma-separated values,
// January to December, prefilled with what is recorded — counts for every stage, and conversion rates for the stages
// after Lead. Block and action ids are shared with the submission handler, so they live beside the builder.

import type { types } from '@slack/bolt';
import { formatPercent } from '../../domain/money.js';
import { TARGET_STAGES, type Target, type TargetStage } from '../../domain/types.js';
import { truncate } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';

export const TARGET_PLAN_CALLBACK = 'target_plan_modal' as const;
/** The one element inside every input block. */
export const TARGET_PLAN_ACTION = 'values' as const;
/** What a month left alone looks like in a line. */
export const KEEP_MARK = '-';
export const MONTHS_PER_LINE = 12;

/** Stages whose rate can be planned: everything after Lead (nothing converts into Visits or Lead here). */
export const RATE_STAGES = ['mql', 'sql', 'opportunity', 'customer'] as const satisfies readonly TargetStage[];

export type PlanField = 'count' | 'rate';

export function buildPlanBlockId(field: PlanField, stage: TargetStage): string {
  return `${field}_${stage}`;
}

const COUNT_LABELS: Record<TargetStage, string> = {
  visits: 'Website visits per month',
  lead: 'New leads per month',
  mql: 'MQLs per month',
  sql: 'SQLs per month',
  opportunity: 'Opportunities per month',
  customer: 'Customers per month',
};

const RATE_LABELS: Record<(typeof RATE_STAGES)[number], string> = {
  mql: 'Lead → MQL rate',
  sql: 'MQL → SQL rate',
  opportunity: 'SQL → Opportunity rate',
  customer: 'Opportunity → Customer rate',
};

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

/** "35%", "12.5%": as many decimals as the rate has (to one). */
function formatPlannedRate(rate: number): string {
  return formatPercent(rate, Number.isInteger(Math.round(rate * 1000) / 10) ? 0 : 1);
}

/** The twelve recorded values of a stage as a line, `-` where a month has none. */
export function buildPlanLine(targets: readonly Target[], year: number, stage: TargetStage, field: PlanField): string {
  const values = Array.from({ length: MONTHS_PER_LINE }, (_, m) => {
    const month = `${year}-${String(m + 1).padStart(2, '0')}`;
    const latest = targets
      .filter((target) => target.month === month && target.stage === stage && target[field] !== null)
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const value = latest?.[field];
    if (value === undefined || value === null) return KEEP_MARK;
    return field === 'rate' ? formatPlannedRate(value) : String(value);
  });
  return values.join(', ');
}

function buildInput(targets: readonly Target[], year: number, stage: TargetStage, field: PlanField): types.InputBlock {
  const label = field === 'count' ? COUNT_LABELS[stage] : RATE_LABELS[stage as (typeof RATE_STAGES)[number]];
  const initial = buildPlanLine(targets, year, stage, field);
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: TARGET_PLAN_ACTION,
    max_length: 300,
    placeholder: plain(field === 'count' ? '120, 130, 140, …' : '35%, 35%, 40%, …'),
    ...(initial.split(', ').every((value) => value === KEEP_MARK) ? {} : { initial_value: initial }),
  };
  return { type: 'input', block_id: buildPlanBlockId(field, stage), optional: true, label: plain(label), element };
}

export interface TargetPlanModalInput {
  year: number;
  targets: readonly Target[];
  privateMetadata: string;
}

export function buildTargetPlanModal(input: TargetPlanModalInput): types.ModalView {
  const { year, targets } = input;
  const intro =
    `Twelve values per line, *January to December ${year}*, separated by commas. ` +
    `\`${KEEP_MARK}\` (or nothing) leaves a month as it is. Counts are whole numbers; rates are percentages (35%).`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: intro } }];
  for (const stage of TARGET_STAGES) blocks.push(buildInput(targets, year, stage, 'count'));
  for (const stage of RATE_STAGES) blocks.push(buildInput(targets, year, stage, 'rate'));
  return {
    type: 'modal',
    callback_id: TARGET_PLAN_CALLBACK,
    title: plain(truncate(`Plan ${year}`, SLACK_LIMITS.modalTitle)),
    submit: plain('Save the plan'),
    close: plain('Cancel'),
    private_metadata: input.privateMetadata,
    blocks,
  };
}
