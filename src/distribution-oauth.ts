// Distribution mode over Slack's OAuth (SLACK_CLIENT_ID set): the directory store that holds the installations and
// the OAuth states already used, the view of it the workspace registry reads, and what an uninstall sets off — the
// workspace closed at once, its data kept 30 days (a reinstall by mistake finds it again), then deleted.

import { buildSecrets } from './app.js';
import type { Config } from './config.js';
import { openDirectoryStore } from './directory-store.js';
import {
  buildClientOptions,
  buildDistributionRuntime,
  type DistributionOverrides,
  type DistributionRuntime,
} from './distribution-runtime.js';
import { createLogger, type Logger } from './log.js';
import type { InstallationRecord, Installations as OAuthInstallations } from './slack/installations.js';
import { buildInstallations } from './slack/oauth.js';
import { RevokedTokenError } from './slack/revoked-token.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import type { Store } from './store/open-store.js';
import type { Installations } from './workspace-registry.js';
import { deleteWorkspaceData, isWorkspaceKey } from './workspace-store.js';

export { DIRECTORY_SCHEMA, openDirectoryStore } from './directory-store.js';

/** How often uninstalled workspaces past their 30 days are looked for (and once at start). */
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/** An installation's key ('T:<team>', 'E:<enterprise>') as the workspace key the registry and the stores use. */
export function workspaceKeyOf(installationKey: string): string {
  return installationKey.slice(2);
}

/**
 * The installation a workspace key names: its org-wide install when it is an enterprise, else the team's. Both are
 * read in one statement, with the event loop free: every request's authorization asks (see read-async.ts).
 */
async function findInstallation(installations: OAuthInstallations, key: string): Promise<InstallationRecord | null> {
  if (!isWorkspaceKey(key)) return null;
  // Slack's team ids begin with T and its enterprise ids with E: the likely one comes first.
  const candidates = key.startsWith('T') ? [`T:${key}`, `E:${key}`] : [`E:${key}`, `T:${key}`];
  const records = await installations.fetchAsync(candidates);
  return records.find((record) => record.uninstalledAt === null) ?? null;
}

/** What the registry asks of the installations, answered from the directory (tokens refreshed under the lease). */
export function viewInstallations(installations: OAuthInstallations): Installations {
  return {
    isInstalled: async (key) => (await findInstallation(installations, key)) !== null,
    async botTokenFor(key) {
      const installation = await findInstallation(installations, key);
      if (installation === null) return null;
      try {
        return await installations.botTokenFor(installation.key, installation);
      } catch (error) {
        if (error instanceof RevokedTokenError) return null;
        throw error;
      }
    },
    installedKeys: async () => installations.listActive().map((record) => workspaceKeyOf(record.key)),
    installerOf: async (key) => (await findInstallation(installations, key))?.installerUserId ?? null,
  };
}

export interface OAuthDistribution extends DistributionRuntime {
  installations: OAuthInstallations;
  directory: Store;
  /** Deletes the installations uninstalled more than 30 days ago and their workspaces' data (what the timer runs). */
  purgeNow(): Promise<string[]>;
}

export function buildOAuthDistribution(config: Config, overrides: DistributionOverrides = {}): OAuthDistribution {
  const oauth = config.slack.oauth;
  if (oauth === null) throw new Error('Distribution over OAuth needs SLACK_CLIENT_ID');
  const clock = overrides.clock ?? Date.now;
  const log: Logger = overrides.log ?? createLogger({ level: config.logLevel, secrets: buildSecrets(config) });
  // The directory is opened under DATA_DIR's lock too: a second bot on the folder touches nothing, not even to migrate.
  const lock = config.databaseUrl === undefined ? acquireDataDirLock(config.dataDir, clock()) : undefined;
  let directory: Store;
  try {
    directory = openDirectoryStore(config);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const clientOptions = buildClientOptions(config, overrides, log);
  const installations = buildInstallations(oauth, directory, { clock, log, clientOptions });
  // Released by the runtime's stop, last: the directory closes first, then DATA_DIR is free for another bot.
  const release = {
    release() {
      directory.close();
      lock?.release();
    },
  };
  const view = viewInstallations(installations);
  const runtime = buildDistributionRuntime(config, view, {
    ...overrides,
    log,
    installations,
    directory,
    dataDirLock: release,
  });
  // Tokens are gone the moment Slack says so; the open workspace closes once its requests have finished.
  const unsubscribe = installations.onUninstalled((key) => {
    void runtime.registry.close(workspaceKeyOf(key));
  });
  const purgeNow = async () => {
    const purged = installations.purgeUninstalled(clock());
    for (const key of purged.map(workspaceKeyOf)) {
      await runtime.registry.close(key);
      deleteWorkspaceData(config, directory, key);
      runtime.schedules.forget(key);
      log.info('Deleted the data of a workspace uninstalled 30 days ago', { workspace: key });
    }
    return purged;
  };
  let purging: NodeJS.Timeout | undefined;
  const purgeLogged = () =>
    purgeNow().catch((error: unknown) => log.error('Deleting old workspaces failed', { error }));
  return {
    ...runtime,
    installations,
    directory,
    purgeNow,
    async start() {
      await runtime.start();
      if (overrides.scheduleDigests === false) return;
      void purgeLogged();
      purging = setInterval(purgeLogged, PURGE_EVERY_MS);
      purging.unref();
    },
    async stop() {
      clearInterval(purging);
      unsubscribe();
      await runtime.stop();
    },
  };
}
