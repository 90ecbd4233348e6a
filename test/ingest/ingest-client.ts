// Sending inquiries to the app's webhook as a call-tracking tool would: a JSON body signed with INGEST_SECRET.

import { computeIngestSignature } from '../../src/ingest/signature.js';

export const INGEST_SECRET = 'test-ingest-secret-0123456789';

export interface SentInquiry {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

export interface SendOptions {
  secret?: string;
  /** Unix seconds; default: the app's clock now. */
  timestamp?: number;
  /** Replace the signature header (or leave both headers out with null). */
  signature?: string | null;
  format?: string;
  raw?: string;
}

export async function sendInquiry(base: string, now: number, payload: unknown, options: SendOptions = {}) {
  const raw = options.raw ?? JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(now / 1000));
  const signature = options.signature ?? computeIngestSignature(options.secret ?? INGEST_SECRET, timestamp, raw);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.signature !== null) {
    headers['x-ingest-timestamp'] = timestamp;
    headers['x-ingest-signature'] = signature;
  }
  const query = options.format === undefined ? '' : `?format=${options.format}`;
  const started = performance.now();
  const response = await fetch(`${base}/ingest/inquiry${query}`, { method: 'POST', headers, body: raw });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, body, ms } satisfies SentInquiry;
}
