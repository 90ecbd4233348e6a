// The webhook's signature, as DESIGN.md specifies it: `X-Ingest-Signature: v1=<hex>`, where hex is HMAC-SHA256 with
// key INGEST_SECRET over `v1:<X-Ingest-Timestamp>:<raw body>`. The timestamp (Unix seconds) must be within five
// minutes of our clock, so a captured request cannot be replayed later.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale_timestamp' | 'bad_signature' };

export function computeIngestSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${SIGNATURE_VERSION}:${timestamp}:`);
  hmac.update(rawBody);
  return `${SIGNATURE_VERSION}=${hmac.digest('hex')}`;
}

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
}

export function verifyIngestSignature(secret: string, request: SignedRequest, now: number): SignatureCheck {
  const { timestamp, signature, rawBody } = request;
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'missing' };
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(seconds) || Math.abs(now - seconds * 1000) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const expected = Buffer.from(computeIngestSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature.trim());
  // Compared in constant time, so the answer's timing says nothing about how much of a guess was right.
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
