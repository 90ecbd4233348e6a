// The lead edits that are the store's own business (source and touches). Pure: a lead in, a new lead out, or null
// when nothing would change.

import { type Actor, type Lead, type Touch, UNKNOWN_SOURCE } from '../domain/types.js';
import type { NewLead } from './lead-input.js';

/** A new lead at stage Lead, owned by whoever logs it; `at` is when it arrived, `now` when it was recorded. */
export function buildNewLead(fields: NewLead & { id: string }, owner: Actor, at: number, now: number): Lead {
  const lead = buildNewLeadCore(fields, fields.owner ?? owner, at, now);
  if (fields.trackedSource) lead.trackedSource = fields.trackedSource;
  if (fields.trackedCampaign) lead.trackedCampaign = fields.trackedCampaign;
  return lead;
}

function buildNewLeadCore(fields: NewLead & { id: string }, owner: Actor, at: number, now: number): Lead {
  return {
    id: fields.id,
    company: fields.company,
    contact: fields.contact ?? null,
    source: fields.source ?? UNKNOWN_SOURCE,
    campaign: fields.campaign ?? null,
    // Reps log leads right after a call, and most inquiries arrive by phone.
    channel: fields.channel ?? 'phone',
    stage: 'lead',
    lostFrom: null,
    value: fields.value ?? null,
    ownerId: owner.id,
    ownerName: owner.name,
    createdAt: fields.createdAt ?? at,
    stageDates: {},
    touches: [],
    lostReason: null,
    notes: fields.notes ?? null,
    updatedAt: now,
  };
}

/** Touches stay oldest first, also when a backdated touch arrives after newer ones. */
export function buildTouchesWith(touches: readonly Touch[], touch: Touch): Touch[] {
  const index = touches.findIndex((existing) => existing.at > touch.at);
  const next = [...touches];
  next.splice(index === -1 ? next.length : index, 0, touch);
  return next;
}

export interface SourceChange {
  lead: Lead;
  addedAsTouch: boolean;
}

/**
 * A second `/lead source` keeps the first source (first touch) and records the new one as a touch; `primary` makes it
 * the lead's Source instead and turns the old source into a touch at the lead's creation. A source the lead already
 * has, as Source or as a touch, changes nothing: repeating an answer is not a new interaction.
 */
export function buildSourceChange(lead: Lead, source: string, at: number, primary: boolean): SourceChange | null {
  if (source === lead.source) return null;
  if (lead.source === UNKNOWN_SOURCE || primary) {
    return { lead: { ...lead, source, touches: buildPromotedTouches(lead, source) }, addedAsTouch: false };
  }
  if (lead.touches.some((touch) => touch.source === source)) return null;
  const touches = buildTouchesWith(lead.touches, { source, campaign: null, at });
  return { lead: { ...lead, touches }, addedAsTouch: true };
}

function buildPromotedTouches(lead: Lead, source: string): Touch[] {
  // The promoted source was usually recorded as a touch a moment ago; it must not count twice.
  const promoted = lead.touches.findIndex((touch) => touch.source === source && touch.campaign === null);
  const touches = lead.touches.filter((_, index) => index !== promoted);
  if (lead.source === UNKNOWN_SOURCE) return touches;
  return buildTouchesWith(touches, { source: lead.source, campaign: null, at: lead.createdAt });
}

/** True when two stored values are the same, whatever the key order of their objects. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  if (keys.length !== Object.keys(bRecord).filter((key) => bRecord[key] !== undefined).length) return false;
  return keys.every((key) => isSameValue(aRecord[key], bRecord[key]));
}

/** A record seen as plain fields, for the generic before/after bookkeeping of events. */
export function toFields(record: object): Record<string, unknown> {
  return { ...record };
}
