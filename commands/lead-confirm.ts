// The confirmation of a `/lead` change: what happened, the lead as it is now, whether Notion has it, and the next
// moves as buttons. Shared by typed commands, clicks and the "Log a lead" modal.

import type { Lead } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import type { ChoiceButton } from '../src/slack/views/choices.js';
import { buildStageMoves } from '../src/slack/views/lead-card.js';
import { buildLeadConfirmation } from '../src/slack/views/lead-views.js';
import type { Reply } from '../src/slack/views/reply.js';
import { buildLeadFormat } from './format.js';
import { encodePendingChange } from './pending.js';

export interface Applied {
  lead: Lead;
  headline: string;
  /** Offers shown before the stage moves (make a source primary, merge with a look-alike, pick a source). */
  extra?: ChoiceButton[];
}

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
  return buildLeadConfirmation(
    {
      lead,
      headline: applied.headline,
      syncStatus: deps.notion?.syncStatus('lead', lead.id) ?? null,
      ...(at === undefined ? {} : { backdatedTo: at }),
      buttons: [...(applied.extra ?? []), ...buildStageButtons(lead)],
    },
    buildLeadFormat(deps),
  );
}
