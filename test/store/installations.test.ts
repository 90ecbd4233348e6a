// The installations table on both engines: store, fetch, delete, uninstall (once), the 30-day purge with an injected
// clock, the refresh lease and the single-use OAuth state — the last two across two connections, as two instances.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { Installations, installationKeyOf, UNINSTALLED_RETENTION_MS } from '../../src/slack/installations.js';
import { InstallationRows } from '../../src/store/installation-rows.js';
import { isPostgres } from '../../src/store/sql/database.js';
import { buildRecord } from './installation-fixtures.js';
import { DAY, openTempStore, type TempStore } from './store-fixtures.js';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

function setUp() {
  temp = openTempStore();
  const { logger, lines } = createMemoryLogger();
  const installations = new Installations(new InstallationRows(temp.store), { clock: temp.clock, log: logger });
  return { temp, installations, lines };
}

describe('installation keys', () => {
  it('keys an org-wide install by its enterprise and any other by its team', () => {
    expect(installationKeyOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('E:E1');
    expect(installationKeyOf({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('T:T1');
    expect(installationKeyOf({ teamId: 'T1' })).toBe('T:T1');
    expect(() => installationKeyOf({ isEnterpriseInstall: true, teamId: 'T1' })).toThrow(/enterprise/);
  });
});

describe('the installations table', () => {
  it('stores, fetches, replaces on reinstall and deletes', () => {
    const { installations } = setUp();
    installations.store(buildRecord('T:T1'));
    installations.store(buildRecord('E:E1', { botToken: 'xoxb-org' }));
    expect(installations.fetch('T:T1')).toEqual({ ...buildRecord('T:T1'), uninstalledAt: null });
    expect(installations.fetch('E:E1')).toMatchObject({
      isEnterpriseInstall: true,
      teamId: null,
      botToken: 'xoxb-org',
    });

    installations.store(buildRecord('T:T1', { botToken: 'xoxb-second', installedAt: 5 }));
    expect(installations.fetch('T:T1')).toMatchObject({ botToken: 'xoxb-second', installedAt: 5 });
    expect(installations.listActive().map((row) => row.key)).toEqual(['E:E1', 'T:T1']);

    expect(installations.delete('T:T1')).toBe(true);
    expect(installations.delete('T:T1')).toBe(false);
    expect(installations.fetch('T:T1')).toBeUndefined();
  });

  it('drops the tokens on uninstall and tells the listeners once, however often Slack retries', () => {
    const { temp, installations } = setUp();
    installations.store(buildRecord('T:T1', { refreshToken: 'xoxe-1-r', expiresAt: 10 }));
    installations.store(buildRecord('T:T2'));
    const heard: string[] = [];
    installations.onUninstalled((key, record) => heard.push(`${key}:${record.botToken}`));

    expect(installations.markUninstalled('T:T1', temp.clock())).toBe(true);
    expect(installations.markUninstalled('T:T1', temp.clock() + 1)).toBe(false);
    expect(installations.markUninstalled('T:NEVER')).toBe(false);

    expect(heard).toEqual(['T:T1:null']);
    expect(installations.fetch('T:T1')).toMatchObject({
      botToken: null,
      refreshToken: null,
      expiresAt: null,
      uninstalledAt: temp.clock(),
    });
    expect(installations.listActive().map((row) => row.key)).toEqual(['T:T2']);
  });

  it('purges what was uninstalled more than 30 days ago, and answers the keys', () => {
    const { temp, installations } = setUp();
    for (const key of ['T:OLD', 'T:RECENT', 'T:LIVE']) installations.store(buildRecord(key));
    installations.markUninstalled('T:OLD', temp.clock());
    temp.clock.advance(10 * DAY);
    installations.markUninstalled('T:RECENT', temp.clock());

    temp.clock.advance(20 * DAY - 1);
    expect(installations.purgeUninstalled()).toEqual([]);
    temp.clock.advance(1);
    expect(temp.clock() - UNINSTALLED_RETENTION_MS).toBe(temp.clock() - 30 * DAY);
    expect(installations.purgeUninstalled()).toEqual(['T:OLD']);
    expect(installations.fetch('T:OLD')).toBeUndefined();
    expect(installations.fetch('T:RECENT')?.uninstalledAt).not.toBeNull();

    temp.clock.advance(10 * DAY);
    expect(installations.purgeUninstalled()).toEqual(['T:RECENT']);
    expect(installations.listActive().map((row) => row.key)).toEqual(['T:LIVE']);
  });

  it('a reinstall within the 30 days brings the row back and stops its purge', () => {
    const { temp, installations } = setUp();
    installations.store(buildRecord('T:T1'));
    installations.markUninstalled('T:T1');
    installations.store(buildRecord('T:T1', { botToken: 'xoxb-back' }));
    temp.clock.advance(31 * DAY);
    expect(installations.purgeUninstalled()).toEqual([]);
    expect(installations.fetch('T:T1')).toMatchObject({ botToken: 'xoxb-back', uninstalledAt: null });
  });
});

describe('reads of many requests at once', () => {
  it('answers each its own rows, and on Postgres reads them in one statement', async () => {
    const { temp, installations } = setUp();
    const teams = Array.from({ length: 20 }, (_, i) => `T${String(i).padStart(2, '0')}`);
    for (const team of teams) installations.store(buildRecord(`T:${team}`));
    installations.store(buildRecord('E:E1', { botToken: 'xoxb-org' }));
    expect(installations.markUninstalled('T:T07')).toBe(true);
    const { db } = temp.store;
    const sent = isPostgres(db) ? vi.spyOn(db, 'queryAsync') : null;

    // Twenty requests' authorizations at once, each as Bolt asks: its team, then the org-wide install it may be under.
    const asked = teams.map((team) => [`T:${team}`, 'E:E1', 'T:TMISSING']);
    const found = await Promise.all(asked.map((keys) => installations.fetchAsync(keys)));

    for (const [i, records] of found.entries()) {
      expect(records.map((record) => record.key)).toEqual([`T:${teams[i]}`, 'E:E1']);
      expect(records[0]!.botToken).toBe(i === 7 ? null : `xoxb-T:${teams[i]}-token`);
      expect(records[1]!.botToken).toBe('xoxb-org');
    }
    // Asked in one turn, the twenty reads go in one statement (read-batches.test.ts: those asked later, in the next).
    if (sent !== null) expect(sent.mock.calls.length).toBe(1);
    // Later asks read again: nothing is kept from one read to the next.
    installations.store(buildRecord('T:T03', { botToken: 'xoxb-rotated' }));
    expect((await installations.fetchAsync(['T:T03']))[0]!.botToken).toBe('xoxb-rotated');
  });
});

describe('across two connections, as two instances', () => {
  it('gives the refresh lease to one connection until it stores or lets go', () => {
    const { temp } = setUp();
    const one = new InstallationRows(temp.store);
    const other = temp.openAnother();
    try {
      const two = new InstallationRows(other);
      one.upsert(buildRecord('T:T1', { refreshToken: 'xoxe-1-a', expiresAt: 100 }));
      const now = temp.clock();

      expect(one.takeRefreshLease('T:T1', 'xoxe-1-a', now, now + 15_000)).toBe(true);
      expect(two.takeRefreshLease('T:T1', 'xoxe-1-a', now, now + 15_000)).toBe(false);
      expect(one.takeRefreshLease('T:T1', 'xoxe-1-a', now + 1, now + 15_000)).toBe(false);
      // A holder that died: its lease lapses and the other may take it.
      expect(two.takeRefreshLease('T:T1', 'xoxe-1-a', now + 15_001, now + 30_000)).toBe(true);

      const refreshed = { botToken: 'xoxb-new', refreshToken: 'xoxe-1-b', expiresAt: 999 };
      expect(two.storeRefreshed('T:T1', 'xoxe-1-a', refreshed)).toBe(true);
      // The late first holder finds its refresh token spent: nothing of it is stored.
      expect(one.storeRefreshed('T:T1', 'xoxe-1-a', { ...refreshed, botToken: 'xoxb-stale' })).toBe(false);
      expect(one.get('T:T1')).toMatchObject({ botToken: 'xoxb-new', refreshToken: 'xoxe-1-b', expiresAt: 999 });
      // The new refresh token is free to lease at once; a spent one never again.
      expect(one.takeRefreshLease('T:T1', 'xoxe-1-a', now + 15_002, now + 30_000)).toBe(false);
      expect(one.takeRefreshLease('T:T1', 'xoxe-1-b', now + 15_002, now + 30_000)).toBe(true);
    } finally {
      other.close();
    }
  });

  it('spends an OAuth state once, whichever instance sees it first', () => {
    const { temp } = setUp();
    const other = temp.openAnother();
    try {
      const one = new InstallationRows(temp.store);
      const two = new InstallationRows(other);
      expect(one.spendState('state-1', 10)).toBe(true);
      expect(two.spendState('state-1', 11)).toBe(false);
      expect(one.spendState('state-1', 12)).toBe(false);
      two.forgetStatesBefore(11);
      expect(one.spendState('state-1', 13)).toBe(true);
    } finally {
      other.close();
    }
  });
});
