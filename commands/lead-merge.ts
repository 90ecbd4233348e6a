// `/lead merge <company> into <company>` and the merge buttons (under a capture that found look-alikes, and in
// `/lead duplicates`): both sides must name one existing lead each — asked when unsure — then one survives.

import type { Actor, Lead } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import type { ChoiceButton } from '../src/slack/views/choices.js';
import { buildErrorReply, buildNoticeReply } from '../src/slack/views/reply.js';
import type { LeadChange } from './grammar/lead-grammar.js';
import type { LeadOutcome } from './lead-apply.js';
import { buildConfirmationReply } from './lead-confirm.js';
import { type Resolved, resolveChangeLead, resolvePickedLead } from './lead-resolve.js';
import { encodePendingChange, type PendingChoice } from './pending.js';

/** How many look-alikes a capture offers to merge with. */
export const MAX_MERGE_OFFERS = 3;

type MergeChange = Extract<LeadChange, { verb: 'merge' }>;
interface MergePending {
  change: MergeChange;
  choice: PendingChoice;
}

/** The button that merges `from` into `into`, carrying both ids (names can change or repeat, ids do not). */
export function buildMergeButton(from: Lead, into: Lead, label: string): ChoiceButton {
  const change: MergeChange = { verb: 'merge', from: from.company, into: into.company };
  return { label, value: encodePendingChange({ change, choice: { fromId: from.id, intoId: into.id } }) };
}

const sameName = (a: Lead, b: Lead) => a.company.trim().toLowerCase() === b.company.trim().toLowerCase();

/** "Same company as X — merge" for each look-alike (with its id when the name alone does not tell them apart). */
export function buildMergeOffers(lead: Lead, lookAlikes: readonly Lead[]): ChoiceButton[] {
  return lookAlikes.slice(0, MAX_MERGE_OFFERS).map((other) => {
    const twins = [lead, ...lookAlikes].filter((candidate) => candidate !== other && sameName(candidate, other));
    const name = twins.length > 0 ? `${other.company} (${other.id})` : other.company;
    return buildMergeButton(lead, other, `Same company as ${name} — merge`);
  });
}

/** "Acme Corp (L-000001), Acme Labs (L-000002) or Acme (L-000009)". */
export function describeLookAlikes(leads: readonly Lead[]): string {
  const names = leads.map((lead) => `${lead.company} (${lead.id})`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The lead merged away: named on a button (a second click finds it merged already), or by its name. */
function resolveMergedSide(deps: AppDeps, pending: MergePending): Resolved<Lead> {
  const { fromId } = pending.choice;
  if (fromId === undefined) return resolveChangeLead(deps, pending, pending.change.from, (id) => ({ fromId: id }));
  const { leads } = deps.services;
  const lead = leads.getLead(fromId);
  if (lead) return { done: false, value: lead };
  const survivor = leads.getCurrentLead(fromId);
  if (survivor === null) return { done: true, reply: buildErrorReply(`Lead ${fromId} no longer exists.`) };
  const notice = `${pending.change.from} (${fromId}) is already merged into ${survivor.company} (${survivor.id}).`;
  return { done: true, reply: buildNoticeReply(notice) };
}

export function runMerge(deps: AppDeps, actor: Actor, pending: MergePending): LeadOutcome {
  const merged = resolveMergedSide(deps, pending);
  if (merged.done) return { kind: 'reply', reply: merged.reply };
  const { intoId } = pending.choice;
  const kept =
    intoId === undefined
      ? resolveChangeLead(deps, pending, pending.change.into, (id) => ({ intoId: id }))
      : resolvePickedLead(deps, intoId);
  if (kept.done) return { kind: 'reply', reply: kept.reply };
  const [from, into] = [merged.value, kept.value];
  if (from.id === into.id) {
    return { kind: 'reply', reply: buildErrorReply(`Both name ${from.company} (${from.id}): nothing to merge.`) };
  }
  const { survivor } = deps.services.leads.mergeLeads(from.id, into.id, { actor });
  const page = deps.notion === null ? '' : ' Its Notion page goes to the trash.';
  const headline = `Merged ${from.company} (${from.id}) into ${survivor.company} (${survivor.id}).${page} /lead undo takes it back.`;
  return { kind: 'reply', reply: buildConfirmationReply(deps, { lead: survivor, headline }, undefined) };
}
