// When Notion refuses a change for good (a validation error), the rep who made it hears about it by DM: the change
// is kept in the local store and in the outbox's failures, but the Notion row stays as it was until someone fixes it.

import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';
import type { NotionRefusal } from '../notion/index.js';
import { isPlanEntity, type StoreServices } from '../store/index.js';
import { escapeSlackText } from './blocks.js';

export function buildRefusalNotice(refusal: NotionRefusal, label: string): string {
  return (
    `:warning: Notion did not accept your change to ${escapeSlackText(label)}: ${escapeSlackText(refusal.message)}. ` +
    'It is saved in ROI Runway (so /roi and the digest count it), but the Notion row was not updated. ' +
    'Correct the value with /lead (or in Notion), or ask an admin to check the Notion schema.'
  );
}

function describeRecord(services: StoreServices, refusal: NotionRefusal): string {
  if (isPlanEntity(refusal.entity)) return `${refusal.entity} record ${refusal.entityId}`;
  const lead = services.leads.getLead(refusal.entityId);
  return lead ? `${lead.company} (${lead.id})` : refusal.entityId;
}

export function notifyRefusal(client: WebClient, services: StoreServices, log: Logger) {
  return (refusal: NotionRefusal): void => {
    const text = buildRefusalNotice(refusal, describeRecord(services, refusal));
    for (const userId of refusal.actorIds) {
      client.chat.postMessage({ channel: userId, text }).catch((error: unknown) => {
        log.warn('Could not tell a rep that Notion refused their change', { userId, error });
      });
    }
  };
}
