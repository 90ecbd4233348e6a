// What the hourly leak check remembers between runs and across restarts: per channel and transition, the state the
// channel was last told, the recovery's hysteresis and the mute (src/domain/leak-alerts.ts decides from these); and
// each alert or recovery message as Slack accepted it, written in the same transaction as the state it announces, so
// a restart never posts the same state twice.

import { type AlertRecord, type AlertState, INITIAL_ALERT_RECORD } from '../domain/leak-alerts.js';
import { TRANSITIONS, type TransitionFrom } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { type Db, prepareCached, type Store } from './open-store.js';

export type AlertPostKind = 'alert' | 'recovery';

export interface StoredAlertRecord extends AlertRecord {
  checkedAt: number | null;
  /** When the announced state last changed (the post that announced it). */
  changedAt: number | null;
  mutedBy: string | null;
  mutedAt: number | null;
}

/** One message the check posted, as Slack accepted it. */
export interface AlertPost {
  /** The channel as configured (DIGEST_CHANNEL: an id or a name): the key of the states. */
  channel: string;
  /** The channel id Slack answered with: what a button click names. */
  channelId: string;
  ts: string;
  transition: TransitionFrom;
  kind: AlertPostKind;
  postedAt: number;
  text: string;
  blocks: unknown[];
}

export interface AlertMute {
  until: number;
  by: string;
  at: number;
}

interface StateRow {
  transition: TransitionFrom;
  announced: AlertState;
  clear_since: number | null;
  checked_at: number | null;
  changed_at: number | null;
  muted_until: number | null;
  muted_by: string | null;
  muted_at: number | null;
}

interface PostRow {
  channel: string;
  channel_id: string;
  ts: string;
  transition: TransitionFrom;
  kind: AlertPostKind;
  posted_at: number;
  text: string;
  blocks: string;
}

const EMPTY_RECORD: StoredAlertRecord = {
  ...INITIAL_ALERT_RECORD,
  checkedAt: null,
  changedAt: null,
  mutedBy: null,
  mutedAt: null,
};

function readRecord(row: StateRow): StoredAlertRecord {
  return {
    announced: row.announced,
    clearSince: row.clear_since,
    mutedUntil: row.muted_until,
    checkedAt: row.checked_at,
    changedAt: row.changed_at,
    mutedBy: row.muted_by,
    mutedAt: row.muted_at,
  };
}

function readPost(row: PostRow): AlertPost {
  const blocks: unknown = JSON.parse(row.blocks);
  const { channel, ts, transition, kind, text } = row;
  const list = Array.isArray(blocks) ? blocks : [];
  return { channel, channelId: row.channel_id, ts, transition, kind, postedAt: row.posted_at, text, blocks: list };
}

const POST_COLUMNS = 'channel, channel_id, ts, transition, kind, posted_at, text, blocks';

/** Creates the row of a transition the first time anything is written about it. */
const ENSURE_ROW = 'INSERT INTO leak_alert_state (channel, transition) VALUES (?, ?) ON CONFLICT DO NOTHING';

export class LeakAlertLedger {
  private readonly db: Db;

  constructor(store: Store) {
    this.db = store.db;
  }

  /** Every transition's record for the channel; ok and unmuted for one never written. */
  readRecords(channel: string): Map<TransitionFrom, StoredAlertRecord> {
    const sql = `SELECT transition, announced, clear_since, checked_at, changed_at, muted_until, muted_by, muted_at
      FROM leak_alert_state WHERE channel = ?`;
    const rows = prepareCached(this.db, sql).all(channel) as StateRow[];
    const records = new Map(TRANSITIONS.map((from) => [from, EMPTY_RECORD]));
    for (const row of rows) records.set(row.transition, readRecord(row));
    return records;
  }

  /** What one check found for a transition: the recovery's hysteresis. */
  recordCheck(channel: string, transition: TransitionFrom, clearSince: number | null): void {
    runTransaction(this.db, () => {
      prepareCached(this.db, ENSURE_ROW).run(channel, transition);
      const sql = 'UPDATE leak_alert_state SET clear_since = ? WHERE channel = ? AND transition = ?';
      prepareCached(this.db, sql).run(clearSince, channel, transition);
    });
  }

  /** A check of the channel ran to its end (its posts made or failed). */
  markChecked(channel: string, now: number): void {
    prepareCached(this.db, 'UPDATE leak_alert_state SET checked_at = ? WHERE channel = ?').run(now, channel);
  }

  /** A post Slack accepted and the state it announces, together: one is never kept without the other. */
  recordPost(post: AlertPost): void {
    const { channel, ts, transition, kind, postedAt, text } = post;
    const announced: AlertState = kind === 'alert' ? 'leaking' : 'ok';
    const blocks = JSON.stringify(post.blocks);
    runTransaction(this.db, () => {
      const insert = `INSERT INTO leak_alert_posts (channel, channel_id, ts, transition, kind, posted_at, text, blocks)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
      prepareCached(this.db, insert).run(channel, post.channelId, ts, transition, kind, postedAt, text, blocks);
      prepareCached(this.db, ENSURE_ROW).run(channel, transition);
      const update = `UPDATE leak_alert_state SET announced = ?, clear_since = NULL, changed_at = ?
        WHERE channel = ? AND transition = ?`;
      prepareCached(this.db, update).run(announced, postedAt, channel, transition);
    });
  }

  mute(channel: string, transition: TransitionFrom, mute: AlertMute): void {
    runTransaction(this.db, () => {
      prepareCached(this.db, ENSURE_ROW).run(channel, transition);
      const sql = `UPDATE leak_alert_state SET muted_until = ?, muted_by = ?, muted_at = ?
        WHERE channel = ? AND transition = ?`;
      prepareCached(this.db, sql).run(mute.until, mute.by, mute.at, channel, transition);
    });
  }

  /** The post a button was clicked on, by the channel id and ts the click names. */
  findPost(channelId: string, ts: string): AlertPost | null {
    const sql = `SELECT ${POST_COLUMNS} FROM leak_alert_posts WHERE channel_id = ? AND ts = ?`;
    const row = prepareCached(this.db, sql).get(channelId, ts) as PostRow | undefined;
    return row === undefined ? null : readPost(row);
  }

  /** The latest alert of a transition: what a recovery note refers to. */
  lastAlert(channel: string, transition: TransitionFrom): AlertPost | null {
    const sql = `SELECT ${POST_COLUMNS} FROM leak_alert_posts
      WHERE channel = ? AND transition = ? AND kind = 'alert' ORDER BY posted_at DESC, rowid DESC LIMIT 1`;
    const row = prepareCached(this.db, sql).get(channel, transition) as PostRow | undefined;
    return row === undefined ? null : readPost(row);
  }

  listPosts(channel: string): AlertPost[] {
    const sql = `SELECT ${POST_COLUMNS} FROM leak_alert_posts WHERE channel = ? ORDER BY posted_at, rowid`;
    return (prepareCached(this.db, sql).all(channel) as PostRow[]).map(readPost);
  }

  /** When the last check of the channel that ran to its end began; null before the first. */
  lastCheckedAt(channel: string): number | null {
    const sql = 'SELECT MAX(checked_at) FROM leak_alert_state WHERE channel = ?';
    return (prepareCached(this.db, sql).pluck(true).get(channel) as number | null) ?? null;
  }
}
