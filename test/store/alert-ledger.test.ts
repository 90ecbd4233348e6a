// The leak alerts' memory on a real SQLite file: states start ok, a post and the state it announces are written
// together (or not at all), mutes remember who, and all of it is there again after the store is reopened.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlertPost, LeakAlertLedger } from '../../src/store/index.js';
import { countRows, failWrites, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
let ledger: LeakAlertLedger;
beforeEach(() => {
  t = openTempStore();
  ledger = new LeakAlertLedger(t.store);
});
afterEach(() => t.cleanup());

const ALERT: AlertPost = {
  channel: '#general',
  channelId: 'C0GENERAL',
  ts: '1795446000.000100',
  transition: 'sql',
  kind: 'alert',
  postedAt: T0,
  text: 'Leak alert: SQL → Opportunity',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'SQL → Opportunity' } }],
};

describe('leak alert ledger', () => {
  it('answers every transition ok, unmuted and never checked before anything is written', () => {
    const records = ledger.readRecords('#general');

    expect([...records.keys()]).toEqual(['lead', 'mql', 'sql', 'opportunity']);
    expect(records.get('sql')).toMatchObject({ announced: 'ok', clearSince: null, mutedUntil: null });
    expect(ledger.lastCheckedAt('#general')).toBeNull();
  });

  it('keeps a post with the state it announces, and finds it by the channel id and ts a click names', () => {
    ledger.recordPost(ALERT);

    expect(ledger.readRecords('#general').get('sql')).toMatchObject({ announced: 'leaking', changedAt: T0 });
    expect(ledger.findPost('C0GENERAL', ALERT.ts)).toEqual(ALERT);
    expect(ledger.lastAlert('#general', 'sql')).toEqual(ALERT);
    expect(ledger.findPost('C0OTHER', ALERT.ts)).toBeNull();
  });

  it('writes neither the post nor the state when one of them fails', () => {
    failWrites(t.store, 'refuse_state', 'UPDATE OF announced', 'leak_alert_state', 'disk I/O error');

    expect(() => ledger.recordPost(ALERT)).toThrow('disk I/O error');

    expect(countRows(t.store, 'leak_alert_posts')).toBe(0);
    expect(ledger.readRecords('#general').get('sql')?.announced).toBe('ok');
  });

  it('goes back to ok with a recovery, and clears the hold it had served', () => {
    ledger.recordPost(ALERT);
    ledger.recordCheck('#general', 'sql', T0 + MINUTE);
    ledger.recordPost({ ...ALERT, ts: '1795446000.000200', kind: 'recovery', postedAt: T0 + 60 * MINUTE });

    expect(ledger.readRecords('#general').get('sql')).toMatchObject({ announced: 'ok', clearSince: null });
    expect(ledger.lastAlert('#general', 'sql')?.ts).toBe(ALERT.ts);
    expect(ledger.listPosts('#general').map((post) => post.kind)).toEqual(['alert', 'recovery']);
  });

  it('remembers states, the last finished check and mutes with who muted, after the store is reopened', () => {
    ledger.recordPost(ALERT);
    ledger.mute('#general', 'sql', { until: T0 + 30 * 24 * 60 * MINUTE, by: 'U0MANAGER', at: T0 + MINUTE });
    ledger.markChecked('#general', T0 + 2 * MINUTE);

    t = t.reopen();
    const reopened = new LeakAlertLedger(t.store);

    expect(reopened.readRecords('#general').get('sql')).toMatchObject({
      announced: 'leaking',
      mutedUntil: T0 + 30 * 24 * 60 * MINUTE,
      mutedBy: 'U0MANAGER',
      mutedAt: T0 + MINUTE,
    });
    expect(reopened.lastCheckedAt('#general')).toBe(T0 + 2 * MINUTE);
    expect(reopened.readRecords('#other').get('sql')?.announced).toBe('ok');
  });
});
