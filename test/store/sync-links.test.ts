import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLinks } from '../../src/notion/sync-db.js';
import { SyncLinks } from '../../src/store/sync-links.js';
import { MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
let links: SyncLinks;
beforeEach(() => {
  t = openTempStore();
  links = new SyncLinks(t.store, t.clock);
});
afterEach(() => t.cleanup());

describe('Notion links and sync state', () => {
  it('links a record to a page both ways and keeps the known edit time unless given', () => {
    expect(links.getLink('lead', 'L-000001')).toBeNull();
    links.setLink('lead', 'L-000001', 'page-1', T0 - MINUTE);
    t.clock.advance(MINUTE);
    const relinked = links.setLink('lead', 'L-000001', 'page-1');
    expect(relinked).toEqual({
      entity: 'lead',
      entityId: 'L-000001',
      pageId: 'page-1',
      remoteEditedAt: T0 - MINUTE,
      pushedAt: T0 + MINUTE,
      trashedAt: null,
    });
    expect(links.findLinkByPage('page-1')?.entityId).toBe('L-000001');
    links.setLink('spend', 'S-000001', 'page-2', null);
    expect(links.getLink('spend', 'S-000001')?.remoteEditedAt).toBeNull();
    links.deleteLink('lead', 'L-000001');
    expect(links.findLinkByPage('page-1')).toBeNull();
  });

  it('marks a page trashed and back without losing its link; a relink keeps the mark', () => {
    links.setLink('lead', 'L-000002', 'page-3', T0);
    links.setTrashed('lead', 'L-000002', T0 + MINUTE);
    links.setLink('lead', 'L-000002', 'page-3', T0 + 2 * MINUTE);

    expect(links.getLink('lead', 'L-000002')).toMatchObject({ pageId: 'page-3', trashedAt: T0 + MINUTE });
    links.setTrashed('lead', 'L-000002', null);
    expect(links.getLink('lead', 'L-000002')?.trashedAt).toBeNull();
  });

  it('keeps sync cursors across a restart', () => {
    links.setSyncState('leads.lastPullAt', '2026-11-23T15:00:00.000Z');
    links.setSyncState('leads.lastPullAt', '2026-11-23T15:05:00.000Z');
    t = t.reopen();
    expect(new SyncLinks(t.store).getSyncState('leads.lastPullAt')).toBe('2026-11-23T15:05:00.000Z');
    expect(new SyncLinks(t.store).getSyncState('missing')).toBeNull();
  });
});

describe('the links the Notion reconcile reads', () => {
  it('lists the live pages with their record ids, on either engine', () => {
    links.setLink('lead', 'L-000001', 'page-1');
    links.setLink('lead', 'L-000002', 'page-2');
    links.setTrashed('lead', 'L-000002', T0);

    expect(listLinks(t.store.db, 'lead')).toEqual([{ entityId: 'L-000001', pageId: 'page-1', pushedAt: T0 }]);
  });
});
