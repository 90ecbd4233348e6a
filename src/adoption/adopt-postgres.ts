// Adoption on Postgres: the single store's tables (the default schema of DATABASE_URL, usually `public`) move into
// the workspace's schema ws_<key> in one transaction, holding the workspace store's writer lock: another instance's
// writes to that workspace wait for it, and a crash or a refusal midway leaves the old layout whole.

import type { Config } from '../config.js';
import { runTransaction } from '../store/change-feed.js';
import { openStore, type Store } from '../store/open-store.js';
import { isStoreBusy } from '../store/sql/database.js';
import { PostgresDatabase } from '../store/sql/postgres.js';
import {
  countStoreData,
  hasStoreTables,
  holdsTeamData,
  listTables,
  moveTables,
  readCurrentSchema,
  type StoreCounts,
} from '../store/store-move.js';
import { readAdoption, readStoreOwner } from '../store-owner.js';
import { buildWorkspaceSchema } from '../workspace-store.js';
import { writeCarryOver } from './carry-over.js';
import { type AdoptionOutcome, type AdoptionPlan, refusedAsUsed, resolveAdoptionKey } from './outcome.js';

/** Where the single store's tables are, or null when that schema has none (adopted already, or never used). */
function findSingleSchema(url: string): string | null {
  const probe = new PostgresDatabase({ url });
  try {
    const schema = readCurrentSchema(probe);
    return hasStoreTables(probe, schema) ? schema : null;
  } finally {
    probe.close();
  }
}

function openSingle(url: string): Store {
  return openStore({ file: '', url });
}

export function adoptPostgresStore(config: Config, plan: AdoptionPlan): AdoptionOutcome {
  const url = config.databaseUrl!;
  const from = findSingleSchema(url);
  if (from === null) return findEarlierAdoption(url, plan.requested);
  // Opening migrates the single store, so it has exactly the tables a workspace store of this version has.
  const single = openSingle(url);
  let owner: ReturnType<typeof readStoreOwner>;
  let leftover: StoreCounts | null;
  try {
    owner = readStoreOwner(single);
    leftover = holdsTeamData(single, { settings: false }) ? countStoreData(single) : null;
  } finally {
    single.close();
  }
  const resolved = resolveAdoptionKey(plan.requested, owner);
  if ('refused' in resolved) return { kind: 'refused', reason: resolved.refused };
  const { key } = resolved;
  const schema = buildWorkspaceSchema(key);
  // Opening the workspace's store creates (or migrates) its schema: its tables are the list of what moves.
  const workspace = openStore({ file: '', url, schema });
  try {
    return moveInto(workspace, from, schema, plan, key, leftover);
  } catch (error) {
    // A table still in use (a bot not stopped, a query left open) holds a lock the move cannot wait for: the whole
    // transaction is rolled back, nothing has moved.
    if (!isStoreBusy(error)) throw error;
    return { kind: 'refused', reason: BUSY };
  } finally {
    workspace.close();
  }
}

const BUSY =
  'The single-workspace store is in use (is a bot still running on DATABASE_URL?): stop every instance, then adopt. ' +
  'Nothing was moved.';

function moveInto(
  workspace: Store,
  from: string,
  schema: string,
  plan: AdoptionPlan,
  key: string,
  leftover: StoreCounts | null,
): AdoptionOutcome {
  const place = `schema ${schema}`;
  return runTransaction(workspace.db, (): AdoptionOutcome => {
    const adoption = readAdoption(workspace);
    if (adoption !== null) return { kind: 'already', key: adoption.key, at: adoption.at, place, leftover };
    if (holdsTeamData(workspace, { settings: true })) return refusedAsUsed(key, place);
    moveTables(workspace.db, from, schema, listTables(workspace.db, schema));
    const carried = writeCarryOver(workspace, plan.carry, { key, at: plan.at });
    return { kind: 'adopted', key, counts: countStoreData(workspace), place, ...carried };
  });
}

/** No single store any more: the workspace named, or else any workspace schema, that says it adopted it. */
function findEarlierAdoption(url: string, requested: string | undefined): AdoptionOutcome {
  const probe = new PostgresDatabase({ url });
  let schemas: string[];
  try {
    const named = requested === undefined ? null : buildWorkspaceSchema(requested);
    const sql = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ws\\_%' ORDER BY nspname";
    const all = probe.prepare<[], string>(sql).pluck().all();
    schemas = all.filter((schema) => (named === null || schema === named) && hasStoreTables(probe, schema));
  } finally {
    probe.close();
  }
  for (const schema of schemas) {
    const store = openStore({ file: '', url, schema });
    try {
      const adoption = readAdoption(store);
      if (adoption !== null) return { kind: 'already', ...adoption, place: `schema ${schema}`, leftover: null };
    } finally {
      store.close();
    }
  }
  return { kind: 'refused', reason: 'There is no single-workspace store to adopt (no store tables in DATABASE_URL).' };
}
