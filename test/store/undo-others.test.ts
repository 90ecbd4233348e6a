// Issue 10, item 4: `/lead undo` never takes back a change that someone else — a colleague in Slack or a person in
// Notion — has built on since. It refuses and names them; the record stays exactly as it is.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { countRows, DAVE, MARIA, MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };
const byDave = { actor: DAVE };

function refusal(actorId: string): { code?: string; message: string; actorIds?: readonly string[] } {
  try {
    t.leads.undoLast(actorId);
  } catch (error) {
    return error as { code?: string; message: string; actorIds?: readonly string[] };
  }
  throw new Error('undo unexpectedly succeeded');
}

/** What the pull does with a page edited in Notion. */
function editInNotion(lead: Lead, patch: Partial<Lead>): void {
  t.clock.advance(MINUTE);
  t.leads.applyRemoteLead({ ...lead, ...patch, updatedAt: t.clock() });
}

describe('undo when others changed the record since', () => {
  it('refuses to delete a lead a colleague moved on since it was created, naming them', () => {
    const acme = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.moveStage(acme.id, 'sql', byDave, { value: 40_000 });

    expect(refusal(MARIA.id)).toMatchObject({
      code: 'changed_since',
      message: 'Acme Corp (L-000001) has been changed again since, by U0DAVE',
      actorIds: [DAVE.id],
    });
    expect(t.leads.getLead(acme.id)).toMatchObject({ stage: 'sql', value: 40_000 });
    expect(countRows(t.store, 'lead_events', "kind = 'undo'")).toBe(0);
    expect(countRows(t.store, 'outbox', "op = 'delete'")).toBe(0);
  });

  it('refuses when the lead was edited in Notion since, and names everyone, oldest first', () => {
    const acme = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    editInNotion(acme, { notes: 'Met them at the expo' });
    expect(refusal(MARIA.id)).toMatchObject({ code: 'changed_since', actorIds: ['notion'] });

    t.leads.setValue(acme.id, 900, byDave);
    expect(refusal(MARIA.id).actorIds).toEqual(['notion', DAVE.id]);
    expect(t.leads.getLead(acme.id)).toMatchObject({ notes: 'Met them at the expo', value: 900 });
  });

  it('refuses to set back a field when a colleague changed another field of the lead since', () => {
    const acme = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.setValue(acme.id, 10_000, byMaria);
    t.leads.updateLead(acme.id, { notes: 'budget approved' }, byDave);
    expect(refusal(MARIA.id).actorIds).toEqual([DAVE.id]);
    expect(t.leads.getLead(acme.id)).toMatchObject({ value: 10_000, notes: 'budget approved' });
  });

  it("still undoes one's own changes when nobody else touched the lead", () => {
    const acme = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.createLead({ company: 'Brix Ltd' }, byDave);
    t.leads.moveStage(acme.id, 'mql', byMaria);
    expect(t.leads.undoLast(MARIA.id).lead?.stage).toBe('lead');
    expect(t.leads.undoLast(MARIA.id).lead).toBeNull();
  });

  it('refuses for spend a colleague or Notion changed since', () => {
    const spend = { campaign: 'spring-expo', month: '2026-04', amount: 22_000, category: 'event' } as const;
    const recorded = t.plans.recordSpend(spend, byMaria);
    t.plans.recordSpend({ ...spend, amount: 25_000 }, byDave);
    expect(refusal(MARIA.id)).toMatchObject({
      code: 'changed_since',
      message: 'the spend (spring-expo, event, 2026-04) has been changed again since, by U0DAVE',
    });
    expect(t.plans.listSpend()).toEqual([expect.objectContaining({ id: recorded.id, amount: 25_000 })]);

    const other = t.plans.recordSpend({ ...spend, category: 'media', amount: 500 }, byMaria);
    t.plans.applyRemoteSpend({ ...other, amount: 700, updatedAt: t.clock() });
    expect(refusal(MARIA.id).actorIds).toEqual(['notion']);
    expect(t.plans.listSpend().find((row) => row.id === other.id)?.amount).toBe(700);
  });

  it('refuses for a target edited in Notion since', () => {
    const target = t.plans.recordTarget({ month: '2026-12', stage: 'sql', count: 30 }, byMaria);
    t.plans.applyRemoteTarget({ ...target, count: 28, updatedAt: t.clock() });
    expect(refusal(MARIA.id)).toMatchObject({ code: 'changed_since', actorIds: ['notion'] });
    expect(t.plans.listTargets()).toEqual([expect.objectContaining({ id: target.id, count: 28 })]);
  });
});
