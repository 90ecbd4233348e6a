// Carrying out a `/lead` change — typed, or finished by a click — and confirming it with the lead's new state and
// the next moves as buttons.

import { sourceLabel } from '../src/domain/catalog.js';
import { formatMoney } from '../src/domain/money.js';
import { type Actor, type Lead, STAGE_LABELS } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import type { ChoiceButton } from '../src/slack/views/choices.js';
import { buildStageMoves } from '../src/slack/views/lead-card.js';
import { buildLeadConfirmation } from '../src/slack/views/lead-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import { buildLeadFormat } from './format.js';
import type { LeadChange } from './grammar/lead-grammar.js';
import { resolveChangeLead, resolveChangeSource, resolveTouchTarget } from './lead-resolve.js';
import { encodePendingChange, type PendingChange } from './pending.js';

/** A reply, or the "Log a lead" modal to open (a source without a company), prefilled with that source. */
export type LeadOutcome = { kind: 'reply'; reply: Reply } | { kind: 'modal'; source: string };

export interface Applied {
  lead: Lead;
  headline: string;
  extra?: ChoiceButton[];
}

type Step = Applied | LeadOutcome;

const answer = (reply: Reply): LeadOutcome => ({ kind: 'reply', reply });

function buildStageButtons(lead: Lead): ChoiceButton[] {
  return buildStageMoves(lead).map((move) => ({
    label: move.label,
    ...(move.style === undefined ? {} : { style: move.style }),
    value: encodePendingChange({
      change: { verb: 'stage', stage: move.stage, company: lead.company },
      choice: { leadId: lead.id },
    }),
  }));
}

/** The confirmation of a change: the headline, the lead as it is now, whether Notion has it, the next moves. */
export function buildConfirmationReply(deps: AppDeps, applied: Applied, at: number | undefined): Reply {
  const { lead } = applied;
  deps.notion?.nudge();
  const reply = buildLeadConfirmation(
    {
      lead,
      headline: applied.headline,
      syncStatus: deps.notion?.syncStatus('lead', lead.id) ?? null,
      ...(at === undefined ? {} : { backdatedTo: at }),
      buttons: [...(applied.extra ?? []), ...buildStageButtons(lead)],
    },
    buildLeadFormat(deps),
  );
  return reply;
}

function applySource(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  change: Extract<LeadChange, { verb: 'source' }>,
): Step {
  const { leads } = deps.services;
  const source = resolveChangeSource(deps, actor, pending, change.source);
  if (source.done) return answer(source.reply);
  if (change.company === null) return { kind: 'modal', source: source.value };
  const found = resolveChangeLead(deps, pending, change.company);
  if (found.done) return answer(found.reply);
  const ctx = { actor, ...(change.at === undefined ? {} : { at: change.at }) };
  const label = sourceLabel(source.value);
  if (found.value === null) {
    const lead = leads.createLead({ company: change.company, source: source.value }, ctx);
    return { lead, headline: `Logged ${lead.company} from ${label}.` };
  }
  const before = found.value;
  const { lead, addedAsTouch } = leads.setSource(before.id, source.value, ctx, {
    primary: pending.choice.primary === true,
  });
  if (addedAsTouch) {
    const promote = encodePendingChange({
      change: { verb: 'source', source: source.value, company: lead.company },
      choice: { leadId: lead.id, source: source.value, primary: true },
    });
    const headline = `${lead.company} first came from ${sourceLabel(before.source)}; ${label} is recorded as a touch.`;
    return { lead, headline, extra: [{ label: `Make ${label} the primary source`, value: promote }] };
  }
  if (lead.source === before.source)
    return { lead, headline: `${lead.company} already has ${label}; nothing changed.` };
  return { lead, headline: `${label} is now the source of ${lead.company}.` };
}

function describeStage(lead: Lead, currency: string): string {
  const value = lead.value === null ? '' : ` Value ${formatMoney(lead.value, currency)}.`;
  if (lead.stage === 'lost') return `Marked ${lead.company} as lost.${value}`;
  if (lead.stage === 'customer') return `${lead.company} is a customer. Won!${value}`;
  return `Moved ${lead.company} to ${STAGE_LABELS[lead.stage]}.${value}`;
}

function applyToLead(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  change: Exclude<LeadChange, { verb: 'source' }>,
): Step {
  const { leads } = deps.services;
  const found = resolveChangeLead(deps, pending, change.company);
  if (found.done) return answer(found.reply);
  if (found.value === null) return answer(buildErrorReply(`No lead matches "${change.company}".`));
  const id = found.value.id;
  const ctx = { actor, ...(change.at === undefined ? {} : { at: change.at }) };
  if (change.verb === 'stage') {
    const options = {
      ...(change.value === undefined ? {} : { value: change.value }),
      lostReason: change.reason?.trim() || null,
    };
    const lead = leads.moveStage(id, change.stage, ctx, options);
    return { lead, headline: describeStage(lead, deps.settings.currency) };
  }
  if (change.verb === 'campaign') {
    const lead = leads.setCampaign(id, change.campaign, ctx);
    return { lead, headline: `Attributed ${lead.company} to campaign ${change.campaign}.` };
  }
  const target = resolveTouchTarget(deps, actor, { change, choice: pending.choice }, change.target);
  if (target.done) return answer(target.reply);
  const lead = leads.addTouch(id, target.value, ctx);
  const what = 'source' in target.value ? sourceLabel(target.value.source) : `campaign ${target.value.campaign}`;
  return { lead, headline: `Recorded a touch from ${what} on ${lead.company}.` };
}

/** Runs the change; what the store refuses (not found, invalid, already there) becomes a reply saying why. */
export function runLeadChange(deps: AppDeps, actor: Actor, pending: PendingChange): LeadOutcome {
  const { change } = pending;
  try {
    const step =
      change.verb === 'source' ? applySource(deps, actor, pending, change) : applyToLead(deps, actor, pending, change);
    return 'kind' in step ? step : answer(buildConfirmationReply(deps, step, change.at));
  } catch (error) {
    if (!isStoreError(error)) throw error;
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return answer(buildErrorReply(`${message}.`));
  }
}
