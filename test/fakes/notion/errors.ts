import { randomUUID } from 'node:crypto';

/** An answer the fake gives instead of a result: status, Notion error code and message, like the real API. */
export class FakeNotionError extends Error {
  override readonly name = 'FakeNotionError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function buildValidationError(message: string): FakeNotionError {
  return new FakeNotionError(400, 'validation_error', message);
}

export function buildNotFoundError(kind: string, id: string): FakeNotionError {
  return new FakeNotionError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Notion accepts ids with or without dashes and always answers with the dashed form. */
export function parseNotionId(raw: string): string | null {
  const hex = raw.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An id from a request path, or the validation error Notion gives for a malformed one. */
export function parsePathId(raw: string, kind: string): string {
  const id = parseNotionId(raw);
  if (id === null) {
    throw buildValidationError(
      `path failed validation: path.${kind}_id should be a valid uuid, instead was \`"${raw}"\`.`,
    );
  }
  return id;
}

export function buildNotionId(): string {
  return randomUUID();
}

/** Notion stores created/edited times at minute precision: a sync must re-read the boundary minute. */
export function computeMinuteFloor(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

export function buildIsoTime(ms: number): string {
  return new Date(ms).toISOString();
}
