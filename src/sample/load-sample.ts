// Puts sample data into a store in one transaction. No events and no outbox rows: the sample is not a change anyone
// made, and it must never be pushed to a real Notion workspace by accident.

import type { Lead, Spend, Target } from '../domain/types.js';
import { advanceIdCounter } from '../store/entity-ids.js';
import { insertLeadRow } from '../store/lead-rows.js';
import type { Store } from '../store/open-store.js';
import { insertSpend, insertTarget } from '../store/plan-rows.js';

export function loadSample(
  store: Store,
  data: { leads: readonly Lead[]; spend: readonly Spend[]; targets: readonly Target[] },
) {
  const { db } = store;
  db.transaction(() => {
    for (const lead of data.leads) insertLeadRow(db, lead);
    for (const spend of data.spend) insertSpend(db, spend);
    for (const target of data.targets) insertTarget(db, target);
    for (const entity of ['lead', 'spend', 'target'] as const) advanceIdCounter(db, entity);
  })();
  return { leads: data.leads.length, spend: data.spend.length, targets: data.targets.length };
}
