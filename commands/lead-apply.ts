// Carrying out a `/lead` change — typed, or finished by a click — and confirming it with the lead's new state and
// the next moves as buttons.

import { sourceLabel } from '../src/domain/catalog.js';
import { formatMoney } from '../src/domain/money.js';
import { type Actor, type Lead, STAGE_LABELS } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import type { LeadChange } from './grammar/lead-grammar.js';
import { captureLead } from './lead-capture.js';
import { type Applied, buildConfirmationReply } from './lead-confirm.js';
import { runMerge } from './lead-merge.js';
import { resolveChangeLead, resolveChangeSource, resolvePickedLead, resolveTouchTarget } from './lead-resolve.js';
import type { PendingChange } from './pending.js';

export type { Applied } from './lead-confirm.js';

/** A reply, or the "Log a lead" modal to open (a source without a company), prefilled with that source. */
export type LeadOutcome = { kind: 'reply'; reply: Reply } | { kind: 'modal'; source: string };

type Step = Applied | LeadOutcome;

const answer = (reply: Reply): LeadOutcome => ({ kind: 'reply', reply });

function applySource(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  change: Extract<LeadChange, { verb: 'source' }>,
): Step {
  if (change.company !== null) return captureLead(deps, actor, { change, choice: pending.choice }, change.company);
  const source = resolveChangeSource(deps, actor, pending, change.source);
  return source.done ? answer(source.reply) : { kind: 'modal', source: source.value };
}

function describeStage(lead: Lead, currency: string): string {
  const value = lead.value === null ? '' : ` Value ${formatMoney(lead.value, currency)}.`;
  if (lead.stage === 'lost') return `Marked ${lead.company} as lost.${value}`;
  if (lead.stage === 'customer') return `${lead.company} is a customer. Won!${value}`;
  return `Moved ${lead.company} to ${STAGE_LABELS[lead.stage]}.${value}`;
}

/** Stage, campaign and touch name one existing lead: when the name is not enough, the person picks (no guessing). */
function applyToLead(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  change: Extract<LeadChange, { verb: 'stage' | 'campaign' | 'touch' }>,
): Step {
  const { leads } = deps.services;
  const { leadId } = pending.choice;
  const found =
    leadId === undefined ? resolveChangeLead(deps, pending, change.company) : resolvePickedLead(deps, leadId);
  if (found.done) return answer(found.reply);
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

function applyChange(deps: AppDeps, actor: Actor, pending: PendingChange): LeadOutcome {
  const { change } = pending;
  if (change.verb === 'merge') return runMerge(deps, actor, { change, choice: pending.choice });
  const step =
    change.verb === 'source' ? applySource(deps, actor, pending, change) : applyToLead(deps, actor, pending, change);
  return 'kind' in step ? step : answer(buildConfirmationReply(deps, step, change.at));
}

/** Runs the change; what the store refuses (not found, invalid, already there) becomes a reply saying why. */
export function runLeadChange(deps: AppDeps, actor: Actor, pending: PendingChange): LeadOutcome {
  try {
    return applyChange(deps, actor, pending);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return answer(buildErrorReply(`${message}.`));
  }
}
