// Reading request bodies the way Slack accepts them: form-encoded, JSON, multipart, or a query string.

import type { IncomingMessage } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** Node's own fetch `Request` parses multipart bodies, so the fake needs no parser of its own. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<FormData> {
  const request = new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  });
  return request.formData();
}

/** Method arguments as Slack reads them; form and multipart values stay strings, as on the wire. */
export async function parseArgs(body: Buffer, contentType: string | undefined, query: URLSearchParams) {
  const args: Record<string, unknown> = Object.fromEntries(query.entries());
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return args;
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) Object.assign(args, parsed);
    return args;
  }
  if (isMultipart(contentType)) {
    const form = await parseMultipart(body, contentType ?? '');
    for (const [key, value] of form.entries()) {
      args[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    }
    return args;
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = value;
  return args;
}

export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Structured arguments arrive as JSON strings in form bodies and as values in JSON bodies. */
export function jsonArg(args: Record<string, unknown>, key: string): { ok: true; value: unknown } | { ok: false } {
  const value = args[key];
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
