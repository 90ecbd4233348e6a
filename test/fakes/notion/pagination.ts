import { createHash } from 'node:crypto';
import { buildValidationError, isRecord } from './errors.js';

export const MAX_PAGE_SIZE = 100;

export interface ListRequest {
  startCursor: unknown;
  pageSize: unknown;
  /** What makes two requests "the same query": a cursor is refused by any other query. */
  queryKey: string;
  /** How many rows one query may walk; past it Notion stops and says the result is incomplete. */
  maxRows: number;
}

export interface ListPage<T> {
  results: T[];
  nextCursor: string | null;
  hasMore: boolean;
  incomplete: boolean;
}

export function computeListPage<T>(items: readonly T[], request: ListRequest): ListPage<T> {
  const pageSize = parsePageSize(request.pageSize);
  const offset = parseCursor(request.startCursor, request.queryKey);
  const end = Math.min(offset + pageSize, items.length, request.maxRows);
  const results = items.slice(offset, Math.max(offset, end));
  const hasMore = end < items.length && end < request.maxRows;
  return {
    results,
    hasMore,
    nextCursor: hasMore ? buildCursor(end, request.queryKey) : null,
    incomplete: !hasMore && items.length > request.maxRows,
  };
}

function parsePageSize(raw: unknown): number {
  if (raw === undefined || raw === null) return MAX_PAGE_SIZE;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_PAGE_SIZE) {
    throw buildValidationError(
      `body failed validation: body.page_size should be an integer from 1 to \`${MAX_PAGE_SIZE}\`, instead was \`${String(raw)}\`.`,
    );
  }
  return raw;
}

/** The cursor is opaque to clients: an offset bound to a hash of the query it belongs to. */
function buildCursor(offset: number, queryKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: hashQuery(queryKey) })).toString('base64url');
}

function parseCursor(raw: unknown, queryKey: string): number {
  if (raw === undefined || raw === null) return 0;
  const invalid = buildValidationError('body failed validation: body.start_cursor is not a cursor of this query.');
  if (typeof raw !== 'string') throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!isRecord(decoded) || decoded.q !== hashQuery(queryKey) || typeof decoded.o !== 'number') throw invalid;
  return decoded.o;
}

function hashQuery(queryKey: string): string {
  return createHash('sha256').update(queryKey).digest('hex').slice(0, 16);
}
