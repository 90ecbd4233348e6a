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
const value = <T>(found: T): Resolved<T> => ({ done: false, value: found });

function buildChoiceButton(pending: PendingChange, label: string, choice: PendingChoice): ChoiceButton {
  return { label, value: encodePendingChange({ change: pending.change, choice: { ...pending.choice, ...choice } }) };
}

interface NameButtons {
  suggestions: ChoiceButton[];
  offers: ChoiceButton[];
}

function buildSourceButtons(pending: PendingChange, typed: string, suggestions: readonly string[]): NameButtons {
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

/** The source slug of a `/lead source` change: picked, newly added, or resolved from the typed text. */
export function resolveChangeSource(
  deps: AppDeps,
  actor: Actor,
  pending: PendingChange,
  typed: string,
): Resolved<string> {
  const { leads } = deps.services;
  const { choice } = pending;
  if (choice.addSource !== undefined) {
    const known = resolveSource(choice.addSource, leads.customSources());
    // Two people clicking "Add" on the same name: the second finds it already there.
    return value(known.kind === 'exact' ? known.slug : leads.addSource(choice.addSource, actor));
  }
  const match = resolveSource(choice.source ?? typed, leads.customSources());
  if (match.kind === 'exact') return value(match.slug);
  const buttons = buildSourceButtons(pending, typed, match.suggestions);
  return reply(buildNameSuggestions({ typed, what: 'source', ...buttons, hint: SOURCE_HINT }));
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

/**
 * The lead a change is about: the one picked on a button, the one the company name surely means, or a question
 * when several could be meant. Null means "create it" (only `/lead source` creates).
 */
export function resolveChangeLead(deps: AppDeps, pending: PendingChange, company: string): Resolved<Lead | null> {
  const { leads } = deps.services;
  const { choice, change } = pending;
  if (choice.leadId !== undefined) {
    const lead = leads.getLead(choice.leadId);
    return lead ? value(lead) : reply(buildErrorReply(`Lead ${choice.leadId} no longer exists.`));
  }
  if (choice.newLead) return value(null);
  const match = leads.resolveCompany(company);
  if (match.kind === 'exact') return value(match.lead);
  if (match.kind === 'ambiguous') {
    const candidates = match.leads.slice(0, 5).map((lead) => ({
      lead,
      value: encodePendingChange({ change, choice: { ...choice, leadId: lead.id } }),
    }));
    const newLeadValue =
      change.verb === 'source' ? encodePendingChange({ change, choice: { ...choice, newLead: true } }) : undefined;
    const question = { typed: company, candidates, ...(newLeadValue === undefined ? {} : { newLeadValue }) };
    return reply(buildCompanyChoice(question, buildLeadFormat(deps)));
  }
  if (change.verb === 'source') return value(null);
  return reply(
    buildErrorReply(
      `No lead matches "${company}". Log it first: /lead source <source> ${company}, or look it up with /lead find.`,
    ),
  );
}
