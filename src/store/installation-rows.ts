// The Slack installations table (migration 13) and the OAuth states already spent: the rows src/slack/installations.ts
// serves Bolt and the runtime from. Every write is one statement, so two instances on one Postgres (or two processes
// on one SQLite file) never both win what only one may: a refresh lease, an unused state, an uninstall.

import type DataLoader from 'dataloader';
import { type Db, prepareCached, type Store } from './open-store.js';
import { allAsync } from './read-async.js';
import { createReadBatches } from './read-batches.js';
import { isPostgres } from './sql/database.js';

/** One workspace's (or one organisation's) installation. Times are epoch milliseconds. */
export interface InstallationRecord {
  /** 'T:<team id>' or, for an org-wide install, 'E:<enterprise id>'. */
  key: string;
  teamId: string | null;
  teamName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  enterpriseUrl: string | null;
  isEnterpriseInstall: boolean;
  appId: string | null;
  /** Null once uninstalled or revoked. */
  botToken: string | null;
  botId: string | null;
  botUserId: string | null;
  botScopes: readonly string[];
  /** Set when the app uses token rotation: the bot token then expires at `expiresAt`. */
  refreshToken: string | null;
  expiresAt: number | null;
  installerUserId: string | null;
  installedAt: number;
  uninstalledAt: number | null;
}

export interface RefreshedTokens {
  botToken: string;
  refreshToken: string;
  expiresAt: number;
}

interface InstallationRow {
  install_key: string;
  team_id: string | null;
  team_name: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  enterprise_url: string | null;
  is_enterprise_install: number;
  app_id: string | null;
  bot_token: string | null;
  bot_id: string | null;
  bot_user_id: string | null;
  bot_scopes: string;
  refresh_token: string | null;
  expires_at: number | string | null;
  installer_user_id: string | null;
  installed_at: number | string;
  uninstalled_at: number | string | null;
}

const COLUMNS = `install_key, team_id, team_name, enterprise_id, enterprise_name, enterprise_url,
  is_enterprise_install, app_id, bot_token, bot_id, bot_user_id, bot_scopes, refresh_token, expires_at,
  installer_user_id, installed_at, uninstalled_at`;

const UPSERT = `INSERT INTO slack_installations (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
  ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, team_name = excluded.team_name,
    enterprise_id = excluded.enterprise_id, enterprise_name = excluded.enterprise_name,
    enterprise_url = excluded.enterprise_url, is_enterprise_install = excluded.is_enterprise_install,
    app_id = excluded.app_id, bot_token = excluded.bot_token, bot_id = excluded.bot_id,
    bot_user_id = excluded.bot_user_id, bot_scopes = excluded.bot_scopes, refresh_token = excluded.refresh_token,
    expires_at = excluded.expires_at, installer_user_id = excluded.installer_user_id,
    installed_at = excluded.installed_at, uninstalled_at = NULL, refreshing_until = NULL`;

const nullableNumber = (value: number | string | null) => (value === null ? null : Number(value));

function readRecord(row: InstallationRow): InstallationRecord {
  return {
    key: row.install_key,
    teamId: row.team_id,
    teamName: row.team_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    enterpriseUrl: row.enterprise_url,
    isEnterpriseInstall: Number(row.is_enterprise_install) === 1,
    appId: row.app_id,
    botToken: row.bot_token,
    botId: row.bot_id,
    botUserId: row.bot_user_id,
    botScopes: row.bot_scopes === '' ? [] : row.bot_scopes.split(','),
    refreshToken: row.refresh_token,
    expiresAt: nullableNumber(row.expires_at),
    installerUserId: row.installer_user_id,
    installedAt: Number(row.installed_at),
    uninstalledAt: nullableNumber(row.uninstalled_at),
  };
}

export class InstallationRows {
  private readonly db: Db;
  /** On Postgres, the reads of many requests at once go together (read-batches.ts); SQLite answers in microseconds. */
  private readonly batches: DataLoader<string, InstallationRecord | undefined> | null;

  constructor(store: Store) {
    this.db = store.db;
    this.batches = isPostgres(this.db) ? createReadBatches((keys) => this.readMany(keys)) : null;
  }

  /** A new install, or a reinstall: the row is live again with the new tokens. */
  upsert(record: Omit<InstallationRecord, 'uninstalledAt'>): void {
    prepareCached(this.db, UPSERT).run(
      record.key,
      record.teamId,
      record.teamName,
      record.enterpriseId,
      record.enterpriseName,
      record.enterpriseUrl,
      record.isEnterpriseInstall ? 1 : 0,
      record.appId,
      record.botToken,
      record.botId,
      record.botUserId,
      record.botScopes.join(','),
      record.refreshToken,
      record.expiresAt,
      record.installerUserId,
      record.installedAt,
    );
  }

  get(key: string): InstallationRecord | undefined {
    const sql = `SELECT ${COLUMNS} FROM slack_installations WHERE install_key = ?`;
    const row = prepareCached(this.db, sql).get(key) as InstallationRow | undefined;
    return row === undefined ? undefined : readRecord(row);
  }

  /** The rows of these keys, in the order asked (those that exist), read with the event loop free (read-async.ts). */
  async findAsync(keys: readonly string[]): Promise<InstallationRecord[]> {
    const { batches } = this;
    const found =
      batches === null ? await this.readMany(keys) : await Promise.all(keys.map((key) => batches.load(key)));
    return found.filter((record) => record !== undefined);
  }

  /** Each key's row, or undefined, in one statement. */
  private async readMany(keys: readonly string[]): Promise<(InstallationRecord | undefined)[]> {
    if (keys.length === 0) return [];
    const wanted = keys.map(() => '?').join(', ');
    const sql = `SELECT ${COLUMNS} FROM slack_installations WHERE install_key IN (${wanted})`;
    const records = (await allAsync<InstallationRow>(this.db, sql, ...keys)).map(readRecord);
    return keys.map((key) => records.find((record) => record.key === key));
  }

  delete(key: string): boolean {
    return prepareCached(this.db, 'DELETE FROM slack_installations WHERE install_key = ?').run(key).changes > 0;
  }

  /** Drops the tokens and starts the 30 days; true only for the call that uninstalled it (a retried event is not). */
  markUninstalled(key: string, at: number): boolean {
    const sql = `UPDATE slack_installations SET bot_token = NULL, refresh_token = NULL, expires_at = NULL,
      refreshing_until = NULL, uninstalled_at = ? WHERE install_key = ? AND uninstalled_at IS NULL`;
    return prepareCached(this.db, sql).run(at, key).changes > 0;
  }

  listActive(): InstallationRecord[] {
    const sql = `SELECT ${COLUMNS} FROM slack_installations WHERE uninstalled_at IS NULL ORDER BY install_key`;
    return (prepareCached(this.db, sql).all() as InstallationRow[]).map(readRecord);
  }

  /** Deletes the rows uninstalled at or before `before`; answers their keys. */
  purgeUninstalledBefore(before: number): string[] {
    const sql = `DELETE FROM slack_installations WHERE uninstalled_at IS NOT NULL AND uninstalled_at <= ?
      RETURNING install_key`;
    return (prepareCached(this.db, sql).pluck().all(before) as string[]).sort();
  }

  /**
   * One winner among every connection: the lease is taken only while nobody holds an unexpired one and the refresh
   * token is still the one the caller read (a refresh someone else finished has already spent it).
   */
  takeRefreshLease(key: string, refreshToken: string, now: number, until: number): boolean {
    const sql = `UPDATE slack_installations SET refreshing_until = ? WHERE install_key = ? AND refresh_token = ?
      AND uninstalled_at IS NULL AND (refreshing_until IS NULL OR refreshing_until < ?)`;
    return prepareCached(this.db, sql).run(until, key, refreshToken, now).changes > 0;
  }

  /** The lease holder's new tokens, stored and the lease given back in one statement. */
  storeRefreshed(key: string, spentRefreshToken: string, tokens: RefreshedTokens): boolean {
    const sql = `UPDATE slack_installations SET bot_token = ?, refresh_token = ?, expires_at = ?, refreshing_until = NULL
      WHERE install_key = ? AND refresh_token = ?`;
    const { botToken, refreshToken, expiresAt } = tokens;
    return prepareCached(this.db, sql).run(botToken, refreshToken, expiresAt, key, spentRefreshToken).changes > 0;
  }

  releaseRefreshLease(key: string): void {
    prepareCached(this.db, 'UPDATE slack_installations SET refreshing_until = NULL WHERE install_key = ?').run(key);
  }

  /** Records an OAuth state as spent; false when it already was (a replayed callback). */
  spendState(stateId: string, at: number): boolean {
    const sql = 'INSERT INTO slack_oauth_states (state_id, used_at) VALUES (?, ?) ON CONFLICT DO NOTHING';
    return prepareCached(this.db, sql).run(stateId, at).changes > 0;
  }

  /** States older than their lifetime are refused by their signature anyway: their record can go. */
  forgetStatesBefore(before: number): void {
    prepareCached(this.db, 'DELETE FROM slack_oauth_states WHERE used_at < ?').run(before);
  }
}
