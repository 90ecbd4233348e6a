// The store's public face: open the file, then build the services the app needs from it.

import { LeakAlertLedger } from './alert-ledger.js';
import { DigestLedger } from './digest-ledger.js';
import { InquiryService } from './inquiry-service.js';
import { LeadService } from './lead-service.js';
import { type Clock, type OpenStoreOptions, openStore, type Store } from './open-store.js';
import { Outbox } from './outbox.js';
import { PlanService } from './plan-service.js';
import { SyncLinks } from './sync-links.js';

export {
  type AlertMute,
  type AlertPost,
  type AlertPostKind,
  LeakAlertLedger,
  type StoredAlertRecord,
} from './alert-ledger.js';
export { type ChangeEvent, type ChangeListener, runTransaction, subscribeChanges } from './change-feed.js';
export {
  DigestLedger,
  type DigestPart,
  type LedgerEntry,
  type PartKey,
  type RecordedPart,
  STALE_CLAIM_MS,
} from './digest-ledger.js';
export { isWellFormedId, MAX_ID_NUMBER } from './entity-ids.js';
export { ChangedSinceError, isStoreError, StoreError, type StoreErrorCode } from './errors.js';
export { type AcceptedInquiry, type InquiryResult, InquiryService, type NewInquiry } from './inquiry-service.js';
export type { OutboxOp } from './journal.js';
export { type ChangeContext, type LeadPatch, leadRecordProblem, type NewLead } from './lead-input.js';
export type { MergeResult } from './lead-merge.js';
export type { CompanyResolution } from './lead-reads.js';
export { LeadService, type StageOptions } from './lead-service.js';
export { type Clock, openStore, type Store } from './open-store.js';
export { Outbox, type OutboxEntry, type OutboxGroup } from './outbox.js';
export {
  type NewSpend,
  type NewTarget,
  type NewTrackingNumber,
  type NewVisits,
  PlanService,
  type SpendChange,
  type SpendMode,
  type VisitsChange,
} from './plan-service.js';
export type { Prompt, PromptOutcome } from './prompt-queue.js';
export {
  ENTITIES,
  type Entity,
  findRecordProblem,
  isPlanEntity,
  type PlanEntity,
  type PlanRecord,
  RECORD_KINDS,
} from './record-kinds.js';
export type { RemoteRecord } from './remote.js';
export { type NotionLink, SyncLinks } from './sync-links.js';
export type { UndoResult } from './undo.js';

export interface StoreServices {
  store: Store;
  leads: LeadService;
  plans: PlanService;
  outbox: Outbox;
  links: SyncLinks;
  ledger: DigestLedger;
  inquiries: InquiryService;
  /** The hourly leak check's states, mutes and posts. */
  alerts: LeakAlertLedger;
}

export interface StoreServicesOptions {
  /** How long a digest claim holds before another run may take it over (see DigestLedger). */
  staleClaimMs?: number;
}

/** The services over a SQLite file (a path) or any store openStore can open (Postgres: `{ file, url }`). */
export function buildStoreServices(
  location: string | OpenStoreOptions,
  clock: Clock = Date.now,
  options: StoreServicesOptions = {},
): StoreServices {
  const store = openStore(typeof location === 'string' ? { file: location } : location);
  const leads = new LeadService(store, clock);
  return {
    store,
    leads,
    inquiries: new InquiryService(store, leads, clock),
    plans: new PlanService(store, clock),
    outbox: new Outbox(store),
    links: new SyncLinks(store, clock),
    ledger: new DigestLedger(store, options),
    alerts: new LeakAlertLedger(store),
  };
}
