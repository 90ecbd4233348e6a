// One error class for everything the store refuses, so commands can turn the `code` into a reply a person can act on.

export type StoreErrorCode = 'not_found' | 'invalid' | 'duplicate' | 'nothing_to_undo';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
