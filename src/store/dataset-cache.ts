// The metrics' snapshot of the store, kept in memory and patched lead by lead. Reading 100k leads from SQLite takes
// about a second; `/roi` must answer in well under that, right after a rep's change. Row writers mark what they
// touched (inside the transaction: a rolled-back write just re-reads the committed row), and the next read patches
// only those. Another process's commit moves `data_version`, and then the snapshot is read again whole.

import { registerSnapshotPatch } from '../domain/snapshot-chunks.js';
import type { Dataset, Lead } from '../domain/types.js';
import { readDataset } from './lead-reads.js';
import { readLeadsById } from './lead-rows.js';
import { type Db, readDataVersion } from './open-store.js';
import { readAllSpend, readAllTargets, readAllVisits } from './plan-rows.js';

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

function buildSnapshot(db: Db, dataVersion: number): Snapshot {
  const dataset = readDataset(db);
  const positions = new Map(dataset.leads.map((lead, i) => [lead.id, i]));
  return { dataVersion, dataset, positions, dirtyLeads: new Set(), plansDirty: false };
}

/** The patched leads, and the positions that changed (null when a removal moved every later lead). */
function patchLeads(db: Db, snapshot: Snapshot): { leads: Lead[]; changed: number[] | null } {
  const leads = snapshot.dataset.leads.slice();
  const changed: number[] = [];
  let removed = false;
  const read = readLeadsById(db, snapshot.dirtyLeads);
  for (const id of snapshot.dirtyLeads) {
    const lead = read.get(id);
    const position = snapshot.positions.get(id);
    if (lead && position !== undefined) {
      leads[position] = lead;
      changed.push(position);
    } else if (lead) {
      const added = leads.push(lead) - 1;
      snapshot.positions.set(id, added);
      changed.push(added);
    } else if (position !== undefined) {
      snapshot.positions.delete(id);
      removed = true;
    }
  }
  if (!removed) return { leads, changed };
  const kept = leads.filter((lead) => snapshot.positions.has(lead.id));
  snapshot.positions = new Map(kept.map((lead, i) => [lead.id, i]));
  return { leads: kept, changed: null };
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
  let leads = snapshot.dataset.leads;
  if (snapshot.dirtyLeads.size > 0) {
    const patched = patchLeads(db, snapshot);
    // Metrics kept per chunk of leads (and their per-lead layout) follow the patch, instead of walking 100k leads.
    if (patched.changed) registerSnapshotPatch(leads, patched.leads, patched.changed);
    leads = patched.leads;
  }
  const { dataset } = snapshot;
  const plans = snapshot.plansDirty
    ? { spend: readAllSpend(db), targets: readAllTargets(db), visits: readAllVisits(db) }
    : { spend: dataset.spend, targets: dataset.targets, visits: dataset.visits ?? [] };
  snapshot.dataset = { leads, ...plans };
  snapshot.dirtyLeads.clear();
  snapshot.plansDirty = false;
  return snapshot.dataset;
}
