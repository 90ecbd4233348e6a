// How an edit made in Notion meets the changes made here that Notion has not seen yet. A field edited in Notion wins,
// unless the same field was changed here later and that change has not reached Notion yet: newest wins, per field.
// A spend's amount and a month's visits are the exception, because `/roi cost` and `/roi visits` add: see
// mergeAddedFigure.

import { isDeepStrictEqual } from 'node:util';
import type { Entity, Store } from '../store/index.js';
import type { SyncContext } from './context.js';
import { NOTION_KINDS } from './kind-mappings.js';
import type { SyncedRecord } from './properties.js';
import { type AddedField, readOutboxState, readPendingFigureSteps } from './sync-db.js';

/** The record with Notion's edits applied field by field, or null when Notion holds nothing new. */
export function mergeRemote(
  ctx: SyncContext,
  entity: Entity,
  local: SyncedRecord,
  remote: SyncedRecord,
  mirror: SyncedRecord,
  editedTime: number,
): SyncedRecord | null {
  const { store } = ctx.services;
  const kind = NOTION_KINDS[entity];
  const unpushedSince = readOutboxState(store.db, entity, local.id).oldestAt;
  const fieldTimes = unpushedSince === null ? {} : kind.fieldTimes(ctx.services, local.id);
  const changes: Record<string, unknown> = {};
  const localFields = new Map<string, unknown>(Object.entries(local));
  const remoteFields = new Map<string, unknown>(Object.entries(remote));
  const mirrorFields = new Map<string, unknown>(Object.entries(mirror));
  for (const field of kind.fields) {
    if (isDeepStrictEqual(remoteFields.get(field), mirrorFields.get(field))) continue;
    if (field === kind.addedField) {
      const typed = remoteFields.get(field) as number;
      const figure = mergeAddedFigure(store.db, { entity, field, id: local.id }, typed, unpushedSince, editedTime);
      if (figure !== localFields.get(field)) changes[field] = figure;
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
 * The figure a spend's amount (or a month's visits) should hold after a person typed `typed` in Notion. What they
 * typed is the figure; local changes made after their edit and not yet in Notion are then replayed on it — an add (or
 * the undo of one) as the difference it made, a `set:` as its figure — so an add made here on a stale total lands on
 * top of the typed figure, and an older local figure is never pushed back over it.
 */
function mergeAddedFigure(
  db: Store['db'],
  record: { entity: Entity; field: AddedField; id: string },
  typed: number,
  unpushedSince: number | null,
  editedTime: number,
): number {
  if (unpushedSince === null) return typed;
  let figure = typed;
  for (const step of readPendingFigureSteps(db, record, Math.max(unpushedSince, editedTime + 1))) {
    // Amounts are in cents (visits whole): the sum is rounded back so 0.1 + 0.2 stays 0.3.
    figure = step.kind === 'add' ? Math.round((figure + step.figure) * 100) / 100 : step.figure;
  }
  return figure;
}
