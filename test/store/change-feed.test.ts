// The store's change feed: one event per committed transaction, saying what it wrote; nothing for a rollback.

import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { type ChangeEvent, runTransaction, subscribeChanges } from '../../src/store/change-feed.js';
import { applyRemoteLead } from '../../src/store/remote.js';
import { MARIA, MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

/** What the feed announced, in a form a test can compare. */
function listen(): { kinds: string[]; leads: number; planChanged: boolean; outboxRows: number }[] {
  const heard: ReturnType<typeof listen> = [];
  subscribeChanges(temp.store.db, (event: ChangeEvent) =>
    heard.push({
      kinds: [...event.kinds].sort(),
      leads: event.leadIds.size,
      planChanged: event.planChanged,
      outboxRows: event.outboxRows,
    }),
  );
  return heard;
}

describe('the change feed', () => {
  it('announces a committed change once, with the records it wrote and the rows it queued for Notion', () => {
    temp = openTempStore();
    const heard = listen();
    let ids: ReadonlySet<string> = new Set();
    subscribeChanges(temp.store.db, (event) => {
      ids = event.leadIds;
    });

    const acme = temp.leads.createLead({ company: 'Acme Corp', source: 'thomasnet' }, { actor: MARIA });

    expect(heard).toEqual([{ kinds: ['lead'], leads: 1, planChanged: false, outboxRows: 1 }]);
    expect([...ids]).toEqual([acme.id]);
  });

  it('announces nothing for a change that rolled back, and nothing for a read', () => {
    temp = openTempStore();
    const heard = listen();

    expect(() =>
      runTransaction(temp.store.db, () => {
        temp.leads.createLead({ company: 'Doomed Inc' }, { actor: MARIA });
        throw new Error('crash mid-change');
      }),
    ).toThrow('crash mid-change');
    temp.leads.findLeads('doomed');
    temp.leads.dataset();

    expect(heard).toEqual([]);
    expect(temp.leads.findLeads('doomed')).toEqual([]);
  });

  it('announces nested transactions once, when the outermost commits, without what a savepoint rolled back', () => {
    temp = openTempStore();
    const heard = listen();

    runTransaction(temp.store.db, () => {
      temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
      temp.plans.recordSpend(
        { campaign: 'spring-expo', month: '2026-11', amount: 5000, category: 'event' },
        { actor: MARIA },
      );
      expect(heard).toEqual([]);
      try {
        runTransaction(temp.store.db, () => {
          temp.leads.createLead({ company: 'Globex' }, { actor: MARIA });
          throw new Error('this part fails');
        });
      } catch {
        // The savepoint rolled back; the rest of the transaction goes on.
      }
    });

    expect(heard).toEqual([{ kinds: ['lead', 'spend'], leads: 1, planChanged: true, outboxRows: 2 }]);
    expect(temp.leads.findLeads('globex')).toEqual([]);
  });

  it('announces a whole target plan saved at once as one change', () => {
    temp = openTempStore();
    const heard = listen();

    temp.plans.recordMany(() =>
      ['2026-11', '2026-12'].map((month) =>
        temp.plans.recordTarget({ month, stage: 'mql', count: 10 }, { actor: MARIA }),
      ),
    );

    expect(heard).toEqual([{ kinds: ['target'], leads: 0, planChanged: true, outboxRows: 2 }]);
  });

  it('announces an undo, and a change pulled from Notion with nothing queued to push back', () => {
    temp = openTempStore();
    const acme = temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    const heard = listen();

    temp.clock.advance(MINUTE);
    temp.leads.moveStage(acme.id, 'mql', { actor: MARIA });
    temp.leads.undoLast(MARIA.id);
    const pulled: Lead = { ...acme, stage: 'sql', updatedAt: temp.clock() + MINUTE };
    applyRemoteLead(temp.store.db, pulled, temp.clock() + MINUTE);

    expect(heard).toEqual([
      { kinds: ['lead'], leads: 1, planChanged: false, outboxRows: 1 },
      { kinds: ['lead'], leads: 1, planChanged: false, outboxRows: 1 },
      { kinds: ['lead'], leads: 1, planChanged: false, outboxRows: 0 },
    ]);
    expect(temp.leads.getLead(acme.id)?.stage).toBe('sql');
  });

  it('lets a read inside a transaction see its own writes, and forgets them when it rolls back', () => {
    temp = openTempStore();
    temp.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    expect(temp.leads.dataset().leads).toHaveLength(1);

    expect(() =>
      runTransaction(temp.store.db, () => {
        temp.leads.createLead({ company: 'Doomed Inc' }, { actor: MARIA });
        temp.plans.recordSpend(
          { campaign: 'doomed', month: '2026-11', amount: 900, category: 'media' },
          { actor: MARIA },
        );
        const inside = temp.leads.dataset();
        expect(inside.leads.map((lead) => lead.company)).toEqual(['Acme Corp', 'Doomed Inc']);
        expect(inside.spend.map((spend) => spend.amount)).toEqual([900]);
        throw new Error('crash mid-change');
      }),
    ).toThrow('crash mid-change');

    const after = temp.leads.dataset();
    expect(after.leads.map((lead) => lead.company)).toEqual(['Acme Corp']);
    expect(after.spend).toEqual([]);
  });
});
