import { afterEach, describe, expect, it } from 'vitest';
import { computeCampaignCard } from '../../src/domain/roi.js';
import { DEFAULT_METRIC_SETTINGS, type Period } from '../../src/domain/types.js';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { LeadService } from '../../src/store/lead-service.js';
import { MARIA, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

describe('the metrics snapshot', () => {
  it('follows every change made through the services, without mutating earlier snapshots', () => {
    temp = openTempStore();
    const acme = temp.leads.createLead({ company: 'Acme Corp', source: 'thomasnet' }, { actor: MARIA });
    const before = temp.leads.dataset();
    expect(before.leads.map((l) => l.company)).toEqual(['Acme Corp']);

    temp.leads.createLead({ company: 'Globex' }, { actor: MARIA });
    temp.leads.moveStage(acme.id, 'sql', { actor: MARIA });
    temp.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-11', amount: 5000, category: 'event' },
      { actor: MARIA },
    );
    const after = temp.leads.dataset();

    expect(after.leads.map((l) => [l.company, l.stage])).toEqual([
      ['Acme Corp', 'sql'],
      ['Globex', 'lead'],
    ]);
    expect(after.spend.map((s) => s.amount)).toEqual([5000]);
    // The first snapshot is what it was: metrics computed from it never see half a change.
    expect(before.leads.map((l) => [l.company, l.stage])).toEqual([['Acme Corp', 'lead']]);
    expect(before.spend).toEqual([]);
    // Nothing changed: the same snapshot comes back.
    expect(temp.leads.dataset()).toBe(after);
  });

  it('drops a lead whose creation is undone', () => {
    temp = openTempStore();
    temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    temp.clock.advance(MINUTE);
    temp.leads.createLead({ company: 'Initech' }, { actor: MARIA });
    expect(temp.leads.dataset().leads).toHaveLength(2);
    temp.leads.undoLast(MARIA.id);
    expect(temp.leads.dataset().leads.map((l) => l.company)).toEqual(['Acme Corp']);
  });

  it('keeps a change that rolled back out of the snapshot', () => {
    temp = openTempStore();
    temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    temp.leads.dataset();
    expect(() =>
      temp.store.db.transaction(() => {
        temp.leads.createLead({ company: 'Doomed Inc' }, { actor: MARIA });
        throw new Error('crash mid-change');
      })(),
    ).toThrow('crash mid-change');
    expect(temp.leads.dataset().leads.map((l) => l.company)).toEqual(['Acme Corp']);
  });

  it("sees another process's commits", () => {
    temp = openTempStore();
    temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    expect(temp.leads.dataset().leads).toHaveLength(1);
    const other = temp.openAnother();
    try {
      new LeadService(other, temp.clock).createLead({ company: 'Written Elsewhere' }, { actor: MARIA });
    } finally {
      other.close();
    }
    expect(
      temp.leads
        .dataset()
        .leads.map((l) => l.company)
        .sort(),
    ).toEqual(['Acme Corp', 'Written Elsewhere']);
  });

  it('gives ROI figures that follow each change, as a fresh read of the file would', () => {
    temp = openTempStore();
    const allTime: Period = { key: 'all', label: 'all time', start: -Infinity, end: Infinity };
    const card = (leads: LeadService) =>
      computeCampaignCard(leads.dataset(), 'spring-expo', allTime, DEFAULT_METRIC_SETTINGS, 'first-touch');
    const acme = temp.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, { actor: MARIA });
    temp.leads.createLead({ company: 'Globex', campaign: 'spring-expo' }, { actor: MARIA });
    expect(card(temp.leads).row).toMatchObject({ leads: 2, customers: 0, revenue: 0 });

    temp.leads.moveStage(acme.id, 'customer', { actor: MARIA }, { value: 12_000 });
    expect(card(temp.leads).row).toMatchObject({ leads: 2, customers: 1, revenue: 12_000 });
    expect(card(temp.leads).funnel.map((stage) => stage.reached)).toEqual([2, 1, 1, 1, 1]);
    temp.leads.undoLast(MARIA.id);
    expect(card(temp.leads).row).toMatchObject({ leads: 2, customers: 0, revenue: 0 });

    const other = temp.openAnother();
    try {
      expect(card(temp.leads)).toEqual(card(new LeadService(other, temp.clock)));
    } finally {
      other.close();
    }
  });
});

describe('the start of a bot', () => {
  it('reads the store once before the first command, then answers and follows changes as a plain read does', async () => {
    temp = openTempStore();
    const sample = generateSampleData({ seed: 5, asOf: T0, leads: 400 });
    loadSample(temp.store, sample);
    temp.leads.updateLead(sample.leads[3]!.id, { company: 'Acme Machining' }, { actor: MARIA });
    const second = temp.openAnother();
    const third = temp.openAnother();
    try {
      const starting = new LeadService(second, temp.clock);
      await starting.warmAsync();
      const plain = new LeadService(third, temp.clock);
      expect(JSON.stringify(starting.dataset().leads)).toEqual(JSON.stringify(plain.dataset().leads));
      expect(starting.findLeads('machining')).toEqual(plain.findLeads('machining'));
      expect(starting.campaigns()).toEqual(plain.campaigns());

      // Another connection's change (another process, or another instance) reaches the warmed caches.
      temp.leads.createLead({ company: 'Precision Machining', campaign: 'fall-expo' }, { actor: MARIA });
      expect(starting.findLeads('precision machining')[0]?.lead.company).toBe('Precision Machining');
      expect(starting.dataset().leads).toHaveLength(401);
    } finally {
      second.close();
      third.close();
    }
  });
});
