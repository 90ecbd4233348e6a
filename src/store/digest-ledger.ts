// Makes the Monday digest go out exactly once per period and channel, across restarts and overlapping runs: a run
// claims the period before posting and marks it posted after.

import { type Db, prepareCached, type Store } from './open-store.js';

/** A claim older than this belongs to a run that died mid-post: another run may take over. */
export const STALE_CLAIM_MS = 15 * 60_000;

export class DigestLedger {
  private readonly db: Db;

  constructor(store: Store) {
    this.db = store.db;
  }

  /** True when this run may post: nobody has, and nobody is posting right now. */
  claim(periodKey: string, channel: string, now: number): boolean {
    const sql = `INSERT INTO digest_ledger (period_key, channel, state, claimed_at) VALUES (?, ?, 'claimed', ?)
      ON CONFLICT (period_key, channel) DO UPDATE SET claimed_at = excluded.claimed_at
        WHERE state = 'claimed' AND claimed_at <= ?`;
    return prepareCached(this.db, sql).run(periodKey, channel, now, now - STALE_CLAIM_MS).changes > 0;
  }

  markPosted(periodKey: string, channel: string, messageTs: string, now: number): void {
    const sql = `INSERT INTO digest_ledger (period_key, channel, state, claimed_at, posted_at, message_ts)
      VALUES (?, ?, 'posted', ?, ?, ?)
      ON CONFLICT (period_key, channel) DO UPDATE SET state = 'posted', posted_at = excluded.posted_at,
        message_ts = excluded.message_ts`;
    prepareCached(this.db, sql).run(periodKey, channel, now, now, messageTs);
  }

  /** Gives a claim back after a failed post, so the next run retries at once. */
  release(periodKey: string, channel: string): void {
    const sql = "DELETE FROM digest_ledger WHERE period_key = ? AND channel = ? AND state = 'claimed'";
    prepareCached(this.db, sql).run(periodKey, channel);
  }

  isPosted(periodKey: string, channel: string): boolean {
    const sql = "SELECT 1 FROM digest_ledger WHERE period_key = ? AND channel = ? AND state = 'posted'";
    return prepareCached(this.db, sql).get(periodKey, channel) !== undefined;
  }

  lastPosted(channel: string): { periodKey: string; postedAt: number; messageTs: string | null } | null {
    const sql = `SELECT period_key, posted_at, message_ts FROM digest_ledger
      WHERE channel = ? AND state = 'posted' ORDER BY posted_at DESC LIMIT 1`;
    const row = prepareCached(this.db, sql).get(channel) as
      | { period_key: string; posted_at: number; message_ts: string | null }
      | undefined;
    return row ? { periodKey: row.period_key, postedAt: row.posted_at, messageTs: row.message_ts } : null;
  }
}
