import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, DAVE, failWrites, MARIA, MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

/** Makes the next outbox insert fail, as a full disk or a bug would, after state and event were already written. */
function breakOutbox() {
  return failWrites(t.store, 'break_outbox', 'INSERT', 'outbox', 'disk full');
}

describe('one change, one transaction', () => {
  it('a failing outbox insert leaves the lead row untouched and no event behind', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp', source: 'thomasnet' }, { actor: MARIA });
    breakOutbox();
    t.clock.advance(MINUTE);
    expect(() => t.leads.moveStage(lead.id, 'sql', { actor: MARIA })).toThrow(/disk full/);
    expect(() => t.leads.setSource(lead.id, 'trade-show', { actor: MARIA })).toThrow(/disk full/);
    expect(t.leads.getLead(lead.id)).toEqual(lead);
    expect(t.leads.leadEvents(lead.id).map((event) => event.kind)).toEqual(['create']);
  });

  it('a failing create leaves no lead, no event, and does not use up the id', () => {
    const repair = breakOutbox();
    expect(() => t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA })).toThrow(/disk full/);
    expect(countRows(t.store, 'leads')).toBe(0);
    expect(countRows(t.store, 'lead_events')).toBe(0);
    repair();
    expect(t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA }).id).toBe('L-000001');
  });

  it('a failing spend change keeps the old amount and writes no event', () => {
    const spend = { campaign: 'spring-expo', month: '2026-04', amount: 22_000, category: 'event' } as const;
    t.plans.recordSpend(spend, { actor: MARIA });
    breakOutbox();
    expect(() => t.plans.recordSpend({ ...spend, amount: 30_000 }, { actor: MARIA })).toThrow(/disk full/);
    expect(t.plans.listSpend().map((row) => row.amount)).toEqual([22_000]);
    expect(countRows(t.store, 'plan_events')).toBe(1);
  });

  it('every change writes exactly one event and one outbox row naming its author', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    t.leads.setSource(lead.id, 'thomasnet', { actor: DAVE });
    t.leads.setCampaign(lead.id, 'spring-expo', { actor: MARIA });
    t.leads.addTouch(lead.id, { source: 'linkedin' }, { actor: MARIA });
    t.leads.moveStage(lead.id, 'mql', { actor: DAVE });
    t.leads.setValue(lead.id, 5_000, { actor: MARIA });
    t.leads.updateLead(lead.id, { notes: 'wants 500 units' }, { actor: MARIA });
    t.leads.markLost(lead.id, 'price', { actor: DAVE });
    t.plans.recordSpend({ campaign: 'spring-expo', month: '2026-04', amount: 1, category: 'event' }, { actor: MARIA });
    t.plans.recordTarget({ month: '2026-04', stage: 'mql', count: 40 }, { actor: MARIA });
    t.leads.undoLast(MARIA.id);

    expect(countRows(t.store, 'lead_events')).toBe(8);
    expect(countRows(t.store, 'plan_events')).toBe(3);
    const outbox = t.outbox.pending(100, t.clock());
    expect(outbox).toHaveLength(11);
    expect(outbox.map((entry) => `${entry.entity}:${entry.actorId}`)).toEqual([
      ...['U0MARIA', 'U0DAVE', 'U0MARIA', 'U0MARIA', 'U0DAVE', 'U0MARIA', 'U0MARIA', 'U0DAVE'].map(
        (id) => `lead:${id}`,
      ),
      'spend:U0MARIA',
      'target:U0MARIA',
      // The undo took back the target and is itself a change Notion must hear about.
      'target:U0MARIA',
    ]);
    expect(outbox.at(-1)?.op).toBe('delete');
  });
});
