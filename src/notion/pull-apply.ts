// Applies one pulled page to the store. A field counts as edited in Notion when the page's value differs from what
// we would write for our record (compared after the same mapping, so lossy mappings never look like edits — and our
// own writes, read back, never do either). An edited field wins, unless the same field was changed here later and
// that change has not reached Notion yet: newest wins, per field.

import type { PageObjectResponse } from '@notionhq/client';
import type { Lead, Spend, Target, TrackingNumber, Visit } from '../domain/types.js';
import { type Entity, isWellFormedId } from '../store/index.js';
import { applyRemoteRecord, readRecord, type SyncContext } from './context.js';
import { buildLeadPlain, parseLeadPlain, STAGE_DATE_PROPERTIES } from './lead-properties.js';
import {
  buildRecordPlain,
  buildSpendName,
  buildTargetName,
  buildVisitName,
  parseNumberPlain,
  parsePagePlain,
  parseSpendPlain,
  parseTargetPlain,
  parseVisitPlain,
  type SyncedRecord,
} from './properties.js';
import { mergeRemote } from './pull-merge.js';
import { applyMergedLeadPage } from './pull-merged.js';
import { skipRejectedRow } from './row-checks.js';
import { readOutboxState } from './sync-db.js';
import { type PlainRecord, readInstant, readText } from './values.js';

export interface PulledPage {
  entityId: string;
  changed: boolean;
  /** Values the row lacks that we derived (its Lead ID, stage dates): written back to Notion, or null. */
  writeBack: PlainRecord | null;
}

/** Returns null for a page we have already seen, or a row still too incomplete to use. */
export function applyPulledPage(
  ctx: SyncContext,
  entity: Entity,
  page: PageObjectResponse,
  customSources: readonly string[],
): PulledPage | null {
  const editedTime = Date.parse(page.last_edited_time);
  const link = ctx.services.links.findLinkByPage(page.id);
  // Strictly older only: last_edited_time is rounded down to the minute, so a person's edit in the same minute as
  // our own write carries the same time, and the field comparison below tells them apart.
  if (link?.remoteEditedAt != null && editedTime < link.remoteEditedAt) return null;
  const plain = parsePagePlain(entity, page);
  if (skipRejectedRow(ctx, entity, page, plain)) return null;
  const context: ReadContext = { id: '', previous: null, page, editedTime, customSources };
  const claimed = link?.entityId ?? claimId(ctx, entity, page.id, plain, context);
  // The page of a lead merged away: what a person edited there lands on the lead it was merged into.
  if (entity === 'lead' && claimed !== '' && ctx.services.leads.mergedInto(claimed) !== null) {
    return applyMergedLeadPage(ctx, { page, plain, mergedId: claimed, editedTime, customSources });
  }
  const previous = claimed === '' ? null : readRecord(ctx.services, entity, claimed);
  // Deleted here (an undo) and not yet trashed in Notion: the push is about to, so the page must not bring it back.
  if (previous === null && claimed !== '' && readOutboxState(ctx.services.store.db, entity, claimed).pending > 0) {
    return null;
  }
  const remote = parseRemote(entity, plain, { ...context, id: claimed, previous });
  if (remote === null) return null;
  let saved = previous;
  if (previous === null) saved = applyRemoteRecord(ctx.services, entity, remote);
  else {
    const mirror = parseRemote(entity, buildRecordPlain(entity, previous), { ...context, id: claimed, previous });
    const merged = mirror && mergeRemote(ctx, entity, previous, remote, mirror, editedTime);
    if (merged) saved = applyRemoteRecord(ctx.services, entity, merged);
  }
  const savedId = saved?.id ?? claimed;
  ctx.services.links.setLink(entity, savedId, page.id, editedTime);
  const writeBack = entity === 'lead' && saved ? buildLeadWriteBack(plain, saved as Lead) : null;
  return { entityId: savedId, changed: saved !== previous, writeBack };
}

/**
 * A row typed into Notion gets its Lead ID, and in the same request the stage dates we gave it. Dates alone are not
 * worth a request each (an import of undated rows would cost one per row): the next push of the lead writes them.
 */
function buildLeadWriteBack(plain: PlainRecord, lead: Lead): PlainRecord | null {
  const wanted = buildLeadPlain(lead);
  if (plain['Lead ID'] === wanted['Lead ID']) return null;
  const names = ['Lead ID', ...Object.values(STAGE_DATE_PROPERTIES)].filter((name) =>
    name === 'Lead ID' ? plain[name] !== wanted[name] : readInstant(plain, name) !== readInstant(wanted, name),
  );
  return names.length === 0 ? null : Object.fromEntries(names.map((name) => [name, wanted[name] ?? null]));
}

interface ReadContext {
  id: string;
  previous: SyncedRecord | null;
  page: PageObjectResponse;
  editedTime: number;
  customSources: readonly string[];
}

function parseRemote(entity: Entity, plain: PlainRecord, context: ReadContext): SyncedRecord | null {
  const { id, editedTime, customSources } = context;
  if (entity === 'spend') return parseSpendPlain(plain, id, editedTime, customSources);
  if (entity === 'target') return parseTargetPlain(plain, id, editedTime);
  if (entity === 'visit') return parseVisitPlain(plain, id, editedTime, customSources);
  if (entity === 'number') return parseNumberPlain(plain, id, editedTime, customSources);
  return parseLeadPlain(plain, {
    id,
    previous: context.previous as Lead | null,
    createdTime: Date.parse(context.page.created_time),
    editedTime,
    customSources,
  });
}

/**
 * Which of our records an unlinked page is: the lead its Lead ID names (unless that lead already has another page —
 * then the row is a copy made in Notion and becomes a new lead), or the spend/target/visits record with the same
 * natural key that has no page yet. '' means a new record.
 */
function claimId(ctx: SyncContext, entity: Entity, pageId: string, plain: PlainRecord, context: ReadContext): string {
  const { links } = ctx.services;
  const isFree = (id: string) => {
    const other = links.getLink(entity, id);
    return other === null || other.pageId === pageId;
  };
  if (entity === 'lead') {
    const leadId = readText(plain, 'Lead ID');
    return isClaimableLeadId(ctx, leadId) && isFree(leadId) ? leadId : '';
  }
  const parsed = parseRemote(entity, plain, context);
  if (parsed === null) return '';
  return findSameKey(ctx, entity, parsed).find((record) => isFree(record.id))?.id ?? '';
}

/** Our records with the natural key (the Name) of a parsed spend, target, visits or number row. */
function findSameKey(ctx: SyncContext, entity: Exclude<Entity, 'lead'>, parsed: SyncedRecord) {
  const { plans } = ctx.services;
  if (entity === 'spend') {
    return plans.listSpend().filter((spend) => buildSpendName(spend) === buildSpendName(parsed as Spend));
  }
  if (entity === 'target') {
    return plans.listTargets().filter((target) => buildTargetName(target) === buildTargetName(parsed as Target));
  }
  if (entity === 'number') {
    return plans.listNumbers().filter((number) => number.number === (parsed as TrackingNumber).number);
  }
  return plans.listVisits().filter((visit) => buildVisitName(visit) === buildVisitName(parsed as Visit));
}

/**
 * A Lead ID typed into Notion names a lead only when it has our shape (L-000042, at most nine digits) and is either a
 * lead here or an id never used here (rows imported from a workspace that had them). Anything else — a typo, a huge
 * number, the id of a lead deleted since — would clash with ids we hand out or revive a deleted lead, so the row
 * becomes a new lead and gets a proper id written back. Only a deletion still on its way to Notion keeps its id: the
 * page is about to be trashed and must not come back as a new lead meanwhile.
 */
function isClaimableLeadId(ctx: SyncContext, leadId: string): boolean {
  const { leads, store } = ctx.services;
  if (!isWellFormedId('lead', leadId)) return false;
  if (!leads.wasIdUsed(leadId) || leads.getLead(leadId) !== null) return true;
  return readOutboxState(store.db, 'lead', leadId).pending > 0;
}
