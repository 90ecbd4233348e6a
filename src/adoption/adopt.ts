// `npm run workspaces -- adopt`: the single-workspace store becomes the store of the workspace it belongs to, so a
// team that used the bot before the deployment served many workspaces keeps everything when it installs from the
// link. The data is moved, never copied (nothing can exist twice), and the move is all or nothing: a rename of one
// file on SQLite, one transaction on Postgres. What each engine does is in adopt-sqlite.ts and adopt-postgres.ts.

import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { isWorkspaceKey } from '../workspace-store.js';
import { adoptPostgresStore } from './adopt-postgres.js';
import { adoptSqliteStore } from './adopt-sqlite.js';
import { buildEnvSettingTexts, readEnvNotion } from './carry-over.js';
import type { AdoptionOutcome } from './outcome.js';

export type { AdoptionOutcome } from './outcome.js';

export async function adoptSingleStore(
  config: Config,
  requested: string | undefined,
  deps: { clock: () => number; log: Logger },
): Promise<AdoptionOutcome> {
  if (requested !== undefined && !isWorkspaceKey(requested)) {
    return { kind: 'refused', reason: `${JSON.stringify(requested)} is not a Slack team or enterprise id (T…, E…).` };
  }
  // Notion is asked first, before any lock: the move itself makes no network call.
  const carry = { settings: buildEnvSettingTexts(config), notion: await readEnvNotion(config, deps.log) };
  const plan = { requested, carry, at: deps.clock() };
  return config.databaseUrl === undefined ? adoptSqliteStore(config, plan) : adoptPostgresStore(config, plan);
}
