// The installations of the app (distribution mode): who installed it where, with which bot token. Bolt reads them
// through installation-store.ts; the runtime reads them to find a workspace's bot token for jobs, to stop a workspace
// that uninstalled the app (onUninstalled) and, daily, to delete what was uninstalled more than 30 days ago.

import type { InstallationRecord, InstallationRows } from '../store/installation-rows.js';
import { RevokedTokenError } from './revoked-token.js';
import { createTokenRefresher, type TokenRefresher, type TokenRefresherOptions } from './token-refresh.js';

export type { InstallationRecord } from '../store/installation-rows.js';

/** How long an uninstalled workspace's data is kept, so a reinstall by mistake finds it again. */
export const UNINSTALLED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface InstallationKeyQuery {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}

/** 'E:<enterprise id>' for an org-wide install (its workspaces share it), 'T:<team id>' otherwise. */
export function installationKeyOf(query: InstallationKeyQuery): string {
  if (query.isEnterpriseInstall === true) {
    if (!query.enterpriseId) throw new Error('An org-wide install names its enterprise');
    return `E:${query.enterpriseId}`;
  }
  if (!query.teamId) throw new Error('A workspace install names its team');
  return `T:${query.teamId}`;
}

export type UninstalledListener = (key: string, record: InstallationRecord) => void;

/** The refresher's options without its rows: the service makes them from the store it is given. */
export type InstallationsOptions = Omit<TokenRefresherOptions, 'rows'>;

export class Installations {
  private readonly listeners = new Set<UninstalledListener>();
  private readonly refresher: TokenRefresher;

  constructor(
    private readonly rows: InstallationRows,
    private readonly options: InstallationsOptions,
  ) {
    this.refresher = createTokenRefresher({ rows, ...options });
  }

  store(record: Omit<InstallationRecord, 'uninstalledAt'>): void {
    this.rows.upsert(record);
  }

  fetch(key: string): InstallationRecord | undefined {
    return this.rows.get(key);
  }

  /** The rows of these keys that exist, in the order asked, read with the event loop free. */
  fetchAsync(keys: readonly string[]): Promise<InstallationRecord[]> {
    return this.rows.findAsync(keys);
  }

  delete(key: string): boolean {
    return this.rows.delete(key);
  }

  /**
   * The app_uninstalled / tokens_revoked path: the tokens go at once, the 30 days start, and the listeners hear of it
   * once however often Slack retries the event.
   */
  markUninstalled(key: string, at: number = this.options.clock()): boolean {
    const record = this.rows.get(key);
    if (record === undefined || !this.rows.markUninstalled(key, at)) return false;
    this.options.log.info('Slack installation removed: tokens deleted, data kept 30 days', { installation: key });
    for (const listener of this.listeners) {
      try {
        listener(key, { ...record, botToken: null, refreshToken: null, expiresAt: null, uninstalledAt: at });
      } catch (error) {
        this.options.log.error('An uninstall listener failed', { installation: key, error });
      }
    }
    return true;
  }

  /** The runtime subscribes to stop the workspace's jobs; the returned function unsubscribes. */
  onUninstalled(listener: UninstalledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listActive(): InstallationRecord[] {
    return this.rows.listActive();
  }

  /** Deletes installations uninstalled more than 30 days before `now`; their keys, for the runtime to delete data. */
  purgeUninstalled(now: number = this.options.clock()): string[] {
    const keys = this.rows.purgeUninstalledBefore(now - UNINSTALLED_RETENTION_MS);
    if (keys.length > 0)
      this.options.log.info('Deleted installations uninstalled 30 days ago', { installations: keys });
    return keys;
  }

  /**
   * The installation with a bot token good for a while: refreshed first (by one instance only) when it expires soon.
   * Throws RevokedTokenError when there is none: never installed, uninstalled, or a refresh Slack refused.
   */
  async fetchFresh(key: string, known?: InstallationRecord): Promise<InstallationRecord & { botToken: string }> {
    const record = await this.refresher.fresh(key, known);
    if (record?.botToken == null)
      throw new RevokedTokenError(key, record === undefined ? 'not_installed' : 'uninstalled');
    return { ...record, botToken: record.botToken };
  }

  /** What a job calls before each run: the workspace's bot token, fresh (`known`: its row, just read). */
  async botTokenFor(key: string, known?: InstallationRecord): Promise<string> {
    return (await this.fetchFresh(key, known)).botToken;
  }
}
