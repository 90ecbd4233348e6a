// How a Lead is laid out in the `leads` table, both ways. Reading is on the hot path of dataset() (100k rows), so rows
// come in as arrays and objects are built with one fixed shape.

import { normalizeCompany } from '../domain/fuzzy.js';
import type { Channel, FunnelStage, Lead, Stage, StageDates, Touch } from '../domain/types.js';
import { recordChange } from './change-feed.js';
import { StoreError } from './errors.js';
import { type Db, prepareCached } from './open-store.js';
import { isPostgres, isUniqueViolation } from './sql/database.js';
import { inJsonList } from './sql/dialect.js';

const COLUMNS =
  'id, company, contact, source, campaign, channel, stage, lost_from, value, owner_id, owner_name, created_at, ' +
  'stage_dates, touches, lost_reason, notes, updated_at, tracked_source, tracked_campaign, reported_source';

// Most leads have no stage dates yet and no touch beyond the first: SQLite hands those over as NULL, which costs
// neither a string nor a JSON.parse.
const READ_COLUMNS = COLUMNS.replace('stage_dates, touches', "nullif(stage_dates, '{}'), nullif(touches, '[]')");

export const SELECT_LEADS = `SELECT ${READ_COLUMNS} FROM leads`;

/** A chunk of leads in table order, each row ending with its rowid (SQLite's read in turns, lead-rows-in-turns.ts). */
export const SELECT_LEADS_AFTER_ROWID = `SELECT ${READ_COLUMNS}, rowid FROM leads WHERE rowid > ? ORDER BY rowid LIMIT ?`;

// A new lead is a plain INSERT, and a change rewrites a row that must exist: a REPLACE would let a create with a
// taken id silently wipe the lead that had it.
const INSERT_LEAD = `INSERT INTO leads (${COLUMNS}, company_norm)
  VALUES (${Array.from({ length: 21 }, () => '?').join(', ')})`;

/**
 * One copy of each value of the columns with few distinct values (source, campaign, channel, stage, owner, and the
 * lost reason, typed but mostly the same few words): 100k leads then hold a few hundred strings instead of 700k,
 * which the garbage collector no longer copies and marks.
 */
export type SharedText = <T extends string | null>(text: T) => T;

const asIs: SharedText = (text) => text;

export function buildSharedText(): SharedText {
  const known = new Map<string, string>();
  return (text) => {
    if (text === null) return text;
    const kept = known.get(text);
    if (kept !== undefined) return kept as typeof text;
    known.set(text, text);
    return text;
  };
}

// Most leads have no stage dates and no touches: they all hold these same two empty values, which saves the collector
// a hundred thousand objects to copy. Frozen, so a writer that mutated a lead's own dates or touches in place instead of
// making new ones (every writer makes new ones) would fail loudly rather than change every other lead.
const NO_STAGE_DATES: StageDates = Object.freeze({});
const NO_TOUCHES = Object.freeze([]) as unknown as Touch[];

// The row comes from our own schema and our own writes, so the casts below describe it rather than trust a stranger.
export function buildLeadFromRow(row: readonly unknown[], share: SharedText = asIs): Lead {
  const lead = buildLeadCore(row, share);
  // Most leads have neither (no inquiry, no answer yet): the fields are left absent rather than null, so the objects
  // of the 100k-lead snapshot keep one shape and a lead without them reads as before.
  if (row[17] !== null) lead.trackedSource = share(row[17] as string);
  if (row[18] !== null) lead.trackedCampaign = share(row[18] as string);
  if (row[19] !== null) lead.reportedSource = share(row[19] as string);
  return lead;
}

function buildLeadCore(row: readonly unknown[], share: SharedText): Lead {
  const stageDates = row[12] as string | null;
  const touches = row[13] as string | null;
  return {
    id: row[0] as string,
    company: row[1] as string,
    contact: row[2] as string | null,
    source: share(row[3] as string),
    campaign: share(row[4] as string | null),
    channel: share(row[5] as Channel),
    stage: share(row[6] as Stage),
    lostFrom: share(row[7] as FunnelStage | null),
    value: row[8] as number | null,
    ownerId: share(row[9] as string),
    ownerName: share(row[10] as string),
    createdAt: row[11] as number,
    stageDates: stageDates === null ? NO_STAGE_DATES : (JSON.parse(stageDates) as StageDates),
    touches: touches === null ? NO_TOUCHES : (JSON.parse(touches) as Touch[]),
    lostReason: share(row[14] as string | null),
    notes: row[15] as string | null,
    updatedAt: row[16] as number,
  };
}

export function buildLeadParams(lead: Lead): unknown[] {
  return [
    lead.id,
    lead.company,
    lead.contact,
    lead.source,
    lead.campaign,
    lead.channel,
    lead.stage,
    lead.lostFrom,
    lead.value,
    lead.ownerId,
    lead.ownerName,
    lead.createdAt,
    JSON.stringify(lead.stageDates),
    JSON.stringify(lead.touches),
    lead.lostReason,
    lead.notes,
    lead.updatedAt,
    lead.trackedSource ?? null,
    lead.trackedCampaign ?? null,
    lead.reportedSource ?? null,
    normalizeCompany(lead.company),
  ];
}

export function readLead(db: Db, id: string): Lead | null {
  const row = prepareCached(db, `${SELECT_LEADS} WHERE id = ?`).raw(true).get(id) as unknown[] | undefined;
  return row ? buildLeadFromRow(row) : null;
}

export function readLeads(db: Db, where = '', ...params: unknown[]): Lead[] {
  const leads: Lead[] = [];
  // iterate() hands rows over one by one: no second array of 100k row arrays to build and collect.
  const rows = prepareCached(db, `${SELECT_LEADS} ${where}`)
    .raw(true)
    .iterate(...params) as IterableIterator<unknown[]>;
  const share = buildSharedText();
  for (const row of rows) leads.push(buildLeadFromRow(row, share));
  return leads;
}

/** The leads with these ids that exist, by id, read in one statement (patching a snapshot reads hundreds). */
export function readLeadsById(db: Db, ids: Iterable<string>): Map<string, Lead> {
  const leads = readLeads(db, `WHERE ${inJsonList(db, 'id')}`, JSON.stringify([...ids]));
  return new Map(leads.map((lead) => [lead.id, lead]));
}

/** Adds a lead; an id already in the table fails loudly (StoreError 'duplicate') and writes nothing. */
export function insertLeadRow(db: Db, lead: Lead): void {
  try {
    prepareCached(db, INSERT_LEAD).run(...buildLeadParams(lead));
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new StoreError('duplicate', `a lead with id ${lead.id} already exists`);
    }
    throw error;
  }
  recordChange(db, 'lead', lead.id);
}

/** Rows per INSERT when many leads are added at once on Postgres: 21 values each, far under its 65,535 limit. */
const ROWS_PER_INSERT = 500;

/**
 * Adds many leads, in order (the sample, an import in bulk). On Postgres each statement is a round trip, so they go
 * in multi-row INSERTs; SQLite runs its cached one-row statement, which is faster there than any batch.
 */
export function insertLeadRows(db: Db, leads: readonly Lead[]): void {
  if (!isPostgres(db)) {
    for (const lead of leads) insertLeadRow(db, lead);
    return;
  }
  const row = `(${Array.from({ length: 21 }, () => '?').join(', ')})`;
  for (let start = 0; start < leads.length; start += ROWS_PER_INSERT) {
    const batch = leads.slice(start, start + ROWS_PER_INSERT);
    const sql = `INSERT INTO leads (${COLUMNS}, company_norm) VALUES ${batch.map(() => row).join(', ')}`;
    try {
      prepareCached(db, sql).run(...batch.flatMap(buildLeadParams));
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreError('duplicate', 'a lead with one of these ids already exists');
      throw error;
    }
    for (const lead of batch) recordChange(db, 'lead', lead.id);
  }
}

/**
 * Writes a new version of an existing lead; a lead that is not there fails loudly instead of being created. The row
 * is deleted and inserted again rather than updated in place: a rewritten lead moves to the end of the table, the
 * order that equal-scoring name matches are listed in, and the in-memory copies (lead-names.ts, dataset-cache.ts)
 * keep exactly that order.
 */
export function updateLeadRow(db: Db, lead: Lead): void {
  if (prepareCached(db, 'DELETE FROM leads WHERE id = ?').run(lead.id).changes !== 1) {
    throw new StoreError('not_found', `no lead with id ${lead.id}`);
  }
  prepareCached(db, INSERT_LEAD).run(...buildLeadParams(lead));
  recordChange(db, 'lead', lead.id);
}

export function deleteLeadRow(db: Db, id: string): boolean {
  recordChange(db, 'lead', id);
  return prepareCached(db, 'DELETE FROM leads WHERE id = ?').run(id).changes > 0;
}
