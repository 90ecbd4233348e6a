import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { countRows, MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

describe('loadSample and dataset()', () => {
  it('round-trips the sample exactly, with no events and nothing queued for Notion', () => {
    const sample = generateSampleData({ asOf: T0, leads: 300 });
    expect(loadSample(t.store, sample)).toEqual({
      leads: 300,
      spend: sample.spend.length,
      targets: 72,
      visits: sample.visits.length,
    });
    t = t.reopen();
    const dataset = t.leads.dataset();
    expect(dataset.leads).toEqual(sample.leads);
    expect(dataset.spend).toEqual(sample.spend);
    expect(dataset.targets).toEqual(sample.targets);
    expect(dataset.visits).toEqual(sample.visits);
    expect(countRows(t.store, 'lead_events') + countRows(t.store, 'plan_events')).toBe(0);
    expect(t.outbox.size()).toBe(0);
  });

  it('lets the team carry on after the sample: ids continue, fuzzy lookup finds sample companies', () => {
    const sample = generateSampleData({ asOf: T0, leads: 300 });
    loadSample(t.store, sample);
    expect(t.leads.createLead({ company: 'Brand New Co' }, { actor: MARIA }).id).toBe('L-000301');
    const someone = sample.leads[123]!;
    expect(t.leads.resolveCompany(someone.company)).toMatchObject({ kind: 'exact', lead: { id: someone.id } });
    expect(t.plans.recordSpend({ ...sample.spend[0]!, amount: 1 }, { actor: MARIA }).id).toBe(sample.spend[0]!.id);
  });
});
