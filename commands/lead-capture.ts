// `/lead source <source> <company>` never blocks: the call is recorded whatever the match. A sure match updates
// that lead; otherwise a new lead is logged at once — with "Same company as X — merge" buttons when the name is close
// to leads already there, and with the closest catalog sources as buttons when the source word is unknown (the lead
// is logged without a source meanwhile, so it counts in the hygiene list until someone picks one).

import { sourceLabel } from '../src/domain/catalog.js';
import { type Actor, type Lead, UNKNOWN_SOURCE } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import { SOURCE_HINT } from './closest-names.js';
import type { LeadChange } from './grammar/lead-grammar.js';
import type { Applied, LeadOutcome } from './lead-apply.js';
import { buildMergeOffers, describeLookAlikes, MAX_MERGE_OFFERS } from './lead-merge.js';
import {
  buildSourceButtons,
  buildSourceQuestion,
  type ChangeSource,
  type Resolved,
  readChangeSource,
  resolvePickedLead,
  value,
} from './lead-resolve.js';
import { encodePendingChange, type PendingChoice } from './pending.js';

type SourceChange = Extract<LeadChange, { verb: 'source' }>;
interface SourcePending {
  change: SourceChange;
  choice: PendingChoice;
}

/** The lead the call is about (null: a new one), and the existing leads it may be the same company as. */
interface CaptureTarget {
  lead: Lead | null;
  lookAlikes: readonly Lead[];
}

function findCaptureTarget(deps: AppDeps, pending: SourcePending, company: string): Resolved<CaptureTarget> {
  const { choice } = pending;
  if (choice.leadId !== undefined) {
    const picked = resolvePickedLead(deps, choice.leadId);
    return picked.done ? picked : value({ lead: picked.value, lookAlikes: [] });
  }
  if (choice.newLead) return value({ lead: null, lookAlikes: [] });
  const match = deps.services.leads.resolveCompany(company);
  if (match.kind === 'exact') return value({ lead: match.lead, lookAlikes: [] });
  const lookAlikes = match.kind === 'ambiguous' ? match.leads.slice(0, MAX_MERGE_OFFERS) : [];
  return value({ lead: null, lookAlikes });
}

/** A known source on a lead that exists: the first source stays, a new one becomes a touch (today's rule). */
function updateSource(deps: AppDeps, actor: Actor, pending: SourcePending, before: Lead, slug: string): Applied {
  const { change } = pending;
  const ctx = { actor, ...(change.at === undefined ? {} : { at: change.at }) };
  const { lead, addedAsTouch } = deps.services.leads.setSource(before.id, slug, ctx, {
    primary: pending.choice.primary === true,
  });
  const label = sourceLabel(slug);
  if (addedAsTouch) {
    const promote = encodePendingChange({
      change: { verb: 'source', source: slug, company: lead.company },
      choice: { leadId: lead.id, source: slug, primary: true },
    });
    const headline = `${lead.company} first came from ${sourceLabel(before.source)}; ${label} is recorded as a touch.`;
    return { lead, headline, extra: [{ label: `Make ${label} the primary source`, value: promote }] };
  }
  if (lead.source === before.source)
    return { lead, headline: `${lead.company} already has ${label}; nothing changed.` };
  return { lead, headline: `${label} is now the source of ${lead.company}.` };
}

function describeNewLead(lead: Lead, source: ChangeSource, typed: string, lookAlikes: readonly Lead[]): string {
  const maybe = lookAlikes.length === 0 ? '' : ` It may be the same company as ${describeLookAlikes(lookAlikes)}:`;
  if ('slug' in source) {
    const logged = `Logged ${lead.company} from ${sourceLabel(source.slug)}`;
    return maybe === '' ? `${logged}.` : `${logged} as a new lead (${lead.id}).${maybe} if so, merge it below.`;
  }
  const unknown = `Logged ${lead.company} (${lead.id}) without a source: "${typed}" is not a source I know.`;
  // Without a close one, the catalog itself is the list to pick from.
  const which = source.suggestions.length > 0 ? ' Which one is it?' : ` Which one is it? ${SOURCE_HINT}`;
  return `${unknown}${which}${maybe === '' ? '' : `${maybe} if so, merge it below.`}`;
}

/** Records the call on `company`: never a question that leaves it unrecorded. */
export function captureLead(
  deps: AppDeps,
  actor: Actor,
  pending: SourcePending,
  company: string,
): Applied | LeadOutcome {
  const target = findCaptureTarget(deps, pending, company);
  if (target.done) return { kind: 'reply', reply: target.reply };
  const typed = pending.change.source;
  const source = readChangeSource(deps, actor, pending, typed);
  const { lead: existing, lookAlikes } = target.value;
  const pinned = (lead: Lead) => ({ change: pending.change, choice: { ...pending.choice, leadId: lead.id } });
  if (existing !== null) {
    if ('slug' in source) return updateSource(deps, actor, pending, existing, source.slug);
    return { kind: 'reply', reply: buildSourceQuestion(pinned(existing), typed, source.suggestions) };
  }
  const at = pending.change.at === undefined ? {} : { at: pending.change.at };
  const slug = 'slug' in source ? source.slug : UNKNOWN_SOURCE;
  const lead = deps.services.leads.createLead({ company, source: slug }, { actor, ...at });
  const sourceButtons = 'slug' in source ? null : buildSourceButtons(pinned(lead), typed, source.suggestions);
  const extra = [
    ...buildMergeOffers(lead, lookAlikes),
    ...(sourceButtons === null ? [] : [...sourceButtons.suggestions, ...sourceButtons.offers]),
  ];
  return { lead, headline: describeNewLead(lead, source, typed, lookAlikes), extra };
}
