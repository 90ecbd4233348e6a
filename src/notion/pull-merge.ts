// How an edit made in Notion meets the changes made here that Notion has not seen yet. A field edited in Notion wins,
// unless the same field was changed here later and that change has not reached Notion yet: newest wins, per field.
// A spend's amount is the one exception, because `/roi cost` adds: see mergeSpendAmount.

import { isDeepStrictEqual } from 'node:util';
import type { Lead, Spend, Target, TrackingNumber } from '../domain/types.js';
import type { Entity, Store } from '../store/index.js';
import type { SyncContext } from './context.js';
import type { SyncedRecord } from './properties.js';
import { readOutboxState, readPendingAmountSteps, readPlanFieldTimes } from './sync-db.js';

const LEAD_FIELDS = [
  'company',
  'contact',
  'source',
  'campaign',
  'channel',
  'stage',
  'lostFrom',
  'value',
  'ownerId',
  'ownerName',
  'createdAt',
  'stageDates',
  'touches',
  'lostReason',
  'notes',
  'trackedSource',
  'trackedCampaign',
  'reportedSource',
] as const satisfies readonly (keyof Lead)[];
const SPEND_FIELDS = ['campaign', 'source', 'month', 'amount', 'category'] as const satisfies readonly (keyof Spend)[];
const TARGET_FIELDS = ['month', 'stage', 'count', 'rate'] as const satisfies readonly (keyof Target)[];
const NUMBER_FIELDS = ['number', 'campaign', 'source'] as const satisfies readonly (keyof TrackingNumber)[];
const FIELDS: Readonly<Record<Entity, readonly string[]>> = {
  lead: LEAD_FIELDS,
  spend: SPEND_FIELDS,
  target: TARGET_FIELDS,
  number: NUMBER_FIELDS,
};

/** The record with Notion's edits applied field by field, or null when Notion holds nothing new. */
export function mergeRemote(
  ctx: SyncContext,
  entity: Entity,
  local: SyncedRecord,
  remote: SyncedRecord,
  mirror: SyncedRecord,
  editedTime: number,
): SyncedRecord | null {
  const { store, leads } = ctx.services;
  const unpushedSince = readOutboxState(store.db, entity, local.id).oldestAt;
  const fieldTimes =
    unpushedSince === null
      ? {}
      : entity === 'lead'
        ? leads.fieldTimes(local.id)
        : readPlanFieldTimes(store.db, entity, local.id);
  const changes: Record<string, unknown> = {};
  const localFields = new Map<string, unknown>(Object.entries(local));
  const remoteFields = new Map<string, unknown>(Object.entries(remote));
  const mirrorFields = new Map<string, unknown>(Object.entries(mirror));
  for (const field of FIELDS[entity]) {
    if (isDeepStrictEqual(remoteFields.get(field), mirrorFields.get(field))) continue;
    if (entity === 'spend' && field === 'amount') {
      const amount = mergeSpendAmount(store.db, local.id, remote as Spend, unpushedSince, editedTime);
      if (amount !== (local as Spend).amount) changes.amount = amount;
      continue;
    }
    const localTime = fieldTimes[field];
    const keepLocal =
      unpushedSince !== null && localTime !== undefined && localTime >= unpushedSince && localTime > editedTime;
    if (keepLocal || isDeepStrictEqual(remoteFields.get(field), localFields.get(field))) continue;
    changes[field] = remoteFields.get(field);
  }
  if (Object.keys(changes).length === 0) return null;
  return { ...local, ...changes, updatedAt: Math.max(local.updatedAt, editedTime) };
}

/**
 * The amount a spend row should hold after a person typed `notionAmount` in Notion. What they typed is the amount;
 * local changes made after their edit and not yet in Notion are then replayed on it — an add (or the undo of one)
 * as the difference it made, a `set:` as its amount — so an add made here on a stale total lands on top of the
 * typed amount, and an older local amount is never pushed back over it.
 */
function mergeSpendAmount(
  db: Store['db'],
  id: string,
  remote: Spend,
  unpushedSince: number | null,
  editedTime: number,
): number {
  if (unpushedSince === null) return remote.amount;
  let amount = remote.amount;
  for (const step of readPendingAmountSteps(db, id, Math.max(unpushedSince, editedTime + 1))) {
    amount = step.kind === 'add' ? Math.round((amount + step.amount) * 100) / 100 : step.amount;
  }
  return amount;
}
