// The shape of one entry of the Notion registry (kind-mappings.ts).

import type { PageObjectResponse } from '@notionhq/client';
import type { StoreServices } from '../store/index.js';
import type { SyncContext } from './context.js';
import type { SyncedRecord } from './properties.js';
import type { DatabaseSpec } from './schema.js';
import type { AddedField } from './sync-db.js';
import type { PlainRecord } from './values.js';

/** What reading a pulled row needs besides the row. */
export interface RowReadContext {
  /** Our id for the row: its link's, the one it claims, or '' for a new record (the store assigns one). */
  id: string;
  previous: SyncedRecord | null;
  page: PageObjectResponse;
  editedTime: number;
  customSources: readonly string[];
}

export interface NotionKind {
  /** The database its records sync to; `optional` ones may be unset, and their records then stay local. */
  database: DatabaseSpec;
  /**
   * The property a row carries our id in (leads: 'Lead ID'). A row is then looked up and claimed by that id; a kind
   * without one is looked up and claimed by its Name, the record's natural key.
   */
  idProperty?: string;
  /** The row's key for a look-up: our id, or the Name. */
  buildKey(record: SyncedRecord): string;
  buildPlain(record: SyncedRecord): PlainRecord;
  /** The record a row holds, or null for a row still being typed. */
  parsePlain(plain: PlainRecord, context: RowReadContext): SyncedRecord | null;
  /** The rule a row breaks (checked before it is read), in words for the log, or null. */
  rowProblem(plain: PlainRecord): string | null;
  /** The fields an edit in Notion is merged by, one at a time. */
  fields: readonly string[];
  /** The figure that changes by adding to it (`/roi cost`): what a person types in Notion is its new total. */
  addedField?: AddedField;
  /** When each field was last changed here (not by Notion), for newest-wins merges. */
  fieldTimes(services: StoreServices, id: string): Record<string, number>;
  list?(services: StoreServices): readonly SyncedRecord[];
  /** One record; without it, the record is found in `list`. */
  read?(services: StoreServices, id: string): SyncedRecord | null;
  /** Writes a record as Notion has it (no outbox row); an empty id gets the next one. */
  applyRemote(services: StoreServices, record: SyncedRecord): SyncedRecord;
  /** A row trashed in Notion: the record goes, its history stays. */
  remove(services: StoreServices, id: string): boolean;
  /** The id a row's own id property names, when the row may take it ('' when not). */
  claimById?(ctx: SyncContext, plain: PlainRecord): string;
  /** The record this one was merged into, when it was (its page is then archived, and edits on it land there). */
  mergedInto?(services: StoreServices, id: string): string | null;
  /** Values the row lacks that we derived (a Lead ID, stage dates): written back to Notion, or null. */
  writeBack?(plain: PlainRecord, saved: SyncedRecord): PlainRecord | null;
}
