// Puts sample data into a store in one transaction. No events and no outbox rows: the sample is not a change anyone
// made, and it must never be pushed to a real Notion workspace by accident.

import type { Lead, Spend, Target, Visit } from '../domain/types.js';
import { runTransaction } from '../store/change-feed.js';
import { advanceIdCounter } from '../store/entity-ids.js';
import { insertLeadRows } from '../store/lead-rows.js';
import type { Store } from '../store/open-store.js';
import { insertSpend, insertTarget, insertVisit } from '../store/plan-rows.js';

export function loadSample(
  store: Store,
  data: { leads: readonly Lead[]; spend: readonly Spend[]; targets: readonly Target[]; visits?: readonly Visit[] },
) {
  const { db } = store;
  runTransaction(db, () => {
    insertLeadRows(db, data.leads);
    for (const spend of data.spend) insertSpend(db, spend);
    for (const target of data.targets) insertTarget(db, target);
    for (const visit of data.visits ?? []) insertVisit(db, visit);
    for (const entity of ['lead', 'spend', 'target', 'visit'] as const) advanceIdCounter(db, entity);
  });
  const visits = data.visits === undefined ? {} : { visits: data.visits.length };
  return { leads: data.leads.length, spend: data.spend.length, targets: data.targets.length, ...visits };
}
