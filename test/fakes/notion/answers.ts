import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FaultAnswer } from './faults.js';

// What the fake sends back: Notion's JSON error object, an edge's HTML page, and the headers that go with them.

export interface Answer {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export function buildFaultAnswer(fault: FaultAnswer): Answer {
  const answer: Answer = fault.html
    ? { status: fault.status, html: fault.message }
    : buildErrorAnswer(fault.status, fault.code, fault.message);
  if (fault.retryAfterSeconds === undefined) return answer;
  return { ...answer, headers: { 'retry-after': String(fault.retryAfterSeconds) } };
}

export function buildErrorAnswer(
  status: number,
  code: string,
  message: string,
  additionalData?: Record<string, string>,
): Answer {
  const extra = additionalData === undefined ? {} : { additional_data: additionalData };
  return { status, json: { object: 'error', status, code, message, ...extra, request_id: randomUUID() } };
}

export function sendAnswer(res: ServerResponse, answer: Answer): void {
  const isHtml = answer.html !== undefined;
  const payload = isHtml ? (answer.html ?? '') : JSON.stringify(answer.json);
  res.writeHead(answer.status, {
    'content-type': isHtml ? 'text/html' : 'application/json; charset=utf-8',
    'x-notion-request-id': randomUUID(),
    ...answer.headers,
  });
  res.end(payload);
}
