import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import {
  countRows,
  DAVE,
  DAY,
  MARIA,
  MINUTE,
  openSqliteTempStore,
  openTempStore,
  T0,
  type TempStore,
} from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const withoutUpdatedAt = ({ updatedAt: _at, ...fields }: Lead) => fields;

/** Northgate logged twice: first by Maria (Thomasnet, a touch, at MQL), then by Dave with a typo (LinkedIn). */
function seedTwins() {
  const first = t.leads.createLead({ company: 'Northgate Robotics', source: 'thomasnet' }, { actor: MARIA, at: T0 });
  t.leads.addTouch(first.id, { campaign: 'spring-expo' }, { actor: MARIA, at: T0 + DAY });
  t.leads.moveStage(first.id, 'mql', { actor: MARIA, at: T0 + 2 * DAY });
  t.clock.advance(3 * DAY);
  const second = t.leads.createLead(
    { company: 'Northgate Robotcs', source: 'linkedin', value: 12_000 },
    { actor: DAVE },
  );
  return { first: t.leads.getLead(first.id)!, second };
}

describe('mergeLeads', () => {
  it('keeps one lead with both histories, remembers the merged id, and queues both for Notion', () => {
    const { first, second } = seedTwins();
    t.clock.advance(MINUTE);

    const { survivor, merged } = t.leads.mergeLeads(second.id, first.id, { actor: DAVE });

    expect(merged).toEqual(second);
    expect(survivor).toMatchObject({
      id: first.id,
      company: 'Northgate Robotics',
      source: 'thomasnet',
      stage: 'mql',
      value: 12_000,
      createdAt: T0,
      touches: [
        { source: null, campaign: 'spring-expo', at: T0 + DAY },
        { source: 'linkedin', campaign: null, at: second.createdAt },
      ],
    });
    expect(t.leads.listLeads().map((lead) => lead.id)).toEqual([first.id]);
    expect(t.leads.mergedInto(second.id)).toBe(first.id);
    expect(t.leads.getCurrentLead(second.id)?.id).toBe(first.id);
    expect(t.leads.resolveCompany(second.id)).toMatchObject({ kind: 'exact', lead: { id: first.id } });
    // Every event of both leads, in time order, and the merge itself with who made it.
    const history = t.leads.leadHistory(first.id);
    expect(history.map((event) => [event.leadId, event.kind, event.actorId])).toEqual([
      [first.id, 'create', MARIA.id],
      [first.id, 'touch', MARIA.id],
      [first.id, 'stage', MARIA.id],
      [second.id, 'create', DAVE.id],
      [first.id, 'merge', DAVE.id],
    ]);
    const pending = t.outbox.pending(100, t.clock()).slice(-2);
    expect(pending.map((entry) => [entry.entityId, entry.op])).toEqual([
      [first.id, 'upsert'],
      [second.id, 'delete'],
    ]);
  });

  it('refuses to merge a lead into itself or a lead already merged away, changing nothing', () => {
    const { first, second } = seedTwins();
    expect(() => t.leads.mergeLeads(first.id, first.id, { actor: DAVE })).toThrow(/same lead/);
    t.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    const rows = countRows(t.store, 'lead_events');

    expect(() => t.leads.mergeLeads(second.id, first.id, { actor: DAVE })).toThrow(
      `lead ${second.id} was already merged into ${first.id}`,
    );
    expect(countRows(t.store, 'lead_events')).toBe(rows);
  });

  it('follows an id through later merges', () => {
    const { first, second } = seedTwins();
    const third = t.leads.createLead({ company: 'Northgate Robotics GmbH' }, { actor: MARIA });
    t.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    t.leads.mergeLeads(first.id, third.id, { actor: DAVE });

    expect(t.leads.mergedInto(second.id)).toBe(third.id);
    expect(t.leads.leadHistory(third.id).filter((event) => event.kind === 'create')).toHaveLength(3);
  });
});

describe('undoing a merge', () => {
  it('brings both leads back exactly, ends the alias, and queues both for Notion', () => {
    const { first, second } = seedTwins();
    t.clock.advance(MINUTE);
    t.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    t.clock.advance(MINUTE);

    const result = t.leads.undoLast(DAVE.id);

    expect(result.description).toBe(
      `Undid the merge of Northgate Robotcs (${second.id}) into Northgate Robotics (${first.id}): both leads are back.`,
    );
    expect(withoutUpdatedAt(t.leads.getLead(first.id)!)).toEqual(withoutUpdatedAt(first));
    expect(withoutUpdatedAt(t.leads.getLead(second.id)!)).toEqual(withoutUpdatedAt(second));
    expect(t.leads.mergedInto(second.id)).toBeNull();
    expect(t.leads.leadHistory(first.id).map((event) => event.kind)).toEqual([
      'create',
      'touch',
      'stage',
      'merge',
      'undo',
    ]);
    expect(
      t.outbox
        .pending(100, t.clock())
        .slice(-2)
        .map((entry) => [entry.entityId, entry.op]),
    ).toEqual([
      [first.id, 'upsert'],
      [second.id, 'upsert'],
    ]);
    // The next undo takes back Dave's own earlier change: the lead he created.
    expect(t.leads.undoLast(DAVE.id).description).toBe(
      `Removed Northgate Robotcs (${second.id}), which you had just created.`,
    );
  });

  it('refuses when the surviving lead changed since the merge', () => {
    const { first, second } = seedTwins();
    t.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    t.leads.moveStage(first.id, 'sql', { actor: MARIA });

    expect(() => t.leads.undoLast(DAVE.id)).toThrow(/Northgate Robotics has been changed again since/);
    expect(t.leads.getLead(second.id)).toBeNull();
    expect(t.leads.getLead(first.id)?.stage).toBe('sql');
  });

  it('survives a restart: the merge record lives in the file', () => {
    const { first, second } = seedTwins();
    t.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    t = t.reopen();

    expect(t.leads.mergedInto(second.id)).toBe(first.id);
    t.leads.undoLast(DAVE.id);
    expect(t.leads.getLead(second.id)?.company).toBe('Northgate Robotcs');
  });
});

describe('the lead merges migration', () => {
  // Upgrading an old SQLite file in place: SQLite's own history, whatever engine the run tests.
  beforeEach(() => {
    t.cleanup();
    t = openSqliteTempStore();
  });
  it('upgrades a store of the first release, keeping its leads', () => {
    t.store.close();
    const first = MIGRATIONS.filter((migration) => migration.version === 1);
    const old = openStore({ file: t.file, migrations: first });
    old.db
      .prepare(`INSERT INTO leads (id, company, company_norm, source, channel, stage, owner_id, owner_name, created_at,
        updated_at) VALUES ('L-000001', 'Acme Corp', 'acme', 'thomasnet', 'phone', 'lead', 'U0MARIA', 'Maria', 1, 1)`)
      .run();
    old.close();
    t = t.reopen();

    expect(t.leads.getLead('L-000001')?.company).toBe('Acme Corp');
    expect(countRows(t.store, 'lead_merges')).toBe(0);
    expect(t.store.db.prepare('SELECT trashed_at FROM notion_links').all()).toEqual([]);
  });
});
