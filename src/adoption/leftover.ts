// Distribution mode's reminders: a single-workspace store that still holds a team's data was never adopted, and its
// team would find an empty workspace after installing from the link. The bot says so at start, and again when that
// team installs; it never moves the data itself (README, "Switching an existing deployment").

import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { InstalledWorkspace } from '../slack/oauth.js';
import { openStore, type Store } from '../store/open-store.js';
import { PostgresDatabase } from '../store/sql/postgres.js';
import {
  countStoreData,
  hasStoreTables,
  holdsTeamData,
  readCurrentSchema,
  type StoreCounts,
} from '../store/store-move.js';
import { buildStorePath } from '../store-location.js';
import { buildOwnerKey, readStoreOwner, type StoreOwner } from '../store-owner.js';
import { openWorkspaceStore } from '../workspace-store.js';

export const ADOPT_COMMAND = 'npm run workspaces -- adopt';

export interface UnadoptedStore {
  owner: StoreOwner | null;
  counts: StoreCounts;
}

function openSingleIfPresent(config: Config): Store | null {
  if (config.databaseUrl === undefined) {
    const file = buildStorePath(config.dataDir);
    return existsSync(file) ? openStore({ file }) : null;
  }
  const probe = new PostgresDatabase({ url: config.databaseUrl });
  try {
    if (!hasStoreTables(probe, readCurrentSchema(probe))) return null;
  } finally {
    probe.close();
  }
  return openStore({ file: '', url: config.databaseUrl });
}

/** The single-workspace store, when it is still there with a team's data in it. */
export function findUnadoptedStore(config: Config): UnadoptedStore | null {
  const single = openSingleIfPresent(config);
  if (single === null) return null;
  try {
    if (!holdsTeamData(single, { settings: false })) return null;
    return { owner: readStoreOwner(single), counts: countStoreData(single) };
  } finally {
    single.close();
  }
}

function buildAdoptCommand(owner: StoreOwner | null): string {
  const key = owner === null ? null : buildOwnerKey(owner);
  return key === null ? `${ADOPT_COMMAND} <team id>` : `${ADOPT_COMMAND} ${key}`;
}

/** At start: one warning naming the command, when the single store was left as it was. */
export function warnOfUnadoptedStore(config: Config, log: Logger): void {
  try {
    const found = findUnadoptedStore(config);
    if (found === null) return;
    log.warn(
      "The single-workspace store still holds a team's data: that team's workspace starts empty until it is adopted",
      {
        workspace: found.owner === null ? null : buildOwnerKey(found.owner),
        ...found.counts,
        command: buildAdoptCommand(found.owner),
      },
    );
  } catch (error) {
    log.warn('Could not look at the single-workspace store', { error });
  }
}

/** After an install: the team whose data is still in the single store, installing into an empty workspace, is told. */
export function warnIfInstalledWithoutData(config: Config, installed: InstalledWorkspace, log: Logger): void {
  try {
    const found = findUnadoptedStore(config);
    const ownerKey = found?.owner === null || found === null ? null : buildOwnerKey(found.owner);
    const key = installed.orgWide ? installed.enterpriseId : installed.teamId;
    if (found === null || key === null) return;
    const ours = ownerKey === key || found.owner?.teamId === installed.teamId;
    if (!ours || workspaceHoldsData(config, key)) return;
    log.warn('A workspace installed whose data is still in the single-workspace store: it sees an empty workspace', {
      workspace: key,
      ...found.counts,
      command: `stop the bot, then ${ADOPT_COMMAND} ${key}`,
    });
  } catch (error) {
    log.warn('Could not look at the single-workspace store', { error });
  }
}

function workspaceHoldsData(config: Config, key: string): boolean {
  const { services } = openWorkspaceStore(config, key, Date.now);
  try {
    return holdsTeamData(services.store, { settings: true });
  } finally {
    services.store.close();
  }
}
