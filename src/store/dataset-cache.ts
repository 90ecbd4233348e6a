// The metrics' snapshot of the store, kept in memory and patched lead by lead. Reading 100k leads from SQLite takes
// about a second; `/roi` must answer in well under that, right after a rep's change. Row writers mark what they
// touched (inside the transaction: a rolled-back write just re-reads the committed row), and the next read patches
// only those. Another process's commit moves `data_version`, and then the snapshot is read again whole.

import type { Dataset, Lead } from '../domain/types.js';
import { readDataset } from './lead-reads.js';
import { readLead } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { readAllSpend, readAllTargets } from './plan-rows.js';

interface Snapshot {
  dataVersion: number;
  dataset: Dataset;
  /** Where each lead sits in `dataset.leads`. */
  positions: Map<string, number>;
  dirtyLeads: Set<string>;
  plansDirty: boolean;
}

/** Past this many changed leads a whole read is cheaper than patching one by one. */
const PATCH_LIMIT = 5_000;

const snapshots = new WeakMap<Db, Snapshot>();

export function markLeadChanged(db: Db, id: string): void {
  snapshots.get(db)?.dirtyLeads.add(id);
}

export function markPlansChanged(db: Db): void {
  const snapshot = snapshots.get(db);
  if (snapshot) snapshot.plansDirty = true;
}

function readDataVersion(db: Db): number {
  return prepareCached(db, 'PRAGMA data_version').pluck(true).get() as number;
}

function buildSnapshot(db: Db, dataVersion: number): Snapshot {
  const dataset = readDataset(db);
  const positions = new Map(dataset.leads.map((lead, i) => [lead.id, i]));
  return { dataVersion, dataset, positions, dirtyLeads: new Set(), plansDirty: false };
}

function patchLeads(db: Db, snapshot: Snapshot): Lead[] {
  const leads = snapshot.dataset.leads.slice();
  let removed = false;
  for (const id of snapshot.dirtyLeads) {
    const lead = readLead(db, id);
    const position = snapshot.positions.get(id);
    if (lead && position !== undefined) leads[position] = lead;
    else if (lead) snapshot.positions.set(id, leads.push(lead) - 1);
    else if (position !== undefined) {
      snapshot.positions.delete(id);
      removed = true;
    }
  }
  if (!removed) return leads;
  const kept = leads.filter((lead) => snapshot.positions.has(lead.id));
  snapshot.positions = new Map(kept.map((lead, i) => [lead.id, i]));
  return kept;
}

/** The current dataset; the arrays are fresh whenever anything changed, so a snapshot handed out never mutates. */
export function readCachedDataset(db: Db): Dataset {
  const dataVersion = readDataVersion(db);
  let snapshot = snapshots.get(db);
  if (!snapshot || snapshot.dataVersion !== dataVersion || snapshot.dirtyLeads.size > PATCH_LIMIT) {
    snapshot = buildSnapshot(db, dataVersion);
    snapshots.set(db, snapshot);
    return snapshot.dataset;
  }
  if (snapshot.dirtyLeads.size === 0 && !snapshot.plansDirty) return snapshot.dataset;
  const leads = snapshot.dirtyLeads.size === 0 ? snapshot.dataset.leads : patchLeads(db, snapshot);
  const plans = snapshot.plansDirty
    ? { spend: readAllSpend(db), targets: readAllTargets(db) }
    : { spend: snapshot.dataset.spend, targets: snapshot.dataset.targets };
  snapshot.dataset = { leads, ...plans };
  snapshot.dirtyLeads.clear();
  snapshot.plansDirty = false;
  return snapshot.dataset;
}
