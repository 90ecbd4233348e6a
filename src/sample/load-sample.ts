// Puts sample data into a store in one transaction. No events and no outbox rows: the sample is not a change anyone
// made, and it must never be pushed to a real Notion workspace by accident.

import type { Lead, Spend, Target, Visit } from '../domain/types.js';
import { writeLead } from '../store/lead-rows.js';
import type { Store } from '../store/open-store.js';
import { writeSpend, writeTarget, writeVisit } from '../store/plan-rows.js';

export function loadSample(
  store: Store,
  data: { leads: readonly Lead[]; spend: readonly Spend[]; targets: readonly Target[]; visits?: readonly Visit[] },
) {
  const { db } = store;
  db.transaction(() => {
    for (const lead of data.leads) writeLead(db, lead);
    for (const spend of data.spend) writeSpend(db, spend);
    for (const target of data.targets) writeTarget(db, target);
    for (const visit of data.visits ?? []) writeVisit(db, visit);
  })();
  const visits = data.visits === undefined ? {} : { visits: data.visits.length };
  return { leads: data.leads.length, spend: data.spend.length, targets: data.targets.length, ...visits };
}
