// Makes the Monday digest go out exactly once per period and channel, across restarts, crashes and overlapping runs:
// a run claims the period before posting, records each message the moment Slack accepts it, and marks the period
// posted at the end. A run that takes over a dead run's claim resumes after the parts already recorded.

import { type Db, prepareCached, type Store } from './open-store.js';

/** A claim older than this belongs to a run that died mid-post: another run may take over. */
export const STALE_CLAIM_MS = 15 * 60_000;

/** The messages of one digest: the ROI digest and the funnel-leak digest, or the one-line note of a quiet week. */
export type DigestPart = 'weekly' | 'leak' | 'note';

export interface LedgerEntry {
  state: 'claimed' | 'posted';
  claimedAt: number;
  postedAt: number | null;
  /** The first message of the latest complete post. */
  messageTs: string | null;
  /** 0 for the first post; each corrected digest adds one. */
  revision: number;
}

export interface RecordedPart {
  /** Chart id → Slack file id, once the part's charts are uploaded. */
  files: Record<string, string> | null;
  messageTs: string | null;
}

interface EntryRow {
  state: 'claimed' | 'posted';
  claimed_at: number;
  posted_at: number | null;
  message_ts: string | null;
  revision: number;
}

export class DigestLedger {
  private readonly db: Db;
  /**
   * How old a claim must be before another run may take it over, its run presumed dead. On Postgres the job queue
   * already lets one digest run at a time and hands a dead instance's run to another after the job's expiry, so the
   * claim lapses with that expiry rather than after 15 minutes.
   */
  readonly staleClaimMs: number;

  constructor(store: Store, options: { staleClaimMs?: number } = {}) {
    this.db = store.db;
    this.staleClaimMs = options.staleClaimMs ?? STALE_CLAIM_MS;
  }

  /** True when this run may post: nobody has, and nobody is posting right now (or the one who was died). */
  claim(periodKey: string, channel: string, now: number): boolean {
    const sql = `INSERT INTO digest_ledger (period_key, channel, state, claimed_at) VALUES (?, ?, 'claimed', ?)
      ON CONFLICT (period_key, channel) DO UPDATE SET claimed_at = excluded.claimed_at
        WHERE digest_ledger.state = 'claimed' AND digest_ledger.claimed_at <= ?`;
    return prepareCached(this.db, sql).run(periodKey, channel, now, now - this.staleClaimMs).changes > 0;
  }

  /** Claims a posted period again for a corrected digest; answers its revision, or null when it cannot. */
  claimCorrection(periodKey: string, channel: string, now: number): number | null {
    const sql = `UPDATE digest_ledger SET state = 'claimed', claimed_at = ?, revision = revision + 1
      WHERE period_key = ? AND channel = ? AND state = 'posted'`;
    if (prepareCached(this.db, sql).run(now, periodKey, channel).changes === 0) return null;
    return this.readEntry(periodKey, channel)?.revision ?? null;
  }

  markPosted(periodKey: string, channel: string, messageTs: string, now: number): void {
    const sql = `INSERT INTO digest_ledger (period_key, channel, state, claimed_at, posted_at, message_ts)
      VALUES (?, ?, 'posted', ?, ?, ?)
      ON CONFLICT (period_key, channel) DO UPDATE SET state = 'posted', posted_at = excluded.posted_at,
        message_ts = excluded.message_ts`;
    prepareCached(this.db, sql).run(periodKey, channel, now, now, messageTs);
  }

  /**
   * Gives a claim back after a failed post, so the next run retries at once. A failed correction leaves the period
   * posted as it was; the parts it recorded stay, so the next try resumes after them.
   */
  release(periodKey: string, channel: string): void {
    const first =
      "DELETE FROM digest_ledger WHERE period_key = ? AND channel = ? AND state = 'claimed' AND revision = 0";
    prepareCached(this.db, first).run(periodKey, channel);
    const correction = `UPDATE digest_ledger SET state = 'posted', revision = revision - 1
      WHERE period_key = ? AND channel = ? AND state = 'claimed' AND revision > 0`;
    prepareCached(this.db, correction).run(periodKey, channel);
  }

  isPosted(periodKey: string, channel: string): boolean {
    return this.readEntry(periodKey, channel)?.state === 'posted';
  }

  readEntry(periodKey: string, channel: string): LedgerEntry | null {
    const sql = `SELECT state, claimed_at, posted_at, message_ts, revision FROM digest_ledger
      WHERE period_key = ? AND channel = ?`;
    const row = prepareCached(this.db, sql).get(periodKey, channel) as EntryRow | undefined;
    if (row === undefined) return null;
    const { state, revision } = row;
    return { state, claimedAt: row.claimed_at, postedAt: row.posted_at, messageTs: row.message_ts, revision };
  }

  /** Saves what Slack accepted of one part: its uploaded charts, then its message. */
  recordPart(key: PartKey, part: DigestPart, recorded: Partial<RecordedPart>, now: number): void {
    const sql = `INSERT INTO digest_parts (period_key, channel, revision, part, files, message_ts, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period_key, channel, revision, part) DO UPDATE SET
        files = COALESCE(excluded.files, digest_parts.files),
        message_ts = COALESCE(excluded.message_ts, digest_parts.message_ts),
        updated_at = excluded.updated_at`;
    const files = recorded.files ? JSON.stringify(recorded.files) : null;
    const { periodKey, channel, revision } = key;
    prepareCached(this.db, sql).run(periodKey, channel, revision, part, files, recorded.messageTs ?? null, now);
  }

  readParts(key: PartKey): Map<DigestPart, RecordedPart> {
    const sql = `SELECT part, files, message_ts FROM digest_parts
      WHERE period_key = ? AND channel = ? AND revision = ?`;
    const rows = prepareCached(this.db, sql).all(key.periodKey, key.channel, key.revision) as {
      part: DigestPart;
      files: string | null;
      message_ts: string | null;
    }[];
    return new Map(
      rows.map((row) => [
        row.part,
        { files: row.files === null ? null : JSON.parse(row.files), messageTs: row.message_ts },
      ]),
    );
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

/** One post of one period to one channel: the first (revision 0) or a correction. */
export interface PartKey {
  periodKey: string;
  channel: string;
  revision: number;
}
