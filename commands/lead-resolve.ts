// Turning what a rep typed into things the store knows: a catalog or team source, a touch target, a lead. When the
// text is not enough, the answer is a question with buttons that carry the change on (never a silent guess).

import { isValidNewSourceSlug, normalizeCampaign, normalizeSlug, resolveSource } from '../src/domain/catalog.js';
import type { Actor, Lead } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import type { ChoiceButton } from '../src/slack/views/choices.js';
import { buildCompanyChoice, buildNameSuggestions, buildSourceOptionLabel } from '../src/slack/views/lead-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { computeClosestNames, SOURCE_HINT } from './closest-names.js';
import { buildLeadFormat } from './format.js';
import type { LeadChange } from './grammar/lead-grammar.js';
import { encodePendingChange, type PendingChange, type PendingChoice } from './pending.js';

/** A step either yields its value or ends the change with a reply. */
export type Resolved<T> = { done: false; value: T } | { done: true; reply: Reply };

const reply = (answer: Reply): Resolved<never> => ({ done: true, reply: answer });
export const value = <T>(found: T): Resolved<T> => ({ done: false, value: found });

function buildChoiceButton(pending: PendingChange, label: string, choice: PendingChoice): ChoiceButton {
  return { label, value: encodePendingChange({ change: pending.change, choice: { ...pending.choice, ...choice } }) };
}

export interface NameButtons {
  suggestions: ChoiceButton[];
  offers: ChoiceButton[];
}

/** The closest sources as buttons, and the offer to add what was typed as a new one when it makes a valid name. */
export function buildSourceButtons(pending: PendingChange, typed: string, suggestions: readonly string[]): NameButtons {
  const buttons: NameButtons = {
    suggestions: suggestions.map((slug) =>
      buildChoiceButton(pending, buildSourceOptionLabel(slug), { source: slug, touchAs: 'source' }),
    ),
    offers: [],
  };
  const slug = normalizeSlug(typed);
  if (isValidNewSourceSlug(slug)) {
    buttons.offers.push(
      buildChoiceButton(pending, `Add "${slug}" as a new source`, { addSource: slug, touchAs: 'source' }),
    );
  }
  return buttons;
}

export type ChangeSource = { slug: string } | { suggestions: string[] };

/** The source of a `/lead source` change: picked, newly added, resolved from the typed text, or the closest ones. */
export function readChangeSource(deps: AppDeps, actor: Actor, pending: PendingChange, typed: string): ChangeSource {
  const { leads } = deps.services;
  const { choice } = pending;
  if (choice.addSource !== undefined) {
    const known = resolveSource(choice.addSource, leads.customSources());
    // Two people clicking "Add" on the same name: the second finds it already there.
    return { slug: known.kind === 'exact' ? known.slug : leads.addSource(choice.addSource, actor) };
  }
  const match = resolveSource(choice.source ?? typed, leads.customSources());
  return match.kind === 'exact' ? { slug: match.slug } : { suggestions: match.suggestions };
}

/** "I don't know that source", with the closest ones (and an offer to add it) as buttons that carry `pending` on. */
export function buildSourceQuestion(pending: PendingChange, typed: string, suggestions: readonly string[]): Reply {
  const buttons = buildSourceButtons(pending, typed, suggestions);
  return buildNameSuggestions({ typed, what: 'source', ...buttons, hint: SOURCE_HINT });
}

/** The source slug of a `/lead source` change, or the question that asks for it. */
export function resolveChangeSource(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  typed: string,
): Resolved<string> {
  const source = readChangeSource(deps, actor, pending, typed);
  return 'slug' in source ? value(source.slug) : reply(buildSourceQuestion(pending, typed, source.suggestions));
}

export type TouchTarget = { source: string } | { campaign: string };
type TouchChange = Extract<LeadChange, { verb: 'touch' }>;

/** A touch is a source when the catalog or team knows the word, else a campaign already in use; else a question. */
export function resolveTouchTarget(
  deps: AppDeps,
  actor: Actor,
  pending: { change: TouchChange; choice: PendingChoice },
  typed: string,
): Resolved<TouchTarget> {
  const { choice } = pending;
  const campaign = normalizeCampaign(typed);
  if (choice.touchAs === 'campaign' && campaign.ok) return value({ campaign: campaign.value });
  if (choice.touchAs === 'source') {
    const source = resolveChangeSource(deps, actor, pending, typed);
    return source.done ? source : value({ source: source.value });
  }
  const match = resolveSource(typed, deps.services.leads.customSources());
  if (match.kind === 'exact') return value({ source: match.slug });
  const campaigns = deps.services.leads.campaigns();
  if (campaign.ok && campaigns.includes(campaign.value)) return value({ campaign: campaign.value });
  const buttons = buildSourceButtons(pending, typed, match.suggestions);
  for (const name of computeClosestNames(typed, campaigns)) {
    const picked = { change: { ...pending.change, target: name }, choice: pending.choice };
    buttons.suggestions.push(buildChoiceButton(picked, `Campaign ${name}`, { touchAs: 'campaign' }));
  }
  if (campaign.ok) {
    buttons.offers.push(
      buildChoiceButton(pending, `Record "${campaign.value}" as a campaign`, { touchAs: 'campaign' }),
    );
  }
  const hint = `${SOURCE_HINT} Campaigns in use: ${campaigns.slice(0, 10).join(', ') || 'none yet'}.`;
  return reply(buildNameSuggestions({ typed, what: 'source or campaign', ...buttons, hint }));
}

/** The lead a button names by id: a merged-away id means the lead it was merged into. */
export function resolvePickedLead(deps: AppDeps, leadId: string): Resolved<Lead> {
  const lead = deps.services.leads.getCurrentLead(leadId);
  return lead ? value(lead) : reply(buildErrorReply(`Lead ${leadId} no longer exists.`));
}

/**
 * The one existing lead a typed name means: the lead it surely is, or a question when several could be meant (moving
 * the wrong lead is worse than asking). `pick` says which choice a button of the question sets to name its lead.
 */
export function resolveChangeLead(
  deps: AppDeps,
  pending: PendingChange,
  company: string,
  pick: (leadId: string) => PendingChoice = (leadId) => ({ leadId }),
): Resolved<Lead> {
  const { change, choice } = pending;
  const match = deps.services.leads.resolveCompany(company);
  if (match.kind === 'exact') return value(match.lead);
  if (match.kind === 'ambiguous') {
    const candidates = match.leads.slice(0, 5).map((lead) => ({
      lead,
      value: encodePendingChange({ change, choice: { ...choice, ...pick(lead.id) } }),
    }));
    return reply(buildCompanyChoice({ typed: company, candidates }, buildLeadFormat(deps)));
  }
  return reply(
    buildErrorReply(
      `No lead matches "${company}". Log it first: /lead source <source> ${company}, or look it up with /lead find.`,
    ),
  );
}
