// The question to the rep, right after an inquiry or a lead logged without a source: "Call from Acme Corp (tracked:
// Thomasnet, spring-expo) — where did they say they heard of us?", with the likely sources as buttons and every
// source in a menu. What the buttons carry is parsed back with zod when clicked.

import { z } from 'zod';
import { sourceLabel } from '../../domain/catalog.js';
import type { Channel, Lead } from '../../domain/types.js';
import { type ActionsBlock, button, context, escapeSlackText, type KnownBlock, section } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { buildChoiceActions, type ChoiceButton } from './choices.js';
import { buildFallbackText, type Reply } from './reply.js';

export const PROMPT_ANSWER_ACTION = 'prompt_said' as const;
/** Buttons are prompt_said:0, prompt_said:1, … (action ids are unique within a block); the menu is prompt_said:menu. */
export const PROMPT_ANSWER_PATTERN = /^prompt_said:(\d+|menu)$/;

const answerSchema = z.object({ leadId: z.string().min(1).max(40), source: z.string().min(1).max(100) }).strict();
export type PromptAnswer = z.infer<typeof answerSchema>;

export function parsePromptAnswer(value: string | undefined): PromptAnswer | null {
  if (value === undefined) return null;
  try {
    const parsed = answerSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const ARRIVALS: Readonly<Record<Channel, string>> = {
  phone: 'Call from',
  'web-form': 'Web form from',
  email: 'Email from',
  chat: 'Chat from',
  'in-person': 'Visit from',
  other: 'Inquiry from',
};

export interface PromptView {
  lead: Lead;
  kind: 'ask' | 'reminder';
  /** True when a webhook inquiry asked (not a rep logging the lead). */
  fromInquiry: boolean;
  likely: readonly string[];
  /** Every source for the menu (catalog and the team's own). */
  allSources: readonly string[];
  /**
   * Leads the inquiry's company only resembled (an uncertain match logs a new lead, as `/lead source` does), with a
   * "Same company as X — merge" button each.
   */
  lookAlikes?: readonly Lead[];
  mergeOffers?: readonly ChoiceButton[];
}

function buildTrackedNote(lead: Lead): string {
  const parts = [
    lead.trackedSource === undefined ? null : sourceLabel(lead.trackedSource),
    lead.trackedCampaign ?? null,
  ];
  const shown = parts.filter((part): part is string => part !== null);
  return shown.length === 0 ? '' : ` (tracked: ${shown.join(', ')})`;
}

/** The question in words, plain text (escaped by the caller). */
export function buildPromptQuestion(view: PromptView): string {
  const { lead } = view;
  const question = 'where did they say they heard of us?';
  const tracked = buildTrackedNote(lead);
  if (view.kind === 'reminder') return `Reminder: ${lead.company}${tracked} still has no answer — ${question}`;
  if (view.fromInquiry) return `${ARRIVALS[lead.channel]} ${lead.company}${tracked} — ${question}`;
  return `You logged ${lead.company} without a source — ${question}`;
}

function buildAnswerValue(leadId: string, source: string): string {
  return JSON.stringify({ leadId, source });
}

function buildAnswerActions(view: PromptView): ActionsBlock {
  const buttons = view.likely.map((source, index) =>
    button({
      text: sourceLabel(source),
      actionId: `${PROMPT_ANSWER_ACTION}:${index}`,
      value: buildAnswerValue(view.lead.id, source),
    }),
  );
  const options = view.allSources.slice(0, SLACK_LIMITS.staticSelectOptions).map((source) => ({
    text: { type: 'plain_text' as const, text: sourceLabel(source).slice(0, SLACK_LIMITS.optionText) },
    value: buildAnswerValue(view.lead.id, source),
  }));
  const menu = {
    type: 'static_select' as const,
    action_id: `${PROMPT_ANSWER_ACTION}:menu`,
    placeholder: { type: 'plain_text' as const, text: 'Another source…' },
    options,
  };
  return { type: 'actions', block_id: 'prompt_answer', elements: [...buttons, menu] };
}

function buildMergeBlocks(view: PromptView): KnownBlock[] {
  const lookAlikes = view.lookAlikes ?? [];
  const offers = view.mergeOffers ?? [];
  if (lookAlikes.length === 0 || offers.length === 0) return [];
  const names = lookAlikes.map((lead) => `${lead.company} (${lead.id})`).join(', ');
  const note = `It may be the same company as ${names}: if so, merge it below.`;
  return [section(escapeSlackText(note)), ...buildChoiceActions(offers, 'prompt_merge')];
}

export function buildInquiryPrompt(view: PromptView): Reply {
  const question = buildPromptQuestion(view);
  const blocks: KnownBlock[] = [
    section(escapeSlackText(question)),
    buildAnswerActions(view),
    ...buildMergeBlocks(view),
    context([
      escapeSlackText(`${view.lead.id} · what they say becomes the lead's Source; a tracked source is kept beside it.`),
    ]),
  ];
  return { text: buildFallbackText(question), blocks };
}

/** What replaces the question once answered, so nobody answers it twice. */
export function buildPromptAnswered(lead: Lead, answeredBy: string): Reply {
  const tracked = lead.trackedSource === undefined ? '' : `; tracked: ${sourceLabel(lead.trackedSource)}`;
  const said = sourceLabel(lead.reportedSource ?? lead.source);
  const message = `${lead.company} (${lead.id}): they said ${said}${tracked}. Recorded by ${answeredBy}.`;
  return { text: buildFallbackText(message), blocks: [section(`:white_check_mark: ${escapeSlackText(message)}`)] };
}
