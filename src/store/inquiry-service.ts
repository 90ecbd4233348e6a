// Inquiries from the webhook (call-tracking and form tools), in two steps. Accepting is what the HTTP answer waits
// for: the duplicate check by the sender's id, the tracked source, and the inquiry stored as pending — a millisecond.
// Matching it to a lead (fuzzy, tens of milliseconds at 100k leads) happens right after, one inquiry per transaction:
// the lead matched or created (never a question: the caller is not waiting for a rep to pick), the inquiry marked
// done, and the question to the rep queued. A restart finds pending inquiries and matches them then.

import { resolveTrackedSource, type TrackedSource, type TrackingInput } from '../domain/inquiry-sources.js';
import { type Actor, type Channel, INGEST_ACTOR, type Inquiry, type Lead, UNKNOWN_SOURCE } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { resolveCompany } from './lead-reads.js';
import type { LeadService } from './lead-service.js';
import { readAllNumbers } from './number-rows.js';
import type { Clock, Db, Store } from './open-store.js';
import { prepareCached } from './open-store.js';
import {
  completePrompt,
  enqueuePrompt,
  type Prompt,
  type PromptOutcome,
  readDuePrompts,
  readPrompts,
  retryPrompt,
} from './prompt-queue.js';
import { getAsync } from './read-async.js';

export interface NewInquiry {
  id: string;
  channel: Channel;
  receivedAt: number;
  company: string;
  contact: string | null;
  /** What the sender told us that has no field of its own (caller number, landing page), for the lead's notes. */
  notes: string | null;
  tracking: TrackingInput;
  /** The Slack user who owns the lead; null: the webhook owns it and INQUIRY_CHANNEL is asked. */
  owner: Actor | null;
  /** An owner given by email: the prompt worker looks it up in Slack, then asks that person. */
  ownerEmail?: string | null;
  /** SHA-256 of the raw body. */
  payloadDigest: string;
}

export interface AcceptedInquiry {
  status: 'accepted' | 'duplicate';
  /** The lead, once matched (a duplicate of an inquiry already matched); null while pending. */
  leadId: string | null;
  /** Null for a duplicate (nothing was resolved again). */
  tracked: TrackedSource | null;
}

export interface InquiryResult {
  status: 'created' | 'matched' | 'duplicate';
  leadId: string;
  tracked: TrackedSource | null;
}

type PendingFields = Omit<NewInquiry, 'id' | 'channel' | 'receivedAt' | 'payloadDigest' | 'tracking'>;

/**
 * Which lead an inquiry is: the lead the name matches for sure, or none (a new lead). The names it only resembles
 * are handed on to the question to the rep, the one place where merge buttons (issue 9) can offer "same company".
 */
export function matchInquiryLead(db: Db, company: string): { lead: Lead | null; similar: string[] } {
  const resolution = resolveCompany(db, company);
  if (resolution.kind === 'exact') return { lead: resolution.lead, similar: [] };
  if (resolution.kind === 'ambiguous') return { lead: null, similar: resolution.leads.map((lead) => lead.id) };
  return { lead: null, similar: [] };
}

interface InquiryRow {
  id: string;
  state: 'pending' | 'done';
  received_at: number;
  channel: Channel;
  lead_id: string | null;
  created_lead: number | null;
  tracked_source: string | null;
  tracked_campaign: string | null;
  fields: string | null;
}

function buildInquiry(row: InquiryRow): Inquiry {
  return {
    id: row.id,
    receivedAt: row.received_at,
    channel: row.channel,
    leadId: row.lead_id ?? '',
    createdLead: row.created_lead === 1,
    trackedSource: row.tracked_source,
    trackedCampaign: row.tracked_campaign,
  };
}

const ANY_PENDING = "SELECT 1 FROM inquiries WHERE state = 'pending' LIMIT 1";

export class InquiryService {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly leads: LeadService,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  /** Step one, in the webhook's answer: a new id is stored as pending with its tracked source; a known id is not. */
  acceptInquiry(input: NewInquiry): AcceptedInquiry {
    return runTransaction(this.db, (): AcceptedInquiry => {
      const known = prepareCached(this.db, 'SELECT lead_id FROM inquiries WHERE id = ?').get(input.id) as
        | { lead_id: string | null }
        | undefined;
      if (known !== undefined) return { status: 'duplicate', leadId: known.lead_id, tracked: null };
      const tracked = resolveTrackedSource(input.tracking, readAllNumbers(this.db), this.leads.customSources());
      const { id, channel, receivedAt, payloadDigest, tracking: _tracking, ...rest } = input;
      const fields: PendingFields = rest;
      const sql = `INSERT INTO inquiries (id, state, received_at, recorded_at, channel, tracked_source, tracked_campaign,
        fields, payload_digest) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?)`;
      prepareCached(this.db, sql).run(
        ...[id, receivedAt, this.clock(), channel, tracked.source, tracked.campaign, JSON.stringify(fields)],
        payloadDigest,
      );
      return { status: 'accepted', leadId: null, tracked };
    });
  }

  /**
   * Whether any inquiry waits to be matched, read with the event loop free: every workspace's open asks once, and
   * most find none. An inquiry accepted after this read wakes the processor again.
   */
  async hasPendingAsync(): Promise<boolean> {
    return (await getAsync(this.db, ANY_PENDING)) !== undefined;
  }

  /** What matching needs ready before it starts: the company names, built in steps if they wait to be. */
  prepareMatching(): Promise<void> {
    return this.leads.prepareNames();
  }

  /** Step two: matches the oldest pending inquiry to its lead; null when none is pending. */
  processNextInquiry(): InquiryResult | null {
    // When none is pending, one read says so, where the locked transaction below takes three round trips on Postgres.
    if (prepareCached(this.db, ANY_PENDING).get() === undefined) return null;
    return runTransaction(this.db, (): InquiryResult | null => {
      const sql = "SELECT * FROM inquiries WHERE state = 'pending' ORDER BY recorded_at, id LIMIT 1";
      const row = prepareCached(this.db, sql).get() as InquiryRow | undefined;
      return row === undefined ? null : this.matchPending(row);
    });
  }

  /** Both steps at once (imports and tests). */
  recordInquiry(input: NewInquiry): InquiryResult {
    return runTransaction(this.db, (): InquiryResult => {
      const accepted = this.acceptInquiry(input);
      if (accepted.status === 'duplicate') {
        const leadId = accepted.leadId ?? this.matchPending(this.readRow(input.id)).leadId;
        return { status: 'duplicate', leadId, tracked: null };
      }
      return { ...this.matchPending(this.readRow(input.id)), tracked: accepted.tracked };
    });
  }

  pendingCount(): number {
    return prepareCached(this.db, "SELECT COUNT(*) FROM inquiries WHERE state = 'pending'").pluck(true).get() as number;
  }

  /** Matched inquiries received from `since` on (all when omitted), oldest first. */
  listInquiries(since = Number.NEGATIVE_INFINITY): Inquiry[] {
    const sql = "SELECT * FROM inquiries WHERE state = 'done' AND received_at >= ? ORDER BY received_at, id";
    const from = Number.isFinite(since) ? since : -8.64e15;
    return (prepareCached(this.db, sql).all(from) as InquiryRow[]).map(buildInquiry);
  }

  getInquiry(id: string): Inquiry | null {
    const row = prepareCached(this.db, 'SELECT * FROM inquiries WHERE id = ?').get(id) as InquiryRow | undefined;
    return row ? buildInquiry(row) : null;
  }

  duePrompts(now: number, limit = 20): Prompt[] {
    return readDuePrompts(this.db, now, limit);
  }

  /** Every prompt of a lead, with what became of it (tests and the log). */
  promptsOf(leadId: string) {
    return readPrompts(this.db, leadId);
  }

  completePrompt(id: number, outcome: PromptOutcome): void {
    completePrompt(this.db, id, outcome, this.clock());
  }

  retryPrompt(id: number, error: string, dueAt: number): void {
    retryPrompt(this.db, id, error, dueAt);
  }

  /** The one reminder of a lead: queued once, however often this is called. */
  scheduleReminder(leadId: string, recipient: string | null, dueAt: number): void {
    enqueuePrompt(this.db, { leadId, kind: 'reminder', recipient, dueAt, now: this.clock() });
  }

  private readRow(id: string): InquiryRow {
    return prepareCached(this.db, 'SELECT * FROM inquiries WHERE id = ?').get(id) as InquiryRow;
  }

  /** The lead matched or created, the inquiry done, the rep's question queued: one transaction (the caller's). */
  private matchPending(row: InquiryRow): InquiryResult {
    const fields = JSON.parse(row.fields ?? '{}') as PendingFields;
    const tracked: TrackedSource = {
      source: row.tracked_source,
      campaign: row.tracked_campaign,
      via: row.tracked_source === null && row.tracked_campaign === null ? null : 'number',
      unmappedNumber: false,
    };
    const { lead: matched, similar } = matchInquiryLead(this.db, fields.company);
    const ctx = { actor: INGEST_ACTOR, at: row.received_at };
    const lead =
      matched === null
        ? this.leads.createLead(buildNewLeadFields(fields, row.channel, tracked), ctx)
        : this.leads.applyTrackedSource(matched.id, tracked, ctx);
    const done = `UPDATE inquiries SET state = 'done', lead_id = ?, created_lead = ?, fields = NULL WHERE id = ?`;
    prepareCached(this.db, done).run(lead.id, matched === null ? 1 : 0, row.id);
    if (lead.reportedSource === undefined) {
      const owner = fields.owner?.id ?? (fields.ownerEmail ? `email:${fields.ownerEmail}` : null);
      const recipient = owner ?? (lead.ownerId === INGEST_ACTOR.id ? null : lead.ownerId);
      const now = this.clock();
      enqueuePrompt(this.db, { leadId: lead.id, kind: 'ask', recipient, inquiryId: row.id, similar, dueAt: now, now });
    }
    return { status: matched === null ? 'created' : 'matched', leadId: lead.id, tracked };
  }
}

function buildNewLeadFields(fields: PendingFields, channel: Channel, tracked: TrackedSource) {
  return {
    company: fields.company,
    contact: fields.contact,
    source: tracked.source ?? UNKNOWN_SOURCE,
    campaign: tracked.campaign,
    channel,
    notes: fields.notes,
    trackedSource: tracked.source,
    trackedCampaign: tracked.campaign,
    ...(fields.owner === null ? {} : { owner: fields.owner }),
  };
}
