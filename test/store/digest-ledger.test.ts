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
});
