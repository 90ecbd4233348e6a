// A pulled page of a lead that was merged away. Its values are that lead's, not the survivor's, so they are compared
// with the merged lead as it was when merged: what differs is what a person edited there, and only that lands on the
// survivor (field by field, newest wins, as for any pulled page). The page itself goes back to the trash.

import { isDeepStrictEqual } from 'node:util';
import type { PageObjectResponse } from '@notionhq/client';
import { applyStageChange } from '../domain/lifecycle.js';
import type { Lead } from '../domain/types.js';
import type { SyncContext } from './context.js';
import { buildLeadPlain, parseLeadPlain } from './lead-properties.js';
import type { PulledPage } from './pull-apply.js';
import { readOutboxState } from './sync-db.js';
import type { PlainRecord } from './values.js';

/** Fields an edit on the old page carries over; touches, dates and creation stay the survivor's (they were merged). */
const CARRIED_FIELDS = [
  'company',
  'contact',
  'source',
  'campaign',
  'channel',
  'stage',
  'value',
  'ownerId',
  'ownerName',
  'lostReason',
  'notes',
] as const satisfies readonly (keyof Lead)[];
type CarriedField = (typeof CARRIED_FIELDS)[number];
type Edits = Partial<Pick<Lead, CarriedField>>;

interface MergedPage {
  page: PageObjectResponse;
  plain: PlainRecord;
  mergedId: string;
  editedTime: number;
  customSources: readonly string[];
}

/**
 * The fields a person changed on the old page. Fields the lead changed here that never reached its page differ from
 * the page for that reason alone: they are left out.
 */
function readEdits(ctx: SyncContext, input: MergedPage): Edits {
  const record = ctx.services.leads.mergedLeadRecord(input.mergedId);
  if (record === null) return {};
  const before = record.lead;
  const read = {
    id: input.mergedId,
    previous: before,
    createdTime: Date.parse(input.page.created_time),
    editedTime: input.editedTime,
    customSources: input.customSources,
  };
  const remote = parseLeadPlain(input.plain, read);
  const mirror = parseLeadPlain(buildLeadPlain(before), read);
  const edits: Record<string, unknown> = {};
  for (const field of CARRIED_FIELDS) {
    if (record.unsyncedFields.includes(field)) continue;
    if (!isDeepStrictEqual(remote[field], mirror[field])) edits[field] = remote[field];
  }
  return edits as Edits;
}

/** The survivor with the edits, except fields changed here later and not yet in Notion (newest wins). */
function applyEdits(ctx: SyncContext, survivor: Lead, edits: Edits, editedTime: number): Lead {
  const unpushedSince = readOutboxState(ctx.services.store.db, 'lead', survivor.id).oldestAt;
  const times = unpushedSince === null ? {} : ctx.services.leads.fieldTimes(survivor.id);
  const kept = (field: CarriedField) => {
    const localTime = times[field];
    return unpushedSince !== null && localTime !== undefined && localTime >= unpushedSince && localTime > editedTime;
  };
  const { stage, ...fields } = edits;
  let next: Lead = { ...survivor };
  for (const [field, value] of Object.entries(fields) as [CarriedField, never][]) {
    if (!kept(field)) next = { ...next, [field]: value };
  }
  // A stage picked on the old page moves the survivor the usual way, dating the stages it reaches.
  if (stage !== undefined && !kept('stage')) next = applyStageChange(next, stage, editedTime);
  return next;
}

export function applyMergedLeadPage(ctx: SyncContext, input: MergedPage): PulledPage {
  const { leads, links } = ctx.services;
  const edits = readEdits(ctx, input);
  const link = links.getLink('lead', input.mergedId);
  // A page we trashed that shows up in a query was taken out of the trash by a person: it goes back.
  const restoredByPerson = link?.trashedAt != null;
  let changed = false;
  if (Object.keys(edits).length > 0 || restoredByPerson) {
    const mutate = (survivor: Lead) => applyEdits(ctx, survivor, edits, input.editedTime);
    changed = leads.applyRemoteEditToSurvivor(input.mergedId, mutate, input.editedTime) !== null;
  }
  links.setLink('lead', input.mergedId, input.page.id, input.editedTime);
  return { entityId: input.mergedId, changed, writeBack: null };
}
