// The first read of a store (warmAsync) lets the event loop run while it reads: in distribution mode another
// workspace's requests are acked meanwhile. Read a chunk at a time on SQLite, the leads must still be exactly those a
// whole read gives, in the same order, and a change made during the read (here or by another connection) must be in
// the snapshot once the read is done.

import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { LeadService } from '../../src/store/lead-service.js';
import { MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

/** Several of the read's chunks (500 rows each). */
const LEADS = 3_000;

function seed(seedNumber: number) {
  temp = openTempStore();
  const sample = generateSampleData({ seed: seedNumber, asOf: T0, leads: LEADS });
  loadSample(temp.store, sample);
  return sample;
}

/** What a connection that never warmed reads now: the store as it is. */
function readPlainly(): unknown[] {
  const other = temp.openAnother();
  try {
    return new LeadService(other, temp.clock).dataset().leads.slice();
  } finally {
    other.close();
  }
}

describe('the first read of a store', () => {
  it('lets the event loop run while it reads, and reads every lead in table order', async () => {
    seed(21);
    const store = temp.openAnother();
    try {
      const starting = new LeadService(store, temp.clock);
      const ticked = new Promise<void>((resolve) => setImmediate(resolve)).then(() => 'loop ran');
      const warmed = starting.warmAsync().then(() => 'store read');
      const first = await Promise.race([ticked, warmed]);
      await warmed;

      expect(first).toBe('loop ran');
      expect(starting.dataset().leads).toEqual(readPlainly());
    } finally {
      store.close();
    }
  });

  it('has in its snapshot what this connection and another changed while it read', async () => {
    const sample = seed(22);
    const store = temp.openAnother();
    try {
      const starting = new LeadService(store, temp.clock);
      const warmed = starting.warmAsync();
      // While the read goes on: a rename here of a lead already read, a new lead from another process.
      await new Promise((resolve) => setImmediate(resolve));
      starting.updateLead(sample.leads[0]!.id, { company: 'Quillfeather Machining' }, { actor: MARIA });
      temp.leads.createLead({ company: 'Ostrander Valves', campaign: 'warm-up-expo' }, { actor: MARIA });
      await warmed;

      const leads = starting.dataset().leads;
      expect(leads).toEqual(readPlainly());
      expect(leads.find((lead) => lead.id === sample.leads[0]!.id)?.company).toBe('Quillfeather Machining');
      expect(leads.filter((lead) => lead.company === 'Ostrander Valves')).toHaveLength(1);
      expect(leads).toHaveLength(LEADS + 1);
    } finally {
      store.close();
    }
  });
});
