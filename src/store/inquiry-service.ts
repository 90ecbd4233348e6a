// Inquiries from the webhook (call-tracking and form tools). One transaction per inquiry: the duplicate check by the
// sender's id, the lead matched or created (never a question: the caller is not waiting for a rep to pick), its
// tracked source, the inquiry row and the question to the rep. The HTTP answer waits only for this.

import { resolveTrackedSource, type TrackedSource, type TrackingInput } from '../domain/inquiry-sources.js';
import { type Actor, type Channel, INGEST_ACTOR, type Inquiry, type Lead, UNKNOWN_SOURCE } from '../domain/types.js';
import { resolveCompany } from './lead-reads.js';
import type { LeadService } from './lead-service.js';
import type { Clock, Db, Store } from './open-store.js';
import { prepareCached } from './open-store.js';
import { readAllNumbers } from './plan-rows.js';
import {
  completePrompt,
  enqueuePrompt,
  type Prompt,
  type PromptOutcome,
  readDuePrompts,
  readPrompts,
  retryPrompt,
} from './prompt-queue.js';

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

export interface InquiryResult {
  status: 'created' | 'matched' | 'duplicate';
  leadId: string;
  /** Null for a duplicate (nothing was resolved again). */
  tracked: TrackedSource | null;
}

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
  received_at: number;
  channel: Channel;
  lead_id: string;
  created_lead: number;
  tracked_source: string | null;
  tracked_campaign: string | null;
}

function buildInquiry(row: InquiryRow): Inquiry {
  return {
    id: row.id,
    receivedAt: row.received_at,
    channel: row.channel,
    leadId: row.lead_id,
    createdLead: row.created_lead === 1,
    trackedSource: row.tracked_source,
    trackedCampaign: row.tracked_campaign,
  };
}

export class InquiryService {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly leads: LeadService,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  recordInquiry(input: NewInquiry): InquiryResult {
    return this.db.transaction((): InquiryResult => {
      const known = prepareCached(this.db, 'SELECT lead_id FROM inquiries WHERE id = ?').pluck(true).get(input.id);
      if (typeof known === 'string') return { status: 'duplicate', leadId: known, tracked: null };
      const now = this.clock();
      const tracked = resolveTrackedSource(input.tracking, readAllNumbers(this.db), this.leads.customSources());
      const { lead: matched, similar } = matchInquiryLead(this.db, input.company);
      const ctx = { actor: INGEST_ACTOR, at: input.receivedAt };
      const lead =
        matched === null
          ? this.leads.createLead(buildNewLeadFields(input, tracked), ctx)
          : this.leads.applyTrackedSource(matched.id, tracked, ctx);
      this.insertInquiry(input, lead.id, matched === null, tracked, now);
      if (lead.reportedSource === undefined) {
        const owner = input.owner?.id ?? (input.ownerEmail ? `email:${input.ownerEmail}` : null);
        const recipient = owner ?? (lead.ownerId === INGEST_ACTOR.id ? null : lead.ownerId);
        enqueuePrompt(this.db, {
          leadId: lead.id,
          kind: 'ask',
          recipient,
          inquiryId: input.id,
          similar,
          dueAt: now,
          now,
        });
      }
      return { status: matched === null ? 'created' : 'matched', leadId: lead.id, tracked };
    })();
  }

  /** Inquiries received from `since` on (all when omitted), oldest first. */
  listInquiries(since = Number.NEGATIVE_INFINITY): Inquiry[] {
    const sql = 'SELECT * FROM inquiries WHERE received_at >= ? ORDER BY received_at, id';
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

  private insertInquiry(input: NewInquiry, leadId: string, created: boolean, tracked: TrackedSource, now: number) {
    const sql = `INSERT INTO inquiries (id, received_at, recorded_at, channel, lead_id, created_lead, tracked_source,
      tracked_campaign, payload_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    prepareCached(this.db, sql).run(
      input.id,
      input.receivedAt,
      now,
      input.channel,
      leadId,
      created ? 1 : 0,
      tracked.source,
      tracked.campaign,
      input.payloadDigest,
    );
  }
}

function buildNewLeadFields(input: NewInquiry, tracked: TrackedSource) {
  return {
    company: input.company,
    contact: input.contact,
    source: tracked.source ?? UNKNOWN_SOURCE,
    campaign: tracked.campaign,
    channel: input.channel,
    notes: input.notes,
    trackedSource: tracked.source,
    trackedCampaign: tracked.campaign,
    ...(input.owner === null ? {} : { owner: input.owner }),
  };
}
