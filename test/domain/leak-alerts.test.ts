// The alert state machine on hand-worked sequences of checks, and when a mute clicked at a given instant ends.

import { describe, expect, it } from 'vitest';
import {
  type AlertRecord,
  computeMuteEnd,
  decideLeakAlert,
  INITIAL_ALERT_RECORD,
  RECOVERY_HOLD_MS,
  recordAfterPost,
} from '../../src/domain/leak-alerts.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 24, 10);

/** Runs hourly checks from T0 over the given verdicts; answers what each check posted. */
function runChecks(verdicts: readonly boolean[], start: AlertRecord = INITIAL_ALERT_RECORD): (string | null)[] {
  let record = start;
  return verdicts.map((significant, hour) => {
    const decision = decideLeakAlert(record, significant, T0 + hour * HOUR);
    record = { ...record, clearSince: decision.clearSince };
    if (decision.post !== null) record = recordAfterPost(record, decision.post);
    return decision.post;
  });
}

describe('decideLeakAlert', () => {
  it('alerts at the first significant check, and never again while it stays significant', () => {
    expect(runChecks([false, true, true, true])).toEqual([null, 'alert', null, null]);
  });

  it('posts the recovery once the transition has been clear at every check for 24 hours, then nothing more', () => {
    const verdicts = [true, ...Array.from({ length: 27 }, () => false)];
    const posts = runChecks(verdicts);
    // Clear from hour 1; the hold is over at hour 25.
    expect(posts.flatMap((post, hour) => (post === null ? [] : [[hour, post]]))).toEqual([
      [0, 'alert'],
      [25, 'recovery'],
    ]);
  });

  it('starts the hold again when a significant check comes in between, so a flicker costs no extra posts', () => {
    const flicker = [true, false, false, true, false, true, ...Array.from({ length: 24 }, () => false)];
    const posts = runChecks(flicker);
    // The last significant check is hour 5; clear from hour 6, recovered at hour 30 (index 29 is hour 29: not yet).
    expect(posts.filter((post) => post !== null)).toEqual(['alert']);
    expect(runChecks([...flicker, false])).toContain('recovery');
  });

  it('holds an alert back while muted and posts it at the first check after the mute ends', () => {
    const muted: AlertRecord = { ...INITIAL_ALERT_RECORD, mutedUntil: T0 + 2 * HOUR };
    expect(decideLeakAlert(muted, true, T0 + HOUR)).toEqual({ post: null, clearSince: null, heldByMute: true });
    expect(decideLeakAlert(muted, true, T0 + 2 * HOUR)).toMatchObject({ post: 'alert', heldByMute: false });
  });

  it('holds a recovery back while muted, keeping the hold it has served', () => {
    const leaking: AlertRecord = { announced: 'leaking', clearSince: T0, mutedUntil: T0 + 48 * HOUR };
    expect(decideLeakAlert(leaking, false, T0 + RECOVERY_HOLD_MS)).toEqual({
      post: null,
      clearSince: T0,
      heldByMute: true,
    });
    expect(decideLeakAlert(leaking, false, T0 + 48 * HOUR)).toMatchObject({ post: 'recovery' });
  });

  it('never posts the state the channel already has', () => {
    const leaking: AlertRecord = { announced: 'leaking', clearSince: null, mutedUntil: null };
    expect(decideLeakAlert(leaking, true, T0).post).toBeNull();
    expect(decideLeakAlert(INITIAL_ALERT_RECORD, false, T0).post).toBeNull();
  });
});

describe('computeMuteEnd', () => {
  it('ends at the same local time a calendar month later', () => {
    expect(computeMuteEnd(Date.UTC(2026, 10, 24, 10, 30), 'UTC')).toBe(Date.UTC(2026, 11, 24, 10, 30));
  });

  it('ends on the last day of a shorter month, and in January after a December click', () => {
    expect(computeMuteEnd(Date.UTC(2027, 0, 31, 9), 'UTC')).toBe(Date.UTC(2027, 1, 28, 9));
    expect(computeMuteEnd(Date.UTC(2028, 0, 31, 9), 'UTC')).toBe(Date.UTC(2028, 1, 29, 9));
    expect(computeMuteEnd(Date.UTC(2026, 11, 15, 9), 'UTC')).toBe(Date.UTC(2027, 0, 15, 9));
  });

  it('keeps the local time across a daylight-saving change in DIGEST_TZ', () => {
    // 10:00 in Paris on March 15, 2026 (CET, 09:00 UTC) → 10:00 on April 15 (CEST, 08:00 UTC).
    expect(computeMuteEnd(Date.UTC(2026, 2, 15, 9), 'Europe/Paris')).toBe(Date.UTC(2026, 3, 15, 8));
  });
});
