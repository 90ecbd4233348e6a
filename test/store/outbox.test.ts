import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOutboxState } from '../../src/notion/sync-db.js';
import { DAVE, MARIA, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
  const acme = t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
  t.clock.advance(MINUTE);
  t.leads.createLead({ company: 'Bolt Works' }, { actor: DAVE });
  t.clock.advance(MINUTE);
  t.leads.moveStage(acme.id, 'mql', { actor: MARIA });
});
afterEach(() => t.cleanup());

describe('outbox', () => {
  it('hands out due rows oldest first', () => {
    const rows = t.outbox.pending(10, t.clock());
    expect(rows.map((row) => `${row.id} ${row.entityId} ${row.op}`)).toEqual([
      '1 L-000001 upsert',
      '2 L-000002 upsert',
      '3 L-000001 upsert',
    ]);
    expect(rows[0]).toMatchObject({ actorId: MARIA.id, createdAt: T0, attempts: 0, state: 'pending', lastError: null });
    expect(t.outbox.pending(2, t.clock())).toHaveLength(2);
    expect(t.outbox.size()).toBe(3);
  });

  it('groups due rows by record for coalescing', () => {
    const groups = t.outbox.pendingByEntity(10, t.clock());
    expect(groups.map((group) => [group.entityId, group.op, group.entries.map((entry) => entry.id)])).toEqual([
      ['L-000001', 'upsert', [1, 3]],
      ['L-000002', 'upsert', [2]],
    ]);
    expect(t.outbox.pendingByEntity(1, t.clock())).toHaveLength(1);
  });

  it('completes rows by deleting them', () => {
    t.outbox.complete([1, 3]);
    expect(t.outbox.pending(10, t.clock()).map((row) => row.id)).toEqual([2]);
    expect(t.outbox.size()).toBe(1);
  });

  it('holds a row back until its retry time, counting attempts', () => {
    t.outbox.retryLater(1, 'rate_limited', T0 + 10 * MINUTE);
    expect(t.outbox.pending(10, t.clock()).map((row) => row.id)).toEqual([2, 3]);
    const later = t.outbox.pending(10, T0 + 10 * MINUTE);
    expect(later[0]).toMatchObject({ id: 1, attempts: 1, lastError: 'rate_limited', nextAttemptAt: T0 + 10 * MINUTE });
  });

  it('keeps a permanently failed row visible, per author, and still counts it', () => {
    t.outbox.fail(2, 'validation_error: Name is too long');
    expect(t.outbox.pending(10, T0 + 60 * MINUTE).map((row) => row.id)).toEqual([1, 3]);
    expect(t.outbox.failures().map((row) => row.id)).toEqual([2]);
    expect(t.outbox.failures(DAVE.id)[0]).toMatchObject({
      state: 'failed',
      lastError: 'validation_error: Name is too long',
    });
    expect(t.outbox.failures(MARIA.id)).toEqual([]);
    expect(t.outbox.size()).toBe(3);
  });

  it('turns the op of a group into delete when the newest row deletes', () => {
    t.leads.undoLast(MARIA.id);
    t.leads.undoLast(MARIA.id);
    const acme = t.outbox.pendingByEntity(10, t.clock()).find((group) => group.entityId === 'L-000001');
    expect(acme?.op).toBe('delete');
    expect(acme?.entries.map((entry) => entry.op)).toEqual(['upsert', 'upsert', 'upsert', 'delete']);
  });
});

describe('one record’s outbox state (the sync line a /lead reply shows)', () => {
  it('counts its pending and failed rows and names its oldest change, on either engine', () => {
    expect(readOutboxState(t.store.db, 'lead', 'L-000001')).toEqual({ pending: 2, failed: 0, oldestAt: T0 });
    t.outbox.fail(3, 'validation_error');
    expect(readOutboxState(t.store.db, 'lead', 'L-000001')).toEqual({ pending: 1, failed: 1, oldestAt: T0 });
    expect(readOutboxState(t.store.db, 'lead', 'L-000009')).toEqual({ pending: 0, failed: 0, oldestAt: null });
  });
});
