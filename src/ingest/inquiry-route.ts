// POST /ingest/inquiry: call-tracking and form tools tell us about an inquiry the moment it happens. The answer waits
// only for one small transaction (the duplicate check, the tracked source, the inquiry stored as pending); matching it
// to a lead and the question to the rep come right after (inquiry-processor.ts, prompt-worker.ts).
//
// 404 while INGEST_SECRET is unset (the route is not registered), 405 for another method, 413 past 64 KB, 401 for a
// missing, stale or wrong signature, 400 with every field problem for a bad body, 202 for an accepted inquiry, 200
// for a repeated id, 503 when another process holds the store's write lock (the sender retries).

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrackedSource } from '../domain/inquiry-sources.js';
import type { Logger } from '../log.js';
import type { InquiryService, NewInquiry } from '../store/index.js';
import { isStoreBusy } from '../store/sql/database.js';
import { adaptInquiryPayload, parseInquiryFormat } from './adapters.js';
import { type ParsedInquiry, parseInquiryBody } from './inquiry-body.js';
import { verifyIngestSignature } from './signature.js';

export const INGEST_PATH = '/ingest/inquiry';
export const MAX_BODY_BYTES = 64 * 1024;

export interface IngestDeps {
  secret: string;
  phoneRegion: string;
  inquiries: InquiryService;
  clock: () => number;
  log: Logger;
  /** Told after each accepted inquiry, once the answer is on its way (the processor matches it to its lead). */
  onAccepted: () => void;
  /** Told when a request starts (+1) and is answered (−1), so matching yields to answering. */
  onLoad?: (delta: 1 | -1) => void;
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

function send(response: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    ...answer.headers,
  });
  response.end(body);
}

/** The raw bytes (the signature covers them exactly), or null once the body passed the cap. */
function readRawBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      // Past the cap the rest is read and dropped, so the 413 reaches a sender still writing.
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(raw: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function buildNewInquiry(parsed: ParsedInquiry, raw: Buffer): NewInquiry {
  const { trackingNumber, utmSource, utmCampaign, owner, ...rest } = parsed;
  return {
    ...rest,
    tracking: { trackingNumber, utmSource, utmCampaign },
    // An email owner is looked up in Slack by the prompt worker; until then the webhook owns the lead.
    owner: owner?.kind === 'user' ? { id: owner.id, name: owner.id } : null,
    ownerEmail: owner?.kind === 'email' ? owner.email : null,
    payloadDigest: createHash('sha256').update(raw).digest('hex'),
  };
}

function describeTracked(tracked: TrackedSource | null) {
  if (tracked === null) return null;
  return {
    source: tracked.source,
    campaign: tracked.campaign,
    via: tracked.via,
    unmapped_number: tracked.unmappedNumber,
  };
}

async function answerInquiry(deps: IngestDeps, request: IncomingMessage): Promise<Answer> {
  if (request.method !== 'POST')
    return { status: 405, body: { ok: false, error: 'method_not_allowed' }, headers: { allow: 'POST' } };
  const raw = await readRawBody(request);
  if (raw === null) return { status: 413, body: { ok: false, error: 'body_too_large', max_bytes: MAX_BODY_BYTES } };
  const signed = {
    timestamp: header(request, 'x-ingest-timestamp'),
    signature: header(request, 'x-ingest-signature'),
    rawBody: raw,
  };
  const check = verifyIngestSignature(deps.secret, signed, deps.clock());
  if (!check.ok) {
    deps.log.warn('Refused an inquiry with a bad signature', { reason: check.reason });
    return { status: 401, body: { ok: false, error: check.reason } };
  }
  const format = parseInquiryFormat(new URL(request.url ?? '/', 'http://localhost').searchParams.get('format'));
  if (format === null)
    return { status: 400, body: { ok: false, error: 'unknown_format', formats: ['inquiry', 'callrail', 'ctm'] } };
  const json = parseJson(raw);
  if (!json.ok) return { status: 400, body: { ok: false, error: 'invalid_json' } };
  const parsed = parseInquiryBody(adaptInquiryPayload(format, json.value), deps.clock(), deps.phoneRegion);
  if (!parsed.ok) return { status: 400, body: { ok: false, error: 'invalid_body', errors: parsed.errors } };
  const result = deps.inquiries.acceptInquiry(buildNewInquiry(parsed.value, raw));
  if (result.status === 'duplicate') {
    return { status: 200, body: { ok: true, status: 'duplicate', id: parsed.value.id, lead_id: result.leadId } };
  }
  return {
    status: 202,
    body: { ok: true, status: 'accepted', id: parsed.value.id, tracked: describeTracked(result.tracked) },
  };
}

export function handleInquiryRequest(deps: IngestDeps) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    deps.onLoad?.(1);
    response.once('close', () => deps.onLoad?.(-1));
    answerInquiry(deps, request).then(
      (answer) => {
        send(response, answer);
        if (answer.status === 202) deps.onAccepted();
      },
      (error: unknown) => {
        if (isStoreBusy(error)) {
          send(response, { status: 503, body: { ok: false, error: 'store_busy' }, headers: { 'retry-after': '1' } });
          return;
        }
        deps.log.error('Inquiry webhook failed', { error });
        send(response, { status: 500, body: { ok: false, error: 'internal_error' } });
      },
    );
  };
}
