// What a failed Notion call means for the sync: try again later (transient), give up on this change (permanent), or
// the page is gone. `ambiguous` says the write may have happened although we got no answer: a create then has to
// be looked up by its key before it is sent again, or Notion would hold the row twice.

import { APIErrorCode, APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';

export type NotionFailureKind = 'transient' | 'permanent' | 'gone';

export interface NotionFailure {
  kind: NotionFailureKind;
  ambiguous: boolean;
  /** Notion's error code, or 'timeout' / 'network' / 'unexpected'. */
  code: string;
  message: string;
}

const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  APIErrorCode.RateLimited,
  APIErrorCode.InternalServerError,
  APIErrorCode.ServiceUnavailable,
  APIErrorCode.ServiceOverload,
  APIErrorCode.GatewayTimeout,
  APIErrorCode.ConflictError,
  // A revoked token or an unshared database is fixed by a person; the changes must still be there afterwards.
  APIErrorCode.Unauthorized,
  APIErrorCode.RestrictedResource,
]);

const ARCHIVED_MESSAGE = /archived/i;

export function classifyNotionError(error: unknown): NotionFailure {
  if (error instanceof NotionSyncError) return error.failure;
  if (APIResponseError.isAPIResponseError(error)) return classifyApiError(error);
  if (UnknownHTTPResponseError.isUnknownHTTPResponseError(error)) {
    const transient = error.status >= 500 || error.status === 429;
    const message = `HTTP ${error.status} from Notion`;
    return { kind: transient ? 'transient' : 'permanent', ambiguous: transient, code: 'unknown_response', message };
  }
  if (RequestTimeoutError.isRequestTimeoutError(error) || isAbortError(error)) {
    return { kind: 'transient', ambiguous: true, code: 'timeout', message: 'Notion did not answer in time' };
  }
  if (error instanceof TypeError || hasNetworkCode(error)) {
    return { kind: 'transient', ambiguous: true, code: 'network', message: `network error: ${describe(error)}` };
  }
  return { kind: 'permanent', ambiguous: false, code: 'unexpected', message: describe(error) };
}

function classifyApiError(error: APIResponseError): NotionFailure {
  const code: string = error.code;
  const message = `${code}: ${error.message}`;
  if (RETRYABLE_CODES.has(code)) {
    // 5xx and 409 on a write leave us unsure whether Notion kept it; a 429 or 401 never performed it.
    const ambiguous = error.status >= 500 || code === APIErrorCode.ConflictError;
    return { kind: 'transient', ambiguous, code, message };
  }
  if (code === APIErrorCode.ObjectNotFound) return { kind: 'gone', ambiguous: false, code, message };
  if (code === APIErrorCode.ValidationError && ARCHIVED_MESSAGE.test(error.message)) {
    return { kind: 'gone', ambiguous: false, code, message };
  }
  return { kind: 'permanent', ambiguous: false, code, message };
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function hasNetworkCode(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(code);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** A failure the sync itself decides on (e.g. "this page vanished, but so might our access"), carried as an error. */
export class NotionSyncError extends Error {
  override readonly name = 'NotionSyncError';
  constructor(readonly failure: NotionFailure) {
    super(failure.message);
  }
}
