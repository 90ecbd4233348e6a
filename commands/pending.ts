// A `/lead` change that waits for a click: the parsed command plus the choice the button makes (which lead, which
// source, make it primary, which two leads to merge). It travels as compact JSON in the button's value and is parsed
// back with zod, since a value is input like any other.

import { z } from 'zod';
import { FUNNEL_STAGES } from '../src/domain/types.js';
import { SLACK_LIMITS } from '../src/slack/limits.js';
import type { LeadChange } from './grammar/lead-grammar.js';

const at = z.number().int().optional();
const company = z.string().min(1).max(400);

const changeSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('source'), source: z.string().max(400), company: company.nullable(), at }),
  z.object({
    verb: z.literal('stage'),
    stage: z.enum([...FUNNEL_STAGES, 'lost']),
    company,
    value: z.number().nonnegative().optional(),
    reason: z.string().max(2000).optional(),
    at,
  }),
  z.object({ verb: z.literal('campaign'), campaign: z.string().max(100), company, at }),
  z.object({ verb: z.literal('touch'), target: z.string().max(400), company, at }),
  z.object({ verb: z.literal('merge'), from: company, into: company }),
]);

const leadId = z.string().max(40);

const choiceSchema = z
  .object({
    /** The lead picked among similar names (or the one a confirmation is about). */
    leadId,
    /** A merge: the lead merged away, and the lead it goes into (which survives). */
    fromId: leadId,
    intoId: leadId,
    /** "It's a new lead": create it even though similar names exist. */
    newLead: z.literal(true),
    /** A source slug picked from suggestions, used instead of the typed one. */
    source: z.string().max(100),
    /** A typed source to add to the team's sources first. */
    addSource: z.string().max(100),
    /** Make the source the lead's primary one (instead of a touch). */
    primary: z.literal(true),
    /** A touch target picked from suggestions, as a source or as a campaign. */
    touchAs: z.enum(['source', 'campaign']),
  })
  .partial()
  .strict();

export type PendingChoice = z.infer<typeof choiceSchema>;

export interface PendingChange {
  change: LeadChange;
  choice: PendingChoice;
}

const pendingSchema = z.object({ change: changeSchema, choice: choiceSchema }).strict();

export function encodePendingChange(pending: PendingChange): string {
  return JSON.stringify(pending);
}

/** True when the encoded change fits a button (the views leave out the ones that do not). */
export function fitsButton(encoded: string): boolean {
  return encoded.length <= SLACK_LIMITS.buttonValue;
}

export function parsePendingChange(value: string | undefined): PendingChange | null {
  if (value === undefined) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
