import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { countRows, DAVE, MARIA, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

function notionLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'L-000007',
    company: 'Zenith Pumps',
    contact: null,
    source: 'referral',
    campaign: null,
    channel: 'email',
    stage: 'mql',
    lostFrom: null,
    value: null,
    ownerId: DAVE.id,
    ownerName: DAVE.name,
    createdAt: T0 - 60 * MINUTE,
    stageDates: { mql: T0 - 30 * MINUTE },
    touches: [],
    lostReason: null,
    notes: null,
    updatedAt: T0 - 30 * MINUTE,
    ...overrides,
  };
}

describe('changes pulled from Notion', () => {
  it('inserts and replaces leads as Notion has them, with a remote event and no outbox row', () => {
    expect(t.leads.applyRemoteLead(notionLead())).toEqual(notionLead());
    t.leads.applyRemoteLead(notionLead({ value: 8_000, updatedAt: T0 }));
    expect(t.leads.getLead('L-000007')?.value).toBe(8_000);
    const events = t.leads.leadEvents('L-000007');
    expect(events.map((event) => `${event.kind} ${event.actorId}`)).toEqual(['remote notion', 'remote notion']);
    expect(events[1]).toMatchObject({ before: { value: null }, after: { value: 8_000 }, at: T0 });
    expect(countRows(t.store, 'outbox')).toBe(0);
  });

  it('records nothing when the page did not really change (the boundary minute is read twice)', () => {
    t.leads.applyRemoteLead(notionLead());
    t.leads.applyRemoteLead(notionLead());
    expect(t.leads.leadEvents('L-000007')).toHaveLength(1);
  });

  it('gives a row typed into Notion without a Lead ID the next id', () => {
    t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    expect(t.leads.applyRemoteLead(notionLead({ id: '' })).id).toBe('L-000002');
  });

  it('removes a lead trashed in Notion but keeps its history', () => {
    t.leads.applyRemoteLead(notionLead());
    expect(t.leads.removeLead('L-000007')).toBe(true);
    expect(t.leads.getLead('L-000007')).toBeNull();
    expect(t.leads.leadEvents('L-000007').map((event) => event.kind)).toEqual(['remote', 'delete']);
    expect(t.leads.removeLead('L-000007')).toBe(false);
    expect(countRows(t.store, 'outbox')).toBe(0);
  });

  it('fieldTimes gives, per field, when it was last changed here (Notion edits do not count)', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    t.clock.advance(MINUTE);
    t.leads.setValue(lead.id, 5_000, { actor: MARIA });
    t.clock.advance(MINUTE);
    t.leads.applyRemoteLead({ ...t.leads.getLead(lead.id)!, notes: 'from Notion', updatedAt: T0 + 2 * MINUTE });
    const times = t.leads.fieldTimes(lead.id);
    expect(times.company).toBe(T0);
    expect(times.value).toBe(T0 + MINUTE);
    expect(times.updatedAt).toBe(T0 + MINUTE);
    expect(times.notes).toBe(T0);
  });
});
