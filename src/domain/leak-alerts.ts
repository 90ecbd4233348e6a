// When a leak alert is owed: the state machine behind the hourly check. Each transition is either `ok` or `leaking`
// as far as the channel has been told; the leak detector's verdict moves it.
//
//   ok → leaking   at the first check where the transition is significant (the whole 95% interval below target or
//                  baseline, the digest's rule): one alert.
//   leaking → ok   once the transition has been judged not significant at every check for RECOVERY_HOLD_MS: one
//                  recovery note. A verdict that flickers around the boundary (one more conversion, one lead maturing)
//                  therefore costs no alert/recovery pair per flicker: a significant check in between starts the
//                  hold again, and a new alert needs a recovery first.
//   muted          nothing is posted until the mute ends; the channel keeps the state it was last told, so what
//                  changed meanwhile is posted once the mute is over (never a second alert for the same state).

import { createZoneClock, readLocalDateTime, toWall, wallToInstant } from './local-time.js';

export const ALERT_STATES = ['ok', 'leaking'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** How long a leaking transition must stay not significant before its recovery is posted. */
export const RECOVERY_HOLD_MS = 24 * 3_600_000;

/** What the store keeps per channel and transition between checks. */
export interface AlertRecord {
  /** The state the channel was last told (ok until a first alert). */
  announced: AlertState;
  /** While leaking: the first check of the current run of checks that found it not significant. */
  clearSince: number | null;
  /** Alerts are held back before this instant; null when never muted. */
  mutedUntil: number | null;
}

export const INITIAL_ALERT_RECORD: Readonly<AlertRecord> = { announced: 'ok', clearSince: null, mutedUntil: null };

export interface AlertDecision {
  /** What to post now, if anything. */
  post: 'alert' | 'recovery' | null;
  /** The record's clearSince after this check. */
  clearSince: number | null;
  /** True when a post was owed but the mute held it back. */
  heldByMute: boolean;
}

export function isMuted(record: AlertRecord, now: number): boolean {
  return record.mutedUntil !== null && now < record.mutedUntil;
}

/** The decision of one check for one transition, from its record and whether the verdict calls it significant. */
export function decideLeakAlert(record: AlertRecord, significant: boolean, now: number): AlertDecision {
  const muted = isMuted(record, now);
  if (significant) {
    const owed = record.announced === 'ok';
    return { post: owed && !muted ? 'alert' : null, clearSince: null, heldByMute: owed && muted };
  }
  if (record.announced === 'ok') return { post: null, clearSince: null, heldByMute: false };
  const clearSince = record.clearSince ?? now;
  const owed = now - clearSince >= RECOVERY_HOLD_MS;
  return { post: owed && !muted ? 'recovery' : null, clearSince, heldByMute: owed && muted };
}

/** The record once a post of this kind is in the channel. */
export function recordAfterPost(record: AlertRecord, post: 'alert' | 'recovery'): AlertRecord {
  return { ...record, announced: post === 'alert' ? 'leaking' : 'ok', clearSince: null };
}

/**
 * The same local time one calendar month later (Jan 31 → Feb 28, or 29 in a leap year): when a mute clicked at
 * `instant` ends, read in the team's time zone.
 */
export function computeMuteEnd(instant: number, zone: string): number {
  const timeZone = createZoneClock(zone);
  const local = readLocalDateTime(instant, timeZone);
  const lastDayOfNextMonth = new Date(Date.UTC(local.year, local.month + 1, 0)).getUTCDate();
  const day = Math.min(local.day, lastDayOfNextMonth);
  return wallToInstant(toWall({ ...local, month: local.month + 1, day }), timeZone);
}
