// At start the company names are indexed in steps after the store is read, so the bot answers sooner. A lookup
// during that warm-up must answer exactly as one after it (and as a fresh read of the store): never "new company"
// for a lead the index has not reached yet, never a name as it was before a change made meanwhile.

import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleData, loadSample, type SampleData } from '../../src/sample/generate.js';
import { isBuildingLeadNames } from '../../src/store/lead-names.js';
import { LeadService } from '../../src/store/lead-service.js';
import { MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

const byMaria = { actor: MARIA };
/** More leads than one step of the build takes (2,000), so that the build is still going when asked. */
const LEADS = 5_000;

type Connection = ReturnType<TempStore['openAnother']>;

/** A store of LEADS sample leads drawn with `seed`, and two more connections to it (closed after `test`). */
async function withSampleStore(
  seed: number,
  test: (sample: SampleData, second: Connection, third: Connection) => Promise<void>,
): Promise<void> {
  temp = openTempStore();
  const sample = generateSampleData({ seed, asOf: T0, leads: LEADS });
  loadSample(temp.store, sample);
  const second = temp.openAnother();
  const third = temp.openAnother();
  try {
    await test(sample, second, third);
  } finally {
    second.close();
    third.close();
  }
}

function expectSameAnswers(starting: LeadService, plain: LeadService, queries: readonly string[]): void {
  for (const query of queries) {
    const found = (service: LeadService) => service.findLeads(query).map(({ lead, score }) => [lead.id, score]);
    expect(found(starting), query).toEqual(found(plain));
    expect(starting.resolveCompany(query), query).toEqual(plain.resolveCompany(query));
  }
  expect(starting.campaigns()).toEqual(plain.campaigns());
}

describe('the names during warm-up', () => {
  it('answer a lookup before the index is whole exactly as after, changes made meanwhile included', async () => {
    await withSampleStore(9, async (sample, second, third) => {
      const first = sample.leads[0]!;
      const last = sample.leads[LEADS - 1]!;
      const starting = new LeadService(second, temp.clock);
      const { names } = await starting.warmAsync();
      expect(isBuildingLeadNames(second.db)).toBe(true);
      // A step of the build runs, then this instance renames a lead the build has passed and one it has not reached,
      // and another connection (another process or instance) adds a lead.
      await new Promise((resolve) => setImmediate(resolve));
      expect(isBuildingLeadNames(second.db)).toBe(true);
      starting.updateLead(first.id, { company: 'Quillfeather Machining' }, byMaria);
      starting.updateLead(last.id, { company: 'Brightwater Robotics' }, byMaria);
      temp.leads.createLead({ company: 'Ostrander Valves', campaign: 'warm-up-expo' }, byMaria);

      const plain = new LeadService(third, temp.clock);
      // The last lead's stored name, typed by a rep: the index has not reached it yet, the answer must find it.
      const queries = [last.company, 'Brightwater Robotics', 'Quillfeather Machining', first.company, 'Ostrander'];
      expectSameAnswers(starting, plain, [sample.leads[LEADS - 2]!.company, ...queries]);
      expect(isBuildingLeadNames(second.db)).toBe(false);
      expect(starting.resolveCompany('Brightwater Robotics')).toMatchObject({ kind: 'exact', lead: { id: last.id } });
      await names;
      expectSameAnswers(starting, plain, queries);
    });
  });

  it('follow a change made during the build when no lookup came before its end', async () => {
    await withSampleStore(10, async (sample, second, third) => {
      const last = sample.leads[LEADS - 1]!;
      const starting = new LeadService(second, temp.clock);
      const { names } = await starting.warmAsync();
      starting.updateLead(last.id, { company: 'Halvorsen Fasteners', campaign: 'renamed-expo' }, byMaria);
      await names;
      expect(isBuildingLeadNames(second.db)).toBe(false);
      const plain = new LeadService(third, temp.clock);
      expectSameAnswers(starting, plain, ['Halvorsen Fasteners', last.company]);
      expect(starting.campaigns()).toContain('renamed-expo');
    });
  });

  it('wait to be built when a workspace opens on demand, campaigns answered meanwhile, and come out the same', async () => {
    await withSampleStore(11, async (sample, second, third) => {
      const [first, last] = [sample.leads[0]!, sample.leads[LEADS - 1]!];
      const starting = new LeadService(second, temp.clock);
      await starting.warmAsync({ namesOnDemand: true });
      const plain = new LeadService(third, temp.clock);
      // A `/roi` asks for the campaigns only: answered from the snapshot, changes here and by another process
      // included, and no name is built for it.
      starting.updateLead(last.id, { company: 'Halvorsen Fasteners', campaign: 'renamed-expo' }, byMaria);
      temp.leads.createLead({ company: 'Ostrander Valves', campaign: 'warm-up-expo' }, byMaria);
      expect(starting.campaigns()).toEqual(plain.campaigns());
      expect(starting.campaigns()).toEqual(expect.arrayContaining(['renamed-expo', 'warm-up-expo']));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isBuildingLeadNames(second.db)).toBe(true);

      // A `/lead` awaits them, built in steps (the event loop runs between), then answers as a plain read does.
      let turns = 0;
      const counting = setInterval(() => {
        turns += 1;
      }, 0);
      await starting.prepareNames();
      clearInterval(counting);
      expect(turns).toBeGreaterThan(0);
      expect(isBuildingLeadNames(second.db)).toBe(false);
      starting.updateLead(first.id, { company: 'Quillfeather Machining' }, byMaria);
      expectSameAnswers(starting, plain, ['Halvorsen Fasteners', 'Quillfeather Machining', 'Ostrander', last.company]);
    });
  });

  it('are built at once by a lookup that comes before any asked for them, with the same answers', async () => {
    await withSampleStore(12, async (sample, second, third) => {
      const starting = new LeadService(second, temp.clock);
      await starting.warmAsync({ namesOnDemand: true });
      temp.leads.createLead({ company: 'Ostrander Valves', campaign: 'warm-up-expo' }, byMaria);
      const plain = new LeadService(third, temp.clock);
      expectSameAnswers(starting, plain, ['Ostrander Valves', sample.leads[7]!.company]);
      expect(isBuildingLeadNames(second.db)).toBe(false);
      await starting.prepareNames();
    });
  });
});
