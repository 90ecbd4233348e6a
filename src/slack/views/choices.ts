// Buttons that finish a change the person started: pick a lead, pick a source, advance a stage. Every one of them
// shares one action id prefix; the value says what to do (the handler decodes it), so one listener serves them all.

import { type ActionsBlock, actions, button } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';

/** Buttons get `lead_continue:0`, `lead_continue:1`, …: Slack wants action ids unique within a block. */
export const LEAD_CONTINUE_ACTION = 'lead_continue' as const;
export const LEAD_CONTINUE_PATTERN = /^lead_continue:\d+$/;

export interface ChoiceButton {
  /** Plain text; escaped and shortened by the button builder. */
  label: string;
  /** The encoded pending change; buttons whose value would not fit are left out by the caller. */
  value: string;
  style?: 'primary' | 'danger';
}

/** A row of choice buttons, or nothing when there is no choice to offer (Slack rejects an empty actions block). */
export function buildChoiceActions(choices: readonly ChoiceButton[], blockId: string): ActionsBlock[] {
  const fitting = choices.filter((choice) => choice.value.length <= SLACK_LIMITS.buttonValue);
  if (fitting.length === 0) return [];
  const buttons = fitting.map((choice, i) =>
    button({
      text: choice.label,
      actionId: `${LEAD_CONTINUE_ACTION}:${i}`,
      value: choice.value,
      ...(choice.style === undefined ? {} : { style: choice.style }),
    }),
  );
  return [actions(buttons, blockId)];
}
