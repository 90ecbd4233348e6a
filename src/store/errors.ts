// One error class for everything the store refuses, so commands can turn the `code` into a reply a person can act on.

export type StoreErrorCode = 'not_found' | 'invalid' | 'duplicate' | 'nothing_to_undo' | 'changed_since';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

/**
 * An undo refused because someone else changed the record after the change being undone (in Slack or in Notion):
 * taking it back would throw their work away. `actorIds` says who, oldest first, for the reply to name them.
 */
export class ChangedSinceError extends StoreError {
  readonly subject: string;
  readonly actorIds: readonly string[];

  constructor(subject: string, actorIds: readonly string[]) {
    super('changed_since', `${subject} has been changed again since, by ${actorIds.join(' and ')}`);
    this.name = 'ChangedSinceError';
    this.subject = subject;
    this.actorIds = actorIds;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
