// The "Log a lead" modal: opened by `/lead`, by `/lead source <s>` without a company, and by the global shortcut;
// its campaign type-ahead; and its submission, checked field by field before anything is saved.

import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { SOURCE_SLUGS } from '../src/domain/catalog.js';
import { plainText, truncate } from '../src/slack/blocks.js';
import type { AppDeps } from '../src/slack/deps.js';
import { SLACK_LIMITS } from '../src/slack/limits.js';
import { buildLogLeadModal } from '../src/slack/views/log-lead-modal.js';

/** What the submission needs to know about where the modal was opened. */
export interface ModalOrigin {
  channelId?: string;
}

const OPTION_LIMIT = 100;

function buildMetadata(origin: ModalOrigin): string {
  const encoded = JSON.stringify(origin);
  return encoded.length <= SLACK_LIMITS.privateMetadata ? encoded : '{}';
}

/** Catalog sources first, then the team's own, each once. */
export function buildSourceList(deps: AppDeps): string[] {
  return [...new Set([...SOURCE_SLUGS, ...deps.services.leads.customSources()])];
}

export async function openLogLeadModal(
  deps: AppDeps,
  client: WebClient,
  triggerId: string,
  options: { origin: ModalOrigin; source?: string; company?: string },
): Promise<void> {
  const prefill = {
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.company === undefined ? {} : { company: options.company }),
  };
  const view = buildLogLeadModal({
    sources: buildSourceList(deps),
    prefill,
    privateMetadata: buildMetadata(options.origin),
  });
  await client.views.open({ trigger_id: triggerId, view });
}

export function handleLogLeadShortcut(deps: AppDeps) {
  return async ({ ack, body, client }: SlackShortcutMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    try {
      await openLogLeadModal(deps, client, body.trigger_id, { origin: {} });
    } catch (error) {
      deps.log.error('Could not open the Log a lead modal', { userId: body.user.id, error });
    }
  };
}

/** The campaign type-ahead: campaigns in use that start with what was typed, plus what was typed as a new one. */
export function handleCampaignOptions(deps: AppDeps) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs): Promise<void> => {
    try {
      const typed = body.value.trim();
      const known = deps.services.leads.campaigns(typed);
      const names = typed !== '' && !known.includes(typed.toLowerCase()) ? [...known, typed] : known;
      const options = names.slice(0, OPTION_LIMIT).map((name) => ({
        text: plainText(name, SLACK_LIMITS.optionText),
        value: truncate(name, 150),
      }));
      await ack({ options });
    } catch (error) {
      deps.log.error('Campaign options failed', { userId: body.user.id, error });
      await ack({ options: [] });
    }
  };
}
