// Replies of `/lead`: a change confirmed, a search, an undo, and the questions asked when the text alone is not
// enough (which lead? which source?).

import { sourceLabel } from '../../domain/catalog.js';
import { formatLocalDate } from '../../domain/periods.js';
import { type Lead, NOTION_ACTOR } from '../../domain/types.js';
import { context, escapeSlackText, fields, type KnownBlock, section, truncateMrkdwn } from '../blocks.js';
import type { SyncStatus } from '../deps.js';
import { SLACK_LIMITS } from '../limits.js';
import { buildChoiceActions, type ChoiceButton } from './choices.js';
import { buildLeadFields, buildLeadLine, type LeadFormat } from './lead-card.js';
import { buildFallbackText, buildSyncNote, type Reply } from './reply.js';

export interface LeadConfirmation {
  lead: Lead;
  /** Plain text: what happened, e.g. "Logged Acme Corp from Thomasnet." (escaped here). */
  headline: string;
  syncStatus: SyncStatus | null;
  /** The instant a backdated change took effect, shown so the person sees on: was read. */
  backdatedTo?: number;
  /** Stage moves and offers ("Make LinkedIn the primary source"), already encoded. */
  buttons: readonly ChoiceButton[];
}

export function buildLeadConfirmation(input: LeadConfirmation, format: LeadFormat): Reply {
  const notes = [buildSyncNote(input.syncStatus)];
  if (input.backdatedTo !== undefined) notes.push(`Dated ${formatLocalDate(input.backdatedTo, format.timeZone)}`);
  const shown = notes.filter((note): note is string => note !== null);
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: ${escapeSlackText(input.headline)}`),
    fields(buildLeadFields(input.lead, format)),
    ...(shown.length === 0 ? [] : [context(shown)]),
    ...buildChoiceActions(input.buttons, 'lead_next'),
  ];
  return { text: buildFallbackText(input.headline), blocks };
}

export function buildFindResults(query: string, leads: readonly Lead[], format: LeadFormat): Reply {
  if (leads.length === 0) {
    const message = `No lead matches "${query}".`;
    return { text: buildFallbackText(message), blocks: [section(escapeSlackText(message))] };
  }
  const title = `${leads.length === 1 ? '1 lead matches' : `${leads.length} leads match`} "${query}":`;
  const blocks = [section(escapeSlackText(title)), ...leads.map((lead) => section(buildLeadLine(lead, format)))];
  return { text: buildFallbackText(title), blocks };
}

/** `description` comes from the store (it names the company, so it is escaped like any user text). */
export function buildUndoReply(description: string, lead: Lead | null, format: LeadFormat): Reply {
  const blocks: KnownBlock[] = [section(`:leftwards_arrow_with_hook: ${escapeSlackText(description)}`)];
  if (lead !== null) blocks.push(fields(buildLeadFields(lead, format)));
  return { text: buildFallbackText(description), blocks };
}

/** Who changed a record, as Slack shows a person: a mention, or "someone in Notion" for an edit made there. */
function buildActorName(actorId: string): string {
  if (actorId === NOTION_ACTOR.id) return 'someone in Notion';
  return /^[UW][A-Z0-9]+$/.test(actorId) ? `<@${actorId}>` : escapeSlackText(actorId);
}

/**
 * An undo refused because others changed the record since. `subject` names it ("Acme Corp (L-000001)", from the
 * store, escaped here); `actorIds` are who changed it, named with mentions so the two people can sort it out.
 */
export function buildUndoRefusedReply(subject: string, actorIds: readonly string[]): Reply {
  const names = actorIds.map(buildActorName);
  const who = names.length <= 1 ? (names[0] ?? 'someone') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const message =
    `Could not undo: ${escapeSlackText(subject)} has been changed since by ${who}. ` +
    'Undoing now would throw their change away, so nothing was undone.';
  return {
    text: truncateMrkdwn(message, SLACK_LIMITS.messageText),
    blocks: [section(`:warning: ${message}`)],
  };
}

const TOO_LONG_FOR_BUTTONS =
  'This change is too long to carry on a button: name the lead by its id instead, e.g. L-000042.';

export interface CompanyChoice {
  typed: string;
  candidates: readonly { lead: Lead; value: string }[];
  /** Offered only where a new lead makes sense (`/lead source`). */
  newLeadValue?: string;
}

export function buildCompanyChoice(choice: CompanyChoice, format: LeadFormat): Reply {
  const title = `Several leads could be "${choice.typed}". Which one did you mean?`;
  const buttons: ChoiceButton[] = choice.candidates.map(({ lead, value }) => ({
    label: `${lead.company} (${lead.id})`,
    value,
  }));
  if (choice.newLeadValue !== undefined) buttons.push({ label: "It's a new lead", value: choice.newLeadValue });
  const picks = buildChoiceActions(buttons, 'lead_pick');
  const blocks: KnownBlock[] = [
    section(escapeSlackText(title)),
    ...choice.candidates.map(({ lead }) => section(buildLeadLine(lead, format))),
    ...(picks.length > 0 ? picks : [section(TOO_LONG_FOR_BUTTONS)]),
  ];
  return { text: buildFallbackText(title), blocks };
}

export interface NameSuggestions {
  /** What the person typed, as they typed it. */
  typed: string;
  /** "source", or "source or campaign" for a touch. */
  what: string;
  /** The closest known names, as buttons. */
  suggestions: readonly ChoiceButton[];
  /** Ways to use the typed name as it is ("Add podcast as a new source"). */
  offers: readonly ChoiceButton[];
  /** A way out when nothing listed is right, already phrased (e.g. how to list the catalog). */
  hint: string;
}

/** "I don't know that source": the closest known names as buttons, plus any offer to add it. */
export function buildNameSuggestions(input: NameSuggestions): Reply {
  const unknown = `"${input.typed}" is not a ${input.what} I know.`;
  const ask = input.suggestions.length > 0 ? ' Did you mean one of these?' : '';
  const message = `${unknown}${ask} ${input.hint}`;
  const buttons = [...input.suggestions, ...input.offers];
  const blocks: KnownBlock[] = [section(escapeSlackText(message)), ...buildChoiceActions(buttons, 'name_pick')];
  return { text: buildFallbackText(message), blocks };
}

/** The button label of a suggested source: "Google Ads (google-ads)". */
export function buildSourceOptionLabel(slug: string): string {
  const label = sourceLabel(slug);
  return label.toLowerCase() === slug ? label : `${label} (${slug})`;
}
