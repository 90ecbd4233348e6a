// Connecting a workspace's own Notion from /roi settings (distribution mode): the same setup as `npm run
// setup:notion -- --repair` (create or find the databases under the parent page, add what they lack), run with the
// token the manager typed, and its outcome in words a manager can act on. Nothing is stored here: the caller stores the
// connection only when this succeeded.

import { APIErrorCode, APIResponseError } from '@notionhq/client';
import type { NotionConfig } from '../config.js';
import type { Logger } from '../log.js';
import { buildNotionApi } from './client.js';
import { classifyNotionError } from './errors.js';
import type { DatabaseSpec } from './schema.js';
import { NotionSetupError, runNotionSetup, type SetupDatabase } from './setup.js';

export interface NotionConnectRequest {
  token: string;
  parentPageId: string;
  apiUrl: string;
  /** The workspace's currency: the format of the money columns of databases created now. */
  currency: string;
}

export type NotionDatabaseIdsByKey = Partial<Record<DatabaseSpec['configKey'], string>>;

export type NotionConnectOutcome =
  | { ok: true; databases: SetupDatabase[]; ids: NotionDatabaseIdsByKey }
  /**
   * `reason` in plain words; `problems`: what the schema check found that no setup may fix (a wrong column type);
   * `unshared`: Notion cannot see the parent page (a sign-in says to pick it in Notion's page picker).
   */
  | { ok: false; reason: string; problems: string[]; unshared?: true };

/** Runs the setup with the manager's token; every failure becomes an outcome, never a throw. */
export async function connectNotion(
  request: NotionConnectRequest,
  deps: { log: Logger; api?: { requestTimeoutMs?: number } },
): Promise<NotionConnectOutcome> {
  const config: Pick<NotionConfig, 'token' | 'apiUrl'> = { token: request.token, apiUrl: request.apiUrl };
  const { client } = buildNotionApi(config, { log: deps.log, ...deps.api });
  try {
    // One read first: a refused token and an unshared page each get their own plain answer.
    await client.pages.retrieve({ page_id: request.parentPageId });
    const result = await runNotionSetup(client, {
      parentPageId: request.parentPageId,
      repair: true,
      currency: request.currency,
    });
    const problems = result.databases.flatMap((db) => db.problems);
    if (problems.length > 0) {
      return { ok: false, reason: 'the databases under that page have problems to fix in Notion first', problems };
    }
    const ids = Object.fromEntries(result.databases.map((db) => [db.spec.configKey, db.databaseId]));
    return { ok: true, databases: result.databases, ids };
  } catch (error) {
    deps.log.warn('Connecting Notion failed', { error });
    const unshared = APIResponseError.isAPIResponseError(error) && error.code === APIErrorCode.ObjectNotFound;
    return { ok: false, reason: describeConnectFailure(error), problems: [], ...(unshared ? { unshared } : {}) };
  }
}

/** What went wrong, said the way a manager can fix it. */
export function describeConnectFailure(error: unknown): string {
  if (error instanceof NotionSetupError) return error.message;
  if (APIResponseError.isAPIResponseError(error)) {
    if (error.code === APIErrorCode.Unauthorized) {
      return (
        'Notion refused the token: it is not a valid integration secret, or the integration was deleted. Copy the ' +
        'Internal Integration Secret again from notion.so/profile/integrations'
      );
    }
    if (error.code === APIErrorCode.ObjectNotFound) {
      return (
        'Notion cannot see that page: it is not shared with the integration. Open the page in Notion, ••• menu → ' +
        'Connections → add the integration, then connect again'
      );
    }
    if (error.code === APIErrorCode.RestrictedResource) {
      return 'the integration lacks a capability: give it Read, Update and Insert content in its Capabilities';
    }
    if (error.code === APIErrorCode.ValidationError) return `Notion refused the request: ${error.message}`;
  }
  const failure = classifyNotionError(error);
  if (failure.kind === 'transient') return `Notion did not answer (${failure.message}); try again in a few minutes`;
  return `Notion answered with an error: ${failure.message}`;
}
