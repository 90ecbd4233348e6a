// Settings every reply formats with, and who is acting, read from what Slack sends.

import type { Actor } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import type { LeadFormat } from '../src/slack/views/lead-card.js';

export function buildLeadFormat(deps: AppDeps): LeadFormat {
  return { currency: deps.settings.currency, timeZone: deps.settings.timeZone };
}

/** The person behind a command or click; their Slack handle names them as a lead's owner. */
export function buildActor(userId: string, name: string | undefined): Actor {
  const trimmed = name?.trim() ?? '';
  return { id: userId, name: trimmed === '' ? userId : trimmed };
}
