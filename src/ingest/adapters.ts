// Two common call-tracking tools' webhooks, mapped onto our body (`POST /ingest/inquiry?format=…`). Each adapter is a
// small zod schema of the fields we use (everything else in their payload is ignored) and a mapping; the result is
// checked by the same schema as a body sent in our own shape. The README lists the mapping field by field.
//
// - callrail: CallRail's call webhooks (post-call). The call object's `id`, `start_time`, `customer_name`,
//   `customer_phone_number`, `tracking_phone_number`, `utm_source` (or its `source`), `utm_campaign` (or `campaign`),
//   `landing_page_url`.
// - ctm: CallTrackingMetrics' call webhooks. The activity's `id`, `unix_time` (or `called_at`), `name` / `cnam`,
//   `caller_number`, `tracking_number`, `source`, `utm_campaign`, `landing_url`, `email`.

import { z } from 'zod';

export const INQUIRY_FORMATS = ['inquiry', 'callrail', 'ctm'] as const;
export type InquiryFormat = (typeof INQUIRY_FORMATS)[number];

const maybeText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value == null || String(value).trim() === '' ? null : String(value).trim()));

const callRailSchema = z.object({
  id: maybeText,
  start_time: maybeText,
  customer_name: maybeText,
  customer_phone_number: maybeText,
  formatted_customer_name: maybeText,
  tracking_phone_number: maybeText,
  source: maybeText,
  utm_source: maybeText,
  campaign: maybeText,
  utm_campaign: maybeText,
  landing_page_url: maybeText,
});

const ctmSchema = z.object({
  id: maybeText,
  unix_time: z.number().nullish(),
  called_at: maybeText,
  name: maybeText,
  cnam: maybeText,
  caller_number: maybeText,
  tracking_number: maybeText,
  source: maybeText,
  utm_campaign: maybeText,
  landing_url: maybeText,
  email: maybeText,
});

function toIso(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

function mapCallRail(payload: z.infer<typeof callRailSchema>): Record<string, unknown> {
  const caller = payload.customer_name ?? payload.formatted_customer_name;
  return {
    id: payload.id === null ? null : `callrail:${payload.id}`,
    channel: 'phone',
    received_at: toIso(payload.start_time),
    // CallRail knows the caller, not their company: the caller's name (or number) stands in until the rep renames it.
    company: caller ?? payload.customer_phone_number,
    contact: caller,
    caller_number: payload.customer_phone_number,
    tracking_number: payload.tracking_phone_number,
    utm_source: payload.utm_source ?? payload.source,
    utm_campaign: payload.utm_campaign ?? payload.campaign,
    landing_page: payload.landing_page_url,
  };
}

function mapCtm(payload: z.infer<typeof ctmSchema>): Record<string, unknown> {
  const caller = payload.name ?? payload.cnam;
  const receivedAt =
    payload.unix_time == null ? toIso(payload.called_at) : new Date(payload.unix_time * 1000).toISOString();
  return {
    id: payload.id === null ? null : `ctm:${payload.id}`,
    channel: 'phone',
    received_at: receivedAt,
    company: caller ?? payload.caller_number,
    contact: caller ?? payload.email,
    caller_number: payload.caller_number,
    tracking_number: payload.tracking_number,
    utm_source: payload.source,
    utm_campaign: payload.utm_campaign,
    landing_page: payload.landing_url,
  };
}

/** The payload in our body's shape; what the tool left out stays out, and our schema reports it. */
export function adaptInquiryPayload(format: InquiryFormat, payload: unknown): unknown {
  if (format === 'inquiry') return payload;
  if (typeof payload !== 'object' || payload === null) return payload;
  if (format === 'callrail') {
    const parsed = callRailSchema.safeParse(payload);
    return parsed.success ? mapCallRail(parsed.data) : payload;
  }
  const parsed = ctmSchema.safeParse(payload);
  return parsed.success ? mapCtm(parsed.data) : payload;
}

export function parseInquiryFormat(text: string | null): InquiryFormat | null {
  const format = (text ?? 'inquiry').toLowerCase();
  return (INQUIRY_FORMATS as readonly string[]).includes(format) ? (format as InquiryFormat) : null;
}
