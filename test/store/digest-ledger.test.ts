import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestLedger } from '../../src/store/digest-ledger.js';
import { MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
let ledger: DigestLedger;
beforeEach(() => {
  t = openTempStore();
  ledger = new DigestLedger(t.store);
});
afterEach(() => t.cleanup());

describe('digest ledger', () => {
  it('lets exactly one run claim a period, and none once it is posted', () => {
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0)).toBe(true);
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + MINUTE)).toBe(false);
    expect(ledger.claim('2026-W47', 'C0OTHER', T0)).toBe(true);
    ledger.markPosted('2026-W47', 'C0DIGEST', '1795446000.000100', T0 + MINUTE);
    expect(ledger.isPosted('2026-W47', 'C0DIGEST')).toBe(true);
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + 60 * MINUTE)).toBe(false);
  });

  it('lets another run take over a claim older than 15 minutes (a crashed post)', () => {
    ledger.claim('2026-W47', 'C0DIGEST', T0);
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + 15 * MINUTE - 1)).toBe(false);
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + 15 * MINUTE)).toBe(true);
    // The takeover renewed the claim: a third run must wait again.
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + 16 * MINUTE)).toBe(false);
  });

  it('gives a claim back after a failed post, but never a posted period', () => {
    ledger.claim('2026-W47', 'C0DIGEST', T0);
    ledger.release('2026-W47', 'C0DIGEST');
    expect(ledger.isPosted('2026-W47', 'C0DIGEST')).toBe(false);
    expect(ledger.claim('2026-W47', 'C0DIGEST', T0 + MINUTE)).toBe(true);
    ledger.markPosted('2026-W47', 'C0DIGEST', '1.2', T0 + MINUTE);
    ledger.release('2026-W47', 'C0DIGEST');
    expect(ledger.isPosted('2026-W47', 'C0DIGEST')).toBe(true);
  });

  it('remembers the last posted period of a channel', () => {
    expect(ledger.lastPosted('C0DIGEST')).toBeNull();
    ledger.markPosted('2026-W46', 'C0DIGEST', '1.1', T0 - 7 * 24 * 60 * MINUTE);
    ledger.markPosted('2026-W47', 'C0DIGEST', '1.2', T0);
    ledger.claim('2026-W48', 'C0DIGEST', T0 + MINUTE);
    expect(ledger.lastPosted('C0DIGEST')).toEqual({ periodKey: '2026-W47', postedAt: T0, messageTs: '1.2' });
  });

  it('keeps each part as Slack accepted it: charts first, then the message, per post of the period', () => {
    const key = { periodKey: '2026-W47', channel: 'C0DIGEST', revision: 0 };
    ledger.claim('2026-W47', 'C0DIGEST', T0);
    ledger.recordPart(key, 'weekly', { files: { roi: 'F1', trend: 'F2' } }, T0);
    ledger.recordPart(key, 'weekly', { messageTs: '1.1' }, T0 + 1);
    ledger.recordPart(key, 'leak', { files: { funnel: 'F3' } }, T0 + 2);

    expect(Object.fromEntries(ledger.readParts(key))).toEqual({
      weekly: { files: { roi: 'F1', trend: 'F2' }, messageTs: '1.1' },
      leak: { files: { funnel: 'F3' }, messageTs: null },
    });
    // Another channel, or a correction, starts with nothing recorded.
    expect(ledger.readParts({ ...key, channel: 'C0OTHER' }).size).toBe(0);
    expect(ledger.readParts({ ...key, revision: 1 }).size).toBe(0);
  });

  it('claims a posted period again for a correction, once at a time, and gives a failed one back as posted', () => {
    expect(ledger.claimCorrection('2026-W47', 'C0DIGEST', T0)).toBeNull();
    ledger.markPosted('2026-W47', 'C0DIGEST', '1.1', T0);

    expect(ledger.claimCorrection('2026-W47', 'C0DIGEST', T0 + MINUTE)).toBe(1);
    expect(ledger.claimCorrection('2026-W47', 'C0DIGEST', T0 + MINUTE)).toBeNull();
    expect(ledger.isPosted('2026-W47', 'C0DIGEST')).toBe(false);
    ledger.release('2026-W47', 'C0DIGEST');
    expect(ledger.readEntry('2026-W47', 'C0DIGEST')).toMatchObject({ state: 'posted', revision: 0, messageTs: '1.1' });

    expect(ledger.claimCorrection('2026-W47', 'C0DIGEST', T0 + 2 * MINUTE)).toBe(1);
    ledger.markPosted('2026-W47', 'C0DIGEST', '2.1', T0 + 2 * MINUTE);
    expect(ledger.readEntry('2026-W47', 'C0DIGEST')).toMatchObject({ state: 'posted', revision: 1, messageTs: '2.1' });
  });
});
