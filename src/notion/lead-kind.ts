// The lead's entry in the Notion registry (kind-mappings.ts). Leads differ from the other kinds in three ways: a row
// carries our id (its Lead ID), so it is found and claimed by it; a lead merged away keeps its page (archived, and
// edits on it land on the surviving lead); and a row typed into Notion gets its Lead ID written back.

import type { Lead } from '../domain/types.js';
import { isWellFormedId } from '../store/index.js';
import type { SyncContext } from './context.js';
import type { NotionKind } from './kind-types.js';
import { buildLeadPlain, parseLeadPlain, STAGE_DATE_PROPERTIES } from './lead-properties.js';
import { findLeadRowProblem } from './row-checks.js';
import { LEADS_DATABASE } from './schema.js';
import { readOutboxState } from './sync-db.js';
import { type PlainRecord, readInstant, readText } from './values.js';

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

export const LEAD_KIND: NotionKind = {
  database: LEADS_DATABASE,
  idProperty: 'Lead ID',
  buildKey: (record) => record.id,
  buildPlain: (record) => buildLeadPlain(record as Lead),
  parsePlain: (plain, context) =>
    parseLeadPlain(plain, {
      id: context.id,
      previous: context.previous as Lead | null,
      createdTime: Date.parse(context.page.created_time),
      editedTime: context.editedTime,
      customSources: context.customSources,
    }),
  rowProblem: findLeadRowProblem,
  fields: LEAD_FIELDS,
  fieldTimes: (services, id) => services.leads.fieldTimes(id),
  read: (services, id) => services.leads.getLead(id),
  applyRemote: (services, record) => services.leads.applyRemoteLead(record as Lead),
  remove: (services, id) => services.leads.removeLead(id),
  claimById: (ctx, plain) => {
    const leadId = readText(plain, 'Lead ID');
    return isClaimableLeadId(ctx, leadId) ? leadId : '';
  },
  mergedInto: (services, id) => services.leads.mergedInto(id),
  writeBack: (plain, saved) => buildLeadWriteBack(plain, saved as Lead),
};

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
