// Adoption on SQLite: under DATA_DIR's lock (no bot may run, in either mode), the single store's file is made whole
// and renamed into DATA_DIR/workspaces/<key>/. The rename is the one step that moves the data: a crash before it
// leaves the single store as it was (a second run finishes the job), a crash after it leaves the workspace's store.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config.js';
import { acquireDataDirLock, DataDirLockedError } from '../store/data-dir-lock.js';
import { openStore, type Store } from '../store/open-store.js';
import { countStoreData, detachSqliteFile, holdsTeamData } from '../store/store-move.js';
import { buildStorePath } from '../store-location.js';
import { readAdoption, readStoreOwner } from '../store-owner.js';
import { buildWorkspaceDataDir, isWorkspaceKey } from '../workspace-store.js';
import { writeCarryOver } from './carry-over.js';
import { type AdoptionOutcome, type AdoptionPlan, refusedAsUsed, resolveAdoptionKey } from './outcome.js';

export function adoptSqliteStore(config: Config, plan: AdoptionPlan): AdoptionOutcome {
  let lock: { release(): void };
  try {
    lock = acquireDataDirLock(config.dataDir, plan.at);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const who = error.holder === null ? 'A bot' : `A bot (pid ${error.holder.pid} on ${error.holder.host})`;
    const reason = `${who} is running on DATA_DIR ${error.dataDir}: stop it, then adopt. Nothing was changed.`;
    return { kind: 'refused', reason };
  }
  try {
    return adoptLocked(config, plan);
  } finally {
    lock.release();
  }
}

const workspaceFile = (config: Config, key: string) => buildStorePath(buildWorkspaceDataDir(config.dataDir, key));

function adoptLocked(config: Config, plan: AdoptionPlan): AdoptionOutcome {
  const file = buildStorePath(config.dataDir);
  if (!existsSync(file)) return findEarlierAdoption(config, plan.requested);
  const single = openStore({ file });
  try {
    const resolved = resolveAdoptionKey(plan.requested, readStoreOwner(single));
    if ('refused' in resolved) return { kind: 'refused', reason: resolved.refused };
    const { key } = resolved;
    const target = workspaceFile(config, key);
    const blocked = clearTarget(target, key, single);
    if (blocked !== null) return blocked;
    // Out of WAL mode first: a store another process has open is refused before anything is written to it.
    try {
      detachSqliteFile(single);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'refused', reason: `The single-workspace store is in use: ${reason}. Nothing was changed.` };
    }
    const carried = writeCarryOver(single, plan.carry, { key, at: plan.at });
    const counts = countStoreData(single);
    single.close();
    mkdirSync(dirname(target), { recursive: true });
    renameSync(file, target);
    return { kind: 'adopted', key, counts, place: target, ...carried };
  } finally {
    single.close();
  }
}

/**
 * The workspace's own store, when there is one: adopted before (the answer is "already"), in use (refused), or opened
 * but never used (a request came after the install) — then it is deleted, as the adopted store takes its place.
 */
function clearTarget(target: string, key: string, single: Store): AdoptionOutcome | null {
  if (!existsSync(target)) return null;
  const store = openStore({ file: target });
  try {
    const adoption = readAdoption(store);
    if (adoption !== null) return describeAlready(adoption, target, single);
    if (holdsTeamData(store, { settings: true })) return refusedAsUsed(key, target);
  } finally {
    store.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  return null;
}

function describeAlready(adoption: { key: string; at: number }, place: string, single: Store | null): AdoptionOutcome {
  const leftover = single !== null && holdsTeamData(single, { settings: false }) ? countStoreData(single) : null;
  return { kind: 'already', key: adoption.key, at: adoption.at, place, leftover };
}

/** No single store any more: the workspace named, or else any workspace, that says it adopted it. */
function findEarlierAdoption(config: Config, requested: string | undefined): AdoptionOutcome {
  const folder = dirname(buildWorkspaceDataDir(config.dataDir, 'X0'));
  const keys = requested !== undefined ? [requested] : existsSync(folder) ? readdirSync(folder) : [];
  for (const key of keys.filter(isWorkspaceKey)) {
    const target = workspaceFile(config, key);
    if (!existsSync(target)) continue;
    const store = openStore({ file: target });
    try {
      const adoption = readAdoption(store);
      if (adoption !== null) return describeAlready(adoption, target, null);
    } finally {
      store.close();
    }
  }
  return {
    kind: 'refused',
    reason: `There is no single-workspace store to adopt (${buildStorePath(config.dataDir)}).`,
  };
}
