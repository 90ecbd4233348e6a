// The webhook's JSON body (DESIGN.md, "Interface additions"), parsed with zod into an inquiry the store can record.
// Every field problem is reported at once, by field name, so whoever wires a call-tracking tool fixes it in one go.

import { z } from 'zod';
import { CHANNELS, type Channel } from '../domain/types.js';
import { parsePhoneNumber } from './phone.js';

const text = (max: number, required = 'must be text') =>
  z.string({ error: required }).trim().max(max, `at most ${max} characters`);
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => (value === '' || value == null ? null : value));

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const ID_REQUIRED = 'required: the id your tool gives the call or form';
const COMPANY_REQUIRED = 'required: the company (or, failing that, the caller) the inquiry is from';

export const inquiryBodySchema = z.object({
  id: text(200, ID_REQUIRED).min(1, ID_REQUIRED),
  channel: z.enum(CHANNELS, { error: `one of ${CHANNELS.join(', ')}` }).default('other'),
  received_at: z.iso.datetime({ offset: true, error: 'an ISO 8601 time such as 2026-11-23T15:04:05Z' }).nullish(),
  company: text(200, COMPANY_REQUIRED).min(1, COMPANY_REQUIRED),
  contact: optionalText(200),
  caller_number: optionalText(40),
  tracking_number: optionalText(40),
  utm_source: optionalText(100),
  utm_campaign: optionalText(100),
  landing_page: optionalText(2000),
  owner: optionalText(200).refine(
    (owner) => owner === null || SLACK_USER_ID.test(owner) || z.email().safeParse(owner).success,
    'a Slack user id (U…) or an email address',
  ),
});

export type InquiryBody = z.infer<typeof inquiryBodySchema>;

/** An inquiry as the store takes it, before the owner (a Slack user, or an email still to be looked up) is known. */
export interface ParsedInquiry {
  id: string;
  channel: Channel;
  receivedAt: number;
  company: string;
  contact: string | null;
  notes: string | null;
  trackingNumber: string | null;
  utmSource: string | null;
  utmCampaign: string | null;
  owner: { kind: 'user'; id: string } | { kind: 'email'; email: string } | null;
}

export type InquiryParse = { ok: true; value: ParsedInquiry } | { ok: false; errors: Record<string, string> };

function collectErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'body';
    errors[field] ??= issue.message;
  }
  return errors;
}

function buildNotes(body: InquiryBody, callerNumber: string | null): string | null {
  const lines = [
    callerNumber === null ? null : `Caller: ${callerNumber}`,
    body.landing_page === null ? null : `Landing page: ${body.landing_page}`,
  ].filter((line) => line !== null);
  return lines.length === 0 ? null : lines.join('\n');
}

/** A body already shaped like ours (adapters map other tools' payloads into this shape first). */
export function parseInquiryBody(input: unknown, now: number, region: string): InquiryParse {
  const parsed = inquiryBodySchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: collectErrors(parsed.error) };
  const body = parsed.data;
  const tracking = body.tracking_number === null ? null : parsePhoneNumber(body.tracking_number, region);
  if (tracking !== null && !tracking.ok) return { ok: false, errors: { tracking_number: tracking.error } };
  // A caller number is information, not a key: "Anonymous" or a short code is kept as written.
  const caller = body.caller_number === null ? null : parsePhoneNumber(body.caller_number, region);
  const callerNumber = caller === null ? null : caller.ok ? caller.value : body.caller_number;
  const owner = body.owner === null ? null : body.owner;
  return {
    ok: true,
    value: {
      id: body.id,
      channel: body.channel,
      receivedAt: body.received_at == null ? now : Date.parse(body.received_at),
      company: body.company,
      contact: body.contact,
      notes: buildNotes(body, callerNumber),
      trackingNumber: tracking?.value ?? null,
      utmSource: body.utm_source,
      utmCampaign: body.utm_campaign,
      owner:
        owner === null
          ? null
          : SLACK_USER_ID.test(owner)
            ? { kind: 'user', id: owner }
            : { kind: 'email', email: owner },
    },
  };
}
