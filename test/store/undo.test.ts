import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreError } from '../../src/store/errors.js';
import { countRows, DAVE, DAY, MARIA, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };

function undoError(actorId: string, windowMs?: number): StoreError {
  try {
    t.leads.undoLast(actorId, windowMs);
  } catch (error) {
    return error as StoreError;
  }
  throw new Error('undo unexpectedly succeeded');
}

function lastOutbox() {
  return t.outbox.pending(1000, t.clock()).at(-1);
}

describe('undoLast', () => {
  it('undoes a created lead by deleting it, and tells Notion to delete it too', () => {
    t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    const result = t.leads.undoLast(MARIA.id);
    expect(result).toEqual({ description: 'Removed Acme Corp (L-000001), which you had just created.', lead: null });
    expect(t.leads.getLead('L-000001')).toBeNull();
    expect(lastOutbox()).toMatchObject({ entity: 'lead', entityId: 'L-000001', op: 'delete', actorId: MARIA.id });
    expect(t.leads.leadEvents('L-000001').map((event) => event.kind)).toEqual(['create', 'undo']);
  });

  it.each([
    ['stage change', (id: string) => t.leads.moveStage(id, 'opportunity', byMaria, { value: 30_000 })],
    ['source change', (id: string) => t.leads.setSource(id, 'trade-show', byMaria)],
    ['campaign change', (id: string) => t.leads.setCampaign(id, 'fall-expo', byMaria)],
    ['new touch', (id: string) => t.leads.addTouch(id, { source: 'linkedin' }, byMaria)],
    ['value change', (id: string) => t.leads.setValue(id, 99, byMaria)],
    ['lost mark', (id: string) => t.leads.markLost(id, 'price', byMaria)],
    ['edit', (id: string) => t.leads.updateLead(id, { company: 'Acme Industrial', notes: 'big' }, byMaria)],
  ])('undoes the %s, restoring every field it changed', (words, change) => {
    const original = t.leads.createLead({ company: 'Acme Corp', source: 'thomasnet', stage: 'mql' }, byMaria);
    t.clock.advance(MINUTE);
    change(original.id);
    t.clock.advance(MINUTE);
    const result = t.leads.undoLast(MARIA.id);
    expect(result.description).toBe(`Undid your ${words} on Acme Corp (L-000001).`);
    expect(result.lead).toEqual({ ...original, updatedAt: T0 + 2 * MINUTE });
    expect(t.leads.getLead(original.id)).toEqual(result.lead);
    expect(lastOutbox()).toMatchObject({ entity: 'lead', entityId: original.id, op: 'upsert' });
  });

  it('undoing twice takes back the previous change, not the undo', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.moveStage(lead.id, 'mql', byMaria);
    t.leads.moveStage(lead.id, 'sql', byMaria);
    expect(t.leads.undoLast(MARIA.id).lead?.stage).toBe('mql');
    expect(t.leads.undoLast(MARIA.id).lead?.stage).toBe('lead');
    expect(t.leads.undoLast(MARIA.id).lead).toBeNull();
    expect(undoError(MARIA.id).code).toBe('nothing_to_undo');
  });

  it('only undoes your own changes, and only within the window', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.moveStage(lead.id, 'mql', { actor: DAVE });
    expect(undoError(DAVE.id, 0).code).toBe('nothing_to_undo');
    t.clock.advance(10 * MINUTE + 1);
    const tooLate = undoError(MARIA.id);
    expect(tooLate.code).toBe('nothing_to_undo');
    expect(tooLate.message).toMatch(/last 10 minutes/);
    expect(t.leads.undoLast(DAVE.id, 11 * MINUTE).lead?.stage).toBe('lead');
  });

  it("keeps a colleague's later edit of the same field", () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.setValue(lead.id, 10_000, byMaria);
    t.leads.updateLead(lead.id, { value: 12_000, notes: 'revised' }, { actor: DAVE });
    expect(undoError(MARIA.id).message).toMatch(/changed again since/);
    expect(t.leads.getLead(lead.id)?.value).toBe(12_000);
  });

  it('ignores changes pulled from Notion when choosing what to undo', () => {
    const brix = t.leads.createLead({ company: 'Brix Ltd' }, { actor: DAVE });
    t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.clock.advance(MINUTE);
    t.leads.applyRemoteLead({ ...brix, notes: 'edited in Notion', updatedAt: T0 + MINUTE });
    expect(t.leads.undoLast(MARIA.id)).toMatchObject({ description: expect.stringContaining('Acme Corp'), lead: null });
    // On the lead itself, a Notion edit made since is someone else's change: see undo-others.test.ts.
    expect(t.leads.getLead(brix.id)?.notes).toBe('edited in Notion');
  });

  it('undoes recorded spend: a replaced amount comes back, a new row goes', () => {
    const spend = { campaign: 'spring-expo', month: '2026-04', amount: 22_000, category: 'event' } as const;
    const first = t.plans.recordSpend(spend, byMaria);
    t.clock.advance(DAY);
    t.plans.recordSpend({ ...spend, amount: 25_000 }, byMaria);
    const replaced = t.leads.undoLast(MARIA.id);
    expect(replaced.description).toBe('Undid your change to the spend (spring-expo, event, 2026-04).');
    expect(t.plans.listSpend()).toEqual([{ ...first, updatedAt: T0 + DAY }]);
    expect(lastOutbox()).toMatchObject({ entity: 'spend', entityId: first.id, op: 'upsert' });
    // The row itself was created a day ago: out of the 10-minute window.
    expect(undoError(MARIA.id).code).toBe('nothing_to_undo');
  });

  it('undoes a target, newest change across leads and plans first', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', count: 30 }, byMaria);
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', rate: 0.5 }, byMaria);
    expect(t.plans.listTargets()[0]).toMatchObject({ count: 30, rate: 0.5 });
    expect(t.leads.undoLast(MARIA.id).description).toBe('Undid your change to the target (sql, 2026-12).');
    expect(t.plans.listTargets()[0]).toMatchObject({ count: 30, rate: null });
    expect(t.leads.undoLast(MARIA.id).description).toBe('Removed the target you had just recorded (sql, 2026-12).');
    expect(t.plans.listTargets()).toEqual([]);
    expect(lastOutbox()).toMatchObject({ entity: 'target', op: 'delete' });
    expect(t.leads.undoLast(MARIA.id).description).toContain(lead.id);
    expect(countRows(t.store, 'plan_events', "kind = 'undo'")).toBe(2);
  });
});
